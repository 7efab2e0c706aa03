// The todo routes as a hand-written Lambda handler: API Gateway HTTP API
// (payload 2.0) events in, responses out, the table through the AWS SDK's
// document client. Items keep the layout iac's data store uses for
// `todo:<id>` with label1 `todo-status:<state>:<date>`, so both sides of
// bench/runtime answer from the same kind of rows.
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } = require("@aws-sdk/lib-dynamodb");

const table = process.env.TABLE_NAME;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

function json(statusCode, body) {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** Every todo, or those whose status label starts with the given state. */
async function todos(status) {
  const byStatus = status === "complete" || status === "incomplete";
  const query = byStatus
    ? {
        IndexName: "label1",
        KeyConditionExpression: "label1pk = :p AND begins_with(label1sk, :s)",
        ExpressionAttributeValues: { ":p": "todo-status", ":s": `${status}:` },
      }
    : { KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "todo" } };
  const page = await documents.send(new QueryCommand({ TableName: table, ...query }));
  return (page.Items ?? []).map((row) => row.value);
}

async function save(id, input) {
  const state = input.status === "complete" ? `complete:${new Date().toISOString()}` : `incomplete:${input.duedate ?? "9999"}`;
  const value = { ...input, id, createdAt: Date.now() };
  await documents.send(new PutCommand({ TableName: table, Item: { pk: "todo", sk: id, value, label1pk: "todo-status", label1sk: state } }));
}

exports.handler = async (event) => {
  const method = event.requestContext.http.method;
  const id = event.pathParameters?.id;
  const status = event.queryStringParameters?.status;
  try {
    switch (method) {
      case "GET":
        return json(200, { items: await todos(status) });
      case "POST":
        await save(id, JSON.parse(event.body || "{}"));
        return json(200, { items: await todos(status) });
      case "DELETE":
        await documents.send(new DeleteCommand({ TableName: table, Key: { pk: "todo", sk: id } }));
        return json(200, { items: await todos(status) });
      default:
        return json(405, { error: `${method} is not served here` });
    }
  } catch (error) {
    console.error(error);
    return json(500, { error: "internal error" });
  }
};

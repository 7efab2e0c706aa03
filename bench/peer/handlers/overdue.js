// Hourly: report the incomplete todos whose due date has passed.
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, QueryCommand } = require("@aws-sdk/lib-dynamodb");

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async () => {
  const now = new Date().toISOString();
  const page = await documents.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      IndexName: "label1",
      KeyConditionExpression: "label1pk = :p AND label1sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":p": "todo-status", ":from": "incomplete:", ":to": `incomplete:${now}` },
    }),
  );
  for (const row of page.Items ?? []) console.log(`overdue: ${row.value.name}`);
};

/**
 * End to end: `examples/todo` built for real (one build for this file), its
 * functions run from the assembly's own assets in child processes with the
 * template's environment, against dynalite (DynamoDB protocol, in-process,
 * table created from the template's own table definition) and an SSM
 * stand-in (SSM is unreachable from here; the runtime loads the stage's
 * params from it at cold start only when the app reads params: the todo app
 * reads none, so its template sets IAC_PARAMS_PRELOAD=false and no function
 * calls SSM).
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "../../src/compiler";
import { startLocalDynamo, type LocalDynamo } from "../../src/runtime/data/local";
import { startSsmStandIn, type SsmStandIn } from "../deploy/ssm-stand-in";
import {
  createTableInput,
  httpApiEvent,
  isRecord,
  LambdaProcess,
  ORIGIN_VERIFY,
  readAssembly,
  resolveVariables,
  type Assembly,
  type DeployedFunction,
  type InvokeOutcome,
} from "./lambda";

const APP_DIR = path.resolve(__dirname, "..", "..", "examples", "todo");
const STAGE = "e2e";
// What CloudFormation would name the table: <stack>-<logical id>-<suffix>.
const TABLE_NAME = "todo-e2e-Table-1E2ETEST0000";
const CLOUD_URL = "https://d111111abcdef8.cloudfront.net";
const CREDENTIALS = { accessKeyId: "AKIAE2ETESTKEY000000", secretAccessKey: "e2e-secret" };

let outDir: string;
let assembly: Assembly;
let dynamo: LocalDynamo;
let ssm: SsmStandIn;
let db: DynamoDBDocumentClient;
let tableLogicalId: string;
let http: LambdaProcess;
const processes: LambdaProcess[] = [];

function lambdaEnvironment(fn: DeployedFunction): Record<string, string> {
  return {
    ...resolveVariables(fn.variables, { [tableLogicalId]: TABLE_NAME }),
    AWS_REGION: "eu-west-1",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: "e2e-session",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  };
}

function start(fn: DeployedFunction): LambdaProcess {
  const p = new LambdaProcess(fn, lambdaEnvironment(fn));
  processes.push(p);
  return p;
}

function functionWithId(id: string): DeployedFunction {
  const fn = assembly.functions.find((f) => f.id === id);
  if (!fn) throw new Error(`no function ${id}; have ${assembly.functions.map((f) => f.id).join(", ")}`);
  return fn;
}

interface HttpAnswer {
  statusCode: number;
  headers: Record<string, unknown>;
  json: unknown;
}

/** The invocation succeeded and answered an HTTP API response with a JSON body. */
function httpAnswer(outcome: InvokeOutcome): HttpAnswer {
  if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome.error)}\n${outcome.logs.join("\n")}`);
  const result = outcome.result;
  if (!isRecord(result) || typeof result.statusCode !== "number" || typeof result.body !== "string")
    throw new Error(`not an HTTP API response: ${JSON.stringify(result)}`);
  return { statusCode: result.statusCode, headers: isRecord(result.headers) ? result.headers : {}, json: JSON.parse(result.body) };
}

async function request(method: string, url: string, body?: unknown): Promise<HttpAnswer> {
  return httpAnswer(await http.invoke(httpApiEvent(method, url, body)));
}

async function tableItems(): Promise<Record<string, unknown>[]> {
  const out = await db.send(
    new QueryCommand({ TableName: TABLE_NAME, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": "todo" }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

function paramsRequests(): number {
  return ssm.requests.filter((r) => r.target === "AmazonSSM.GetParametersByPath" && r.body.Path === `/iac/todo/${STAGE}/`).length;
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-e2e-todo-"));
  const built = await build(APP_DIR, { stage: STAGE, outDir });
  if (!built.ok) throw new Error(`build failed: ${JSON.stringify(built.diagnostics, null, 2)}`);
  assembly = readAssembly(built.assemblyDir, built.stackName);

  // The table exactly as the template defines it (key schema and label GSIs), under the name CloudFormation would give it.
  const tables = Object.entries(assembly.resources).filter(([, r]) => r.Type === "AWS::DynamoDB::Table");
  expect(tables).toHaveLength(1);
  const [logicalId, table] = tables[0];
  tableLogicalId = logicalId;
  const props = table.Properties;
  dynamo = await startLocalDynamo();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "eu-west-1", credentials: CREDENTIALS });
  await client.send(new CreateTableCommand(createTableInput(TABLE_NAME, props)));
  db = DynamoDBDocumentClient.from(client);

  ssm = await startSsmStandIn();
  ssm.params.set(`/iac/todo/${STAGE}/CLOUD_URL`, {
    Name: `/iac/todo/${STAGE}/CLOUD_URL`,
    Type: "String",
    Value: CLOUD_URL,
    Version: 1,
    LastModifiedDate: 1_790_000_000,
  });

  http = start(functionWithId("http"));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
  db?.destroy();
  await ssm?.close();
  await dynamo?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe("the todo app's HTTP function, as deployed", () => {
  test("the template wires it as the issue says: the shared bundle's index.handler, stage env, the table by Ref", () => {
    const fn = functionWithId("http");
    expect(fn.handler).toBe("index.handler");
    expect(
      fs
        .readdirSync(fn.codeDir)
        .filter((f) => /^index\./.test(f))
        .sort(),
    ).toEqual(["index.mjs", "index.mjs.map"]);
    expect(fn.variables).toMatchObject({
      IAC_APP: "todo",
      IAC_STAGE: STAGE,
      IAC_FUNCTION: "http",
      IAC_PARAMS_PATH: `/iac/todo/${STAGE}/`,
      IAC_PARAMS_PRELOAD: "false",
      IAC_TABLE: { Ref: tableLogicalId },
    });
    // One bundle for every function.
    expect(new Set(assembly.functions.map((f) => f.codeDir)).size).toBe(1);
  });

  test("GET /todos?status=all on a cold container: no params read in the app, so no SSM call; an empty list", async () => {
    const answer = await request("GET", "/todos?status=all");
    expect(answer).toEqual({ statusCode: 200, headers: expect.objectContaining({ "content-type": "application/json; charset=utf-8" }), json: { items: [] } });
    expect(paramsRequests()).toBe(0);
  });

  test("POST /todos/:id with a JSON body creates todos and answers with the list", async () => {
    const milk = await request("POST", "/todos/milk", { name: " Buy milk ", duedate: "2020-01-01" });
    expect(milk.statusCode).toBe(200);
    expect(milk.json).toEqual({
      todo: { id: "milk", name: "Buy milk", status: "incomplete", duedate: "2020-01-01T00:00:00.000Z", createdAt: expect.any(String) },
      items: [expect.objectContaining({ id: "milk" })],
    });

    const report = await request("POST", "/todos/report?status=incomplete", { name: "Write report" });
    expect(report.statusCode).toBe(200);
    expect(report.json).toMatchObject({ todo: { id: "report", status: "incomplete" }, items: [{ id: "milk" }, { id: "report" }] });

    const tax = await request("POST", "/todos/tax?status=complete", { name: "File taxes", status: "complete" });
    expect(tax.statusCode).toBe(200);
    expect(tax.json).toMatchObject({ todo: { id: "tax", status: "complete", completedAt: expect.any(String) }, items: [{ id: "tax" }] });

    // Nor on warm invocations.
    expect(paramsRequests()).toBe(0);
  });

  test("the data is in the table in the deployed layout, label1 set for the status query", async () => {
    const items = await tableItems();
    expect(items.map((i) => i.sk)).toEqual(["milk", "report", "tax"]);
    const [milk, report, tax] = items;
    expect(milk).toMatchObject({
      pk: "todo",
      value: { id: "milk", name: "Buy milk", status: "incomplete", duedate: "2020-01-01T00:00:00.000Z" },
      label1pk: "status",
      label1sk: "incomplete:2020-01-01T00:00:00.000Z",
      created: expect.any(Number),
      modified: expect.any(Number),
    });
    expect(report).toMatchObject({ label1pk: "status", label1sk: "incomplete:9999-12-31T23:59:59.999Z" });
    expect(tax).toMatchObject({ label1pk: "status", label1sk: `complete:${String(isRecord(tax.value) ? tax.value.completedAt : "")}` });
  });

  test("GET /todos?status=incomplete is a label query, ordered by due date", async () => {
    const answer = await request("GET", "/todos?status=incomplete");
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual({ items: [expect.objectContaining({ id: "milk" }), expect.objectContaining({ id: "report" })] });
    const complete = await request("GET", "/todos?status=complete");
    expect(complete.json).toEqual({ items: [expect.objectContaining({ id: "tax", name: "File taxes" })] });
  });

  test("the app's error middleware answers a bad request with 400, not a failed invocation", async () => {
    const bad = await request("GET", "/todos?status=someday");
    expect(bad).toMatchObject({ statusCode: 400, json: { error: 'status must be all, complete or incomplete, not "someday"' } });
    const nameless = await request("POST", "/todos/empty", { status: "complete" });
    expect(nameless).toMatchObject({ statusCode: 400, json: { error: "name is required" } });
  });

  test("POST /todos/:id updates in place: back to incomplete drops completedAt and moves the label", async () => {
    const answer = await request("POST", "/todos/tax", { status: "incomplete" });
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toMatchObject({ todo: { id: "tax", name: "File taxes", status: "incomplete" } });
    const items = await tableItems();
    const tax = items.find((i) => i.sk === "tax");
    expect(tax).toMatchObject({ label1sk: "incomplete:9999-12-31T23:59:59.999Z" });
    expect(isRecord(tax?.value) && "completedAt" in tax.value).toBe(false);
  });

  test("DELETE /todos/:id removes the item and answers with what is left", async () => {
    const answer = await request("DELETE", "/todos/milk");
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual({ items: [expect.objectContaining({ id: "report" }), expect.objectContaining({ id: "tax" })] });
    expect((await tableItems()).map((i) => i.sk)).toEqual(["report", "tax"]);
  });

  test("an event it cannot place fails the invocation (so the platform retries), and the container lives on", async () => {
    const outcome = await http.invoke({ hello: "world" });
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errorMessage).toMatch(/unrecognised Lambda event/);
    expect((await request("GET", "/todos")).statusCode).toBe(200);
  });

  test("a request straight to the execute-api endpoint, without CloudFront's header, is 403 and touches nothing", async () => {
    const before = await tableItems();
    const event = httpApiEvent("POST", "/todos/sneaky", { title: "not through CloudFront" });
    const headers = { ...(event.headers as Record<string, string>) };
    delete headers[ORIGIN_VERIFY.header];
    const answer = httpAnswer(await http.invoke({ ...event, headers }));
    expect(answer).toMatchObject({ statusCode: 403, json: { error: "Forbidden" } });
    expect(await tableItems()).toEqual(before);
  });
});

describe("the todo app's schedule function, as deployed", () => {
  test("the EventBridge rule's own input runs alertOverdue, which logs each overdue todo", async () => {
    await request("POST", "/todos/rent", { name: "Pay rent", duedate: "2021-06-01T09:00:00Z" });

    const rules = Object.values(assembly.resources).filter((r) => r.Type === "AWS::Events::Rule");
    expect(rules).toHaveLength(1);
    const rule = rules[0].Properties;
    expect(rule.ScheduleExpression).toBe("rate(60 minutes)");
    const targets = Array.isArray(rule.Targets) ? rule.Targets : [];
    expect(targets).toHaveLength(1);
    const target: unknown = targets[0];
    if (!isRecord(target) || typeof target.Input !== "string" || !isRecord(target.Arn) || !Array.isArray(target.Arn["Fn::GetAtt"]))
      throw new Error(`unexpected rule target ${JSON.stringify(target)}`);
    const input: unknown = JSON.parse(target.Input);
    expect(input).toEqual({ iac: "schedule", expression: "rate(60 minutes)" });
    const targetId: unknown = target.Arn["Fn::GetAtt"][0];
    const fn = assembly.functions.find((f) => f.logicalId === targetId);
    if (!fn) throw new Error("the rule targets no iac function");
    expect(fn.id).toMatch(/^schedule-/);
    expect(fn.variables.IAC_FUNCTION).toBe(fn.id);

    const outcome = await start(fn).invoke(input);
    expect(outcome).toMatchObject({ ok: true });
    const alerts = outcome.logs.filter((line) => line.includes("ALERT:"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("ALERT: 'Pay rent' is overdue (due 2021-06-01T09:00:00.000Z)");
    // Its own cold start skips the params too.
    expect(paramsRequests()).toBe(0);
  });
});

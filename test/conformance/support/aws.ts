/**
 * The AWS path: the runtime as a deployed function runs it, in this process.
 * Its backends are the ones `prepareLambda()` configures from a function's
 * environment (the template's variables, ARCHITECTURE.md "Environment"):
 * DynamoDB on dynalite (the table with the deployed layout), S3 on s3rver,
 * SSM, EventBridge and EventBridge Scheduler on stand-ins speaking their
 * protocols, each reached by the AWS SDK through `AWS_ENDPOINT_URL_<SERVICE>`.
 * Every delivery goes through the Lambda entry (`handler` of
 * src/runtime/lambda.ts) with the event Lambda would get:
 *
 * - requests to `params.CLOUD_URL` (stored in SSM, as the stack does) reach
 *   an API Gateway stand-in, which invokes with HTTP API payload 2.0 events;
 * - schedules are `{ iac: "schedule", expression }` rule inputs;
 * - published events go to the EventBridge stand-in, which invokes with the
 *   bus event; delayed ones to the Scheduler stand-in, which puts the
 *   schedule's event on the bus when it is due;
 * - data changes are NEW_AND_OLD_IMAGES stream records (dynalite has no
 *   streams: the DynamoDB backend's change report is turned into the
 *   records DynamoDB would write, test/support/data.ts), in order;
 * - storage changes are s3rver's own S3 notification records.
 *
 * Failed background invocations are retried as Lambda does (asynchronous
 * invocations twice more; a stream batch until it succeeds, blocking what
 * follows). Why in-process rather than the bundle under Node 22: the
 * statements register handlers and watch them run within one test, which
 * needs one process; loading a bundle as Lambda loads it is
 * test/matrix's and lambda-bundle.test.ts's, with the same runtime code.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import S3rver from "s3rver";
import { appName, appOrg } from "../../../src/config/app-names";
import { configureRuntime } from "../../../src/runtime/internal";
import { configureData, createDynamoBackend, type DynamoDBStreamRecordLike } from "../../../src/runtime/data";
import { localDynamoClient, startLocalDynamo } from "../../../src/runtime/data/local";
import { configureStorage } from "../../../src/runtime/storage";
import { handler, prepareLambda } from "../../../src/runtime/lambda";
import { resetLambdaSetup } from "../../../src/runtime/adapters/lambda/setup";
import { startSsmStandIn } from "../../deploy/ssm-stand-in";
import { recordCommands, toStreamRecord } from "../../support/data";
import { FIXTURE } from "../statements/fixture";
import type { PathHarness } from "./define";

export const AWS_STAGE = "conformance";
const REGION = "eu-west-1";
const ACCOUNT = "123456789012";
const TABLE = "sdk-conformance-conformance-Table-CONF0001";
const BUCKET = "sdk-conformance-conformance-bucket-conf0001";
const BUS = "iac-sdk-conformance-conformance";
const SCHEDULER_GROUP = "iac-sdk-conformance-conformance";
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:sdk-conformance-conformance-http`;

/** One Lambda invocation of the function, as the service makes it. */
async function invoke(event: unknown): Promise<unknown> {
  return handler(event, { invokedFunctionArn: FUNCTION_ARN });
}

/**
 * Deliveries in order, each retried after a failure before the next runs
 * (a stream shard's poller; for asynchronous invocations, order is
 * merely kept). After its last attempt a delivery is dropped and logged.
 */
function deliveryQueue<T>(deliver: (item: T) => Promise<void>, attempts: number, log: (line: string) => void) {
  let tail = Promise.resolve();
  let closed = false;
  return {
    push(item: T): void {
      tail = tail.then(async () => {
        for (let attempt = 1; !closed; attempt++) {
          try {
            await deliver(item);
            return;
          } catch (error) {
            if (attempt >= attempts) return log(`a delivery failed ${attempts} times and was dropped: ${String(error)}`);
            await new Promise((resolve) => setTimeout(resolve, 40 * 2 ** attempt));
          }
        }
      });
    },
    close(): void {
      closed = true;
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Media types API Gateway passes as text; any other body arrives base64-encoded. */
function isText(type: string | undefined): boolean {
  return /^(text\/|application\/(json|[^;]*\+json|xml|[^;]*\+xml|javascript|x-www-form-urlencoded))/i.test(type ?? "");
}

/** An API Gateway HTTP API ($default route, payload 2.0) in front of the function. */
function apiGateway(log: (line: string) => void): http.Server {
  return http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://localhost");
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name !== "cookie" && value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
      }
      const cookies = req.headers.cookie ? req.headers.cookie.split(/;\s*/).filter(Boolean) : undefined;
      const binary = body.length > 0 && !isText(headers["content-type"]);
      const event = {
        version: "2.0",
        routeKey: "$default",
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        ...(cookies ? { cookies } : {}),
        headers,
        ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
        requestContext: {
          accountId: ACCOUNT,
          apiId: "conf01",
          domainName: headers.host,
          http: { method: req.method ?? "GET", path: url.pathname, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers["user-agent"] ?? "" },
          requestId: randomUUID(),
          routeKey: "$default",
          stage: "$default",
          timeEpoch: Date.now(),
        },
        ...(body.length > 0 ? { body: binary ? body.toString("base64") : body.toString("utf8") } : {}),
        isBase64Encoded: binary,
      };
      let result: { statusCode: number; headers?: Record<string, string>; cookies?: string[]; body?: string; isBase64Encoded?: boolean };
      try {
        result = (await invoke(event)) as typeof result;
      } catch (error) {
        // A failed invocation: API Gateway answers 500 on its own.
        log(`API Gateway: the invocation failed: ${String(error)}`);
        res.writeHead(500, { "content-type": "application/json" }).end('{"message":"Internal Server Error"}');
        return;
      }
      const out: http.OutgoingHttpHeaders = { ...(result.headers ?? {}) };
      if (result.cookies?.length) out["set-cookie"] = result.cookies;
      const payload = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
      delete out["content-length"];
      delete out["transfer-encoding"];
      res.writeHead(result.statusCode, { ...out, "content-length": String(payload.length) });
      res.end(payload);
    })();
  });
}

/**
 * EventBridge (PutEvents, JSON 1.1) and EventBridge Scheduler
 * (CreateSchedule, REST) stand-ins that deliver: the stage bus's rules send
 * the app's events to the function; a one-time schedule puts its event on
 * the bus at its `at()` time (only when due within a minute: later ones
 * stay pending, as no test waits for them).
 */
function eventServices(app: string, deliver: (event: unknown) => void) {
  const timers = new Set<NodeJS.Timeout>();
  const busEvent = (source: string, detailType: string, detail: string, time: string) => ({
    version: "0",
    id: randomUUID(),
    "detail-type": detailType,
    source,
    account: ACCOUNT,
    time,
    region: REGION,
    resources: [],
    detail: JSON.parse(detail),
  });
  const put = (source: string, detailType: string, detail: string) => {
    if (source === `iac.${app}`) deliver(busEvent(source, detailType, detail, new Date().toISOString()));
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(body));
  };
  const eventBridge = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      if (req.headers["x-amz-target"] !== "AWSEvents.PutEvents") return json(res, 400, { __type: "UnknownOperationException" });
      const entries: { Source: string; DetailType: string; Detail: string; EventBusName: string }[] = JSON.parse(raw.toString("utf8")).Entries ?? [];
      json(res, 200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) });
      // After the answer: PutEvents returns once the bus has the event, before any rule runs.
      setImmediate(() => {
        for (const e of entries) if (e.EventBusName === BUS) put(e.Source, e.DetailType, e.Detail);
      });
    });
  });
  const scheduler = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      const name = /^\/schedules\/([^/?]+)/.exec(req.url ?? "")?.[1];
      if (req.method !== "POST" || !name) return json(res, 404, { message: "unknown route" });
      const body = JSON.parse(raw.toString("utf8")) as {
        ScheduleExpression: string;
        GroupName: string;
        Target: { Input: string; EventBridgeParameters: { Source: string; DetailType: string } };
      };
      const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(body.ScheduleExpression)?.[1];
      if (!at || body.GroupName !== SCHEDULER_GROUP) return json(res, 400, { message: `unexpected schedule ${body.ScheduleExpression} in ${body.GroupName}` });
      json(res, 200, { ScheduleArn: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${SCHEDULER_GROUP}/${name}` });
      const due = Date.parse(`${at}Z`) - Date.now();
      if (due > 60_000) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          put(body.Target.EventBridgeParameters.Source, body.Target.EventBridgeParameters.DetailType, body.Target.Input);
        },
        Math.max(0, due),
      );
      timers.add(timer);
    });
  });
  return {
    eventBridge,
    scheduler,
    close(): void {
      for (const t of timers) clearTimeout(t);
    },
  };
}

const ENVIRONMENT_NAMES = [
  "IAC_APP",
  "IAC_STAGE",
  "IAC_ORG",
  "IAC_FUNCTION",
  "IAC_TABLE",
  "IAC_BUCKET",
  "IAC_EVENT_BUS",
  "IAC_SCHEDULER_GROUP",
  "IAC_SCHEDULER_ROLE_ARN",
  "IAC_PARAMS_PATH",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_ENDPOINT_URL_DYNAMODB",
  "AWS_ENDPOINT_URL_S3",
  "AWS_ENDPOINT_URL_SSM",
  "AWS_ENDPOINT_URL_EVENTBRIDGE",
  "AWS_ENDPOINT_URL_SCHEDULER",
];

export async function startAws(appDir: string): Promise<PathHarness> {
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  const manifest = JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8")) as { name?: string };
  const app = appName(manifest.name, appDir);
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-conformance-s3-"));
  const s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const [dynamo, s3Address, ssm] = await Promise.all([startLocalDynamo(undefined, TABLE), s3.run(), startSsmStandIn()]);

  const asyncInvocations = deliveryQueue<unknown>(async (event) => void (await invoke(event)), 3, log);
  const services = eventServices(app, (event) => asyncInvocations.push(event));
  const gateway = apiGateway(log);
  const [eventBridgeUrl, schedulerUrl, cloudUrl] = await Promise.all([listen(services.eventBridge), listen(services.scheduler), listen(gateway)]);

  // The stage's params, and CLOUD_URL, which the stack stores beside them.
  const prefix = `/iac/${app}/${AWS_STAGE}/`;
  const stored: Record<string, string> = { ...FIXTURE.params, CLOUD_URL: cloudUrl };
  for (const [name, value] of Object.entries(stored)) {
    const type = FIXTURE.secretParams.includes(name) ? "SecureString" : "String";
    ssm.params.set(`${prefix}${name}`, { Name: `${prefix}${name}`, Type: type, Value: value, Version: 1, LastModifiedDate: 1_790_000_000 });
  }

  const previous = Object.fromEntries(ENVIRONMENT_NAMES.map((name) => [name, process.env[name]]));
  Object.assign(process.env, {
    IAC_APP: app,
    IAC_STAGE: AWS_STAGE,
    IAC_ORG: appOrg(appDir, app),
    IAC_FUNCTION: "http",
    IAC_TABLE: TABLE,
    IAC_BUCKET: BUCKET,
    IAC_EVENT_BUS: BUS,
    IAC_SCHEDULER_GROUP: SCHEDULER_GROUP,
    IAC_SCHEDULER_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/sdk-conformance-scheduler`,
    IAC_PARAMS_PATH: prefix,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // s3rver knows one key pair; the others accept any signature.
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_SESSION_TOKEN: "conformance-session",
    AWS_LAMBDA_FUNCTION_NAME: "sdk-conformance-conformance-http",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Address.port}`,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridgeUrl,
    AWS_ENDPOINT_URL_SCHEDULER: schedulerUrl,
  });

  // The table's stream, fed from the DynamoDB backend's report of each write.
  const client = localDynamoClient(dynamo.endpoint);
  const commands = recordCommands(client);
  let sequence = 0;
  const stream = deliveryQueue<DynamoDBStreamRecordLike>((record) => invoke({ Records: [record] }).then(() => undefined), 10, log);
  configureData(createDynamoBackend({ table: TABLE, client, onChange: (change) => stream.push(toStreamRecord(change, sequence++)) }));
  // S3's event notifications, as the bucket sends them to the function.
  s3.on("event", (e: { Records: unknown[] }) => asyncInvocations.push({ Records: e.Records }));
  // The bundle ships static/'s pages beside index.mjs; errors go to the function's log.
  configureRuntime({ staticDir: path.join(appDir, "static"), logger: { error: log } });
  resetLambdaSetup();
  await prepareLambda();

  return {
    logs,
    ctx: {
      path: "aws",
      stage: AWS_STAGE,
      // The rule's input, as EventBridge invokes the schedule's function.
      async fireSchedule(expression) {
        await invoke({ iac: "schedule", expression });
      },
      errorLogs: () => logs,
      dataCommands: () => commands,
    },
    async close() {
      stream.close();
      asyncInvocations.close();
      services.close();
      configureData(undefined);
      configureStorage(undefined);
      await Promise.all([closeServer(gateway), closeServer(services.eventBridge), closeServer(services.scheduler), ssm.close(), s3.close(), dynamo.close()]);
      client.destroy();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      fs.rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

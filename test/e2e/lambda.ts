/**
 * Runs a built function the way Lambda would: its code is the asset
 * directory the template's `AWS::Lambda::Function` `Code` points to, its
 * entry is the `Handler` property, its environment is the template's
 * `Environment.Variables` with CloudFormation references resolved by the
 * test, and it runs in its own Node process (lambda-driver.js) that serves
 * one invocation at a time and keeps module state between them, like a warm
 * container. As on Lambda: Node 22, the code copied alone into a fresh task
 * root with no package.json above it, the AWS SDK v3 beside it (NODE_PATH),
 * the handler module found as the runtime finds it (.js, .mjs, .cjs).
 */
import type { CreateTableCommandInput, KeySchemaElement } from "@aws-sdk/client-dynamodb";
import { spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import * as readline from "readline";
import { node22 } from "../support/node22";

const REPO = path.resolve(__dirname, "..", "..");
const DRIVER = path.join(__dirname, "lambda-driver.js");
const MARK = "@@lambda-result ";

export interface DeployedFunction {
  logicalId: string;
  /** `IAC_FUNCTION`: the function plan id synth wired in. */
  id: string;
  /** The asset directory Lambda would unzip into /var/task. */
  codeDir: string;
  /** e.g. `index.handler`. */
  handler: string;
  /** Raw `Environment.Variables`: strings or CloudFormation intrinsics. */
  variables: Record<string, unknown>;
}

export interface Assembly {
  /** Logical id to resource. */
  resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  functions: DeployedFunction[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readJson(file: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isRecord(parsed)) throw new Error(`${file} is not a JSON object`);
  return parsed;
}

/** Reads a stack's template and, for each iac function, the asset its `Code` names (through the assembly's asset manifest). */
export function readAssembly(assemblyDir: string, stackName: string): Assembly {
  const template = readJson(path.join(assemblyDir, `${stackName}.template.json`));
  const assets = readJson(path.join(assemblyDir, `${stackName}.assets.json`));
  const files = isRecord(assets.files) ? assets.files : {};
  const resources: Assembly["resources"] = {};
  const functions: DeployedFunction[] = [];
  for (const [logicalId, resource] of Object.entries(isRecord(template.Resources) ? template.Resources : {})) {
    if (!isRecord(resource) || typeof resource.Type !== "string") continue;
    const props = isRecord(resource.Properties) ? resource.Properties : {};
    resources[logicalId] = { Type: resource.Type, Properties: props };
    if (resource.Type !== "AWS::Lambda::Function") continue;
    const variables = isRecord(props.Environment) && isRecord(props.Environment.Variables) ? props.Environment.Variables : {};
    if (typeof variables.IAC_FUNCTION !== "string") continue; // CDK's own helpers (bucket deployment)
    const key = isRecord(props.Code) ? props.Code.S3Key : undefined;
    if (typeof key !== "string" || !key.endsWith(".zip")) throw new Error(`${logicalId}: Code.S3Key is not an asset zip: ${JSON.stringify(props.Code)}`);
    const asset = files[key.slice(0, -".zip".length)];
    const source = isRecord(asset) && isRecord(asset.source) ? asset.source : undefined;
    if (!source || typeof source.path !== "string" || source.packaging !== "zip")
      throw new Error(`${logicalId}: no zip asset for ${key} in the asset manifest`);
    if (typeof props.Handler !== "string") throw new Error(`${logicalId}: no Handler`);
    functions.push({ logicalId, id: variables.IAC_FUNCTION, codeDir: path.join(assemblyDir, source.path), handler: props.Handler, variables });
  }
  return { resources, functions };
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function keySchema(value: unknown): KeySchemaElement[] {
  return records(value).map((k) => ({ AttributeName: String(k.AttributeName), KeyType: k.KeyType === "HASH" ? "HASH" : "RANGE" }));
}

/** A template's `AWS::DynamoDB::Table` properties as the CreateTable call CloudFormation would make, for the table `name`. */
export function createTableInput(name: string, props: Record<string, unknown>): CreateTableCommandInput {
  const indexes = records(props.GlobalSecondaryIndexes).map((g) => {
    const projection = isRecord(g.Projection) ? g.Projection.ProjectionType : undefined;
    return {
      IndexName: String(g.IndexName),
      KeySchema: keySchema(g.KeySchema),
      Projection: { ProjectionType: projection === "KEYS_ONLY" ? "KEYS_ONLY" : projection === "INCLUDE" ? "INCLUDE" : "ALL" },
    } as const;
  });
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: keySchema(props.KeySchema),
    AttributeDefinitions: records(props.AttributeDefinitions).map((a) => ({
      AttributeName: String(a.AttributeName),
      AttributeType: a.AttributeType === "N" ? "N" : a.AttributeType === "B" ? "B" : "S",
    })),
    // DynamoDB (and dynalite) refuse an empty list.
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}

/** The stack's id as CloudFormation would give it to `AWS::StackId`: its UUID is what CloudFront proves its requests with. */
export const STACK_ID = "arn:aws:cloudformation:eu-west-1:123456789012:stack/iac-e2e/3f1c8a60-9b2d-11ef-8c3a-0a1b2c3d4e5f";

/** The header CloudFront adds to every request for the API (synth's http.ts), with this stack's value. */
export const ORIGIN_VERIFY = { header: "x-iac-origin-verify", value: STACK_ID.split("/")[2] };
/** What the distribution's viewer-request function adds: the origin secret and the viewer's Host (here the distribution's own domain). */
export const VIEWER_HOST = { header: "x-iac-viewer-host", value: `${ORIGIN_VERIFY.value} d111111abcdef8.cloudfront.net` };

/**
 * The value of the intrinsics synth puts in a function's environment that need no resource:
 * `AWS::StackId`, and `Fn::Select` over `Fn::Split` of it; undefined for anything else.
 */
function stackIntrinsic(value: unknown): string | undefined {
  if (isRecord(value) && value.Ref === "AWS::StackId") return STACK_ID;
  const select = isRecord(value) ? value["Fn::Select"] : undefined;
  if (!Array.isArray(select) || typeof select[0] !== "number") return undefined;
  const split = isRecord(select[1]) ? select[1]["Fn::Split"] : undefined;
  if (!Array.isArray(split) || typeof split[0] !== "string") return undefined;
  const whole = stackIntrinsic(split[1]);
  return whole === undefined ? undefined : whole.split(split[0])[select[0]];
}

/**
 * The variables as Lambda would see them: `{ Ref }` looked up in `refs`,
 * `{ Fn::GetAtt: [id, "Arn"] }` in `arns`, the stack's own id; any other
 * intrinsic is an error (new wiring the test must learn).
 */
export function resolveVariables(variables: Record<string, unknown>, refs: Record<string, string>, arns: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    const stack = stackIntrinsic(value);
    const getAtt = isRecord(value) && Array.isArray(value["Fn::GetAtt"]) && value["Fn::GetAtt"][1] === "Arn" ? String(value["Fn::GetAtt"][0]) : undefined;
    if (typeof value === "string") out[name] = value;
    else if (stack !== undefined) out[name] = stack;
    else if (isRecord(value) && typeof value.Ref === "string" && value.Ref in refs) out[name] = refs[value.Ref];
    else if (getAtt !== undefined && getAtt in arns) out[name] = arns[getAtt];
    else throw new Error(`${name}: cannot resolve ${JSON.stringify(value)}`);
  }
  return out;
}

export interface InvokeOutcome {
  ok: boolean;
  result?: unknown;
  error?: { errorType: string; errorMessage: string };
  /** What the function logged (stdout and stderr) during this invocation. */
  logs: string[];
}

/** One warm "container": a child process serving invocations in order. */
export class LambdaProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private logs: string[] = [];
  private waiting: ((outcome: InvokeOutcome) => void)[] = [];
  private exited: string | undefined;

  /** The task root the code was copied to (removed by `close`). */
  readonly taskRoot: string;

  constructor(fn: DeployedFunction, env: Record<string, string>) {
    this.taskRoot = taskRootWith(fn.codeDir);
    this.child = spawn(node22(), [DRIVER, this.taskRoot, fn.handler], {
      cwd: this.taskRoot,
      // Only what Lambda provides: nothing leaks in from the test's own environment.
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        LAMBDA_TASK_ROOT: this.taskRoot,
        // The Lambda image ships the AWS SDK v3 (bundles keep @aws-sdk/* external): this repo's copy plays that part.
        NODE_PATH: path.join(REPO, "node_modules"),
        TZ: ":UTC",
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith(MARK)) {
        this.logs.push(line);
        return;
      }
      const parsed: unknown = JSON.parse(line.slice(MARK.length));
      const logs = this.logs;
      this.logs = [];
      const ok = isRecord(parsed) && parsed.ok === true;
      const error =
        isRecord(parsed) && isRecord(parsed.error) ? { errorType: String(parsed.error.errorType), errorMessage: String(parsed.error.errorMessage) } : undefined;
      this.waiting.shift()?.({ ok, result: isRecord(parsed) ? parsed.result : undefined, error, logs });
    });
    readline.createInterface({ input: this.child.stderr }).on("line", (line) => this.logs.push(line));
    this.child.on("exit", (code, signal) => {
      this.exited = `exited with ${code ?? signal}: ${this.logs.join("\n")}`;
      for (const resolve of this.waiting.splice(0)) resolve({ ok: false, error: { errorType: "Runtime.Exit", errorMessage: this.exited }, logs: this.logs });
    });
  }

  invoke(event: unknown): Promise<InvokeOutcome> {
    if (this.exited) return Promise.reject(new Error(`the function process ${this.exited}`));
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(JSON.stringify({ event }) + "\n");
    });
  }

  /** What the handler module exports once loaded (a load check: no event is dispatched). */
  describe(): Promise<InvokeOutcome> {
    if (this.exited) return Promise.reject(new Error(`the function process ${this.exited}`));
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(JSON.stringify({ describe: true }) + "\n");
    });
  }

  async close(): Promise<void> {
    if (!this.exited) {
      await new Promise<void>((resolve) => {
        this.child.once("exit", () => resolve());
        this.child.stdin.end();
      });
    }
    fs.rmSync(path.dirname(this.taskRoot), { recursive: true, force: true });
  }
}

/** A copy of the function's code alone in a fresh folder (a new `iac-lambda-XXXX/task` under the OS temp dir), as Lambda unzips it into /var/task. */
function taskRootWith(codeDir: string): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iac-lambda-")), "task");
  fs.cpSync(codeDir, root, { recursive: true });
  for (let dir = root; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && dir !== root)
      throw new Error(`${dir}/package.json is above the task root: the bundle would not load as on Lambda`);
  }
  return root;
}

/** An API Gateway HTTP API payload 2.0 event for the `$default` route, as Lambda receives it from the app's CloudFront distribution. */
export function httpApiEvent(method: string, pathAndQuery: string, body?: unknown): Record<string, unknown> {
  const [rawPath, rawQueryString = ""] = pathAndQuery.split("?");
  const queryStringParameters = Object.fromEntries(new URLSearchParams(rawQueryString));
  const host = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-encoding": "gzip, deflate, br",
    host,
    "user-agent": "Mozilla/5.0",
    "x-amzn-trace-id": "Root=1-67891233-abcdef012345678912345678",
    "x-forwarded-for": "203.0.113.7",
    "x-forwarded-port": "443",
    "x-forwarded-proto": "https",
    [ORIGIN_VERIFY.header]: ORIGIN_VERIFY.value,
    [VIEWER_HOST.header]: VIEWER_HOST.value,
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) headers["content-length"] = String(Buffer.byteLength(text));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      domainName: host,
      domainPrefix: "a1b2c3d4e5",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "Mozilla/5.0" },
      requestId: `req-${method}-${rawPath}`,
      routeKey: "$default",
      stage: "$default",
      time: "10/Mar/2026:00:03:59 +0000",
      timeEpoch: 1773101039000,
    },
    ...(text !== undefined ? { body: text } : {}),
    isBase64Encoded: false,
  };
}

/**
 * An app as it would run deployed, with everything up to the AWS API
 * boundary real: built by the library into a cloud assembly, each function's
 * code loaded from its asset as Lambda loads it (test/e2e/lambda.ts: Node
 * 22, a clean task root, the SDK beside it), its environment the template's
 * own with CloudFormation references resolved to the resources created
 * here: the table from the template's own definition in dynalite, the
 * bucket in s3rver, the stage's params in the SSM stand-in, EventBridge and
 * Scheduler in stand-ins that record what reached them (stand-ins.ts).
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import S3rver from "s3rver";
import { build } from "../../src/compiler";
import type { Diagnostic } from "../../src/graph";
import { startLocalDynamo, type LocalDynamo } from "../../src/runtime/data/local";
import { startSsmStandIn, type SsmStandIn } from "../deploy/ssm-stand-in";
import { createTableInput, isRecord, LambdaProcess, readAssembly, resolveVariables, type Assembly, type DeployedFunction } from "../e2e/lambda";
import { startEventsStandIn, type EventsStandIn } from "./stand-ins";

const REGION = "eu-west-1";
// s3rver knows one key pair; dynalite and the stand-ins accept any.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface Backends {
  dynamo: LocalDynamo;
  s3Endpoint: string;
  ssm: SsmStandIn;
  events: EventsStandIn;
  close(): Promise<void>;
}

/** One set of servers for a whole test file: each app gets its own table and bucket on them. */
export async function startBackends(): Promise<Backends> {
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-matrix-s3-"));
  const s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir });
  const [dynamo, { port }, ssm, events] = await Promise.all([startLocalDynamo(), s3.run(), startSsmStandIn(), startEventsStandIn()]);
  return {
    dynamo,
    s3Endpoint: `http://127.0.0.1:${port}`,
    ssm,
    events,
    async close() {
      await Promise.all([dynamo.close(), s3.close(), ssm.close(), events.close()]);
      fs.rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

export interface Deployed {
  assembly: Assembly;
  stackName: string;
  /** The template's environment of `fn`, as Lambda would see it here. */
  environment(fn: DeployedFunction): Record<string, string>;
  start(fn: DeployedFunction): LambdaProcess;
  close(): Promise<void>;
}

export type Deployment = { ok: true; deployed: Deployed } | { ok: false; diagnostics: Diagnostic[] };

/** Builds `appDir` for `stage` and creates what its template declares on `backends`; `params` go to the stage's SSM path. */
let deployments = 0;

export async function deploy(appDir: string, stage: string, backends: Backends, params: Record<string, string> = {}): Promise<Deployment> {
  // Apps may share a name (and so a stack name): each deployment gets its own resource names, as CloudFormation's suffixes do.
  const suffix = `M${(deployments += 1)}`;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-matrix-out-"));
  const built = await build(appDir, { stage, outDir });
  if (!built.ok) {
    fs.rmSync(outDir, { recursive: true, force: true });
    return { ok: false, diagnostics: built.diagnostics };
  }
  const assembly = readAssembly(built.assemblyDir, built.stackName);
  const stack = built.stackName;
  const names: Record<string, string> = {};
  const arns: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(assembly.resources)) {
    switch (resource.Type) {
      case "AWS::DynamoDB::Table":
        names[logicalId] = `${stack}-${logicalId}-${suffix}`;
        await createTable(backends.dynamo.endpoint, names[logicalId], resource.Properties);
        break;
      case "AWS::S3::Bucket":
        if (isAssetBucket(logicalId, assembly)) break;
        names[logicalId] = `${stack}-${logicalId}-${suffix}`
          .toLowerCase()
          .replace(/[^a-z0-9.-]/g, "-")
          .slice(-63);
        await createBucket(backends.s3Endpoint, names[logicalId]);
        break;
      case "AWS::Events::EventBus":
        names[logicalId] = `${stack}-bus-${suffix}`;
        break;
      case "AWS::IAM::Role":
        arns[logicalId] = `arn:aws:iam::123456789012:role/${stack}-${logicalId}`;
        break;
    }
  }
  const appName = Object.values(assembly.functions)[0]?.variables.IAC_APP;
  for (const [name, value] of Object.entries(params)) {
    const key = `/iac/${String(appName)}/${stage}/${name}`;
    backends.ssm.params.set(key, { Name: key, Type: "String", Value: value, Version: 1, LastModifiedDate: 1_790_000_000 });
  }
  const processes: LambdaProcess[] = [];
  const environment = (fn: DeployedFunction): Record<string, string> => ({
    ...resolveVariables(fn.variables, names, arns),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: "matrix-session",
    AWS_ENDPOINT_URL_DYNAMODB: backends.dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: backends.s3Endpoint,
    AWS_ENDPOINT_URL_SSM: backends.ssm.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: backends.events.eventBridgeEndpoint,
    AWS_ENDPOINT_URL_SCHEDULER: backends.events.schedulerEndpoint,
  });
  return {
    ok: true,
    deployed: {
      assembly,
      stackName: stack,
      environment,
      start(fn) {
        const p = new LambdaProcess(fn, environment(fn));
        processes.push(p);
        return p;
      },
      async close() {
        await Promise.all(processes.map((p) => p.close()));
        fs.rmSync(outDir, { recursive: true, force: true });
      },
    },
  };
}

/** CDK's own asset plumbing (the static site's deployment) is not the app's bucket. */
function isAssetBucket(logicalId: string, assembly: Assembly): boolean {
  return !assembly.functions.some((f) => Object.values(f.variables).some((v) => isRecord(v) && v.Ref === logicalId));
}

/** The template's table as CloudFormation would create it. */
async function createTable(endpoint: string, name: string, props: Record<string, unknown>): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(createTableInput(name, props)));
  } finally {
    client.destroy();
  }
}

async function createBucket(endpoint: string, name: string): Promise<void> {
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } finally {
    client.destroy();
  }
}

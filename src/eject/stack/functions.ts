/**
 * One AppFunction per function iac planned (synth's functions.ts): its own
 * role, log group and, for background work, dead-letter queue, under the
 * construct id iac used (`FnHttp`), so every logical ID below it is iac's.
 * The AppFunction construct itself is printed once into its own file
 * (`appFunctionFile`); each function's settings come from iac's template.
 */
import { CDK, findResource, name, numberProp, prop, removalPolicy, resource, retention, stringProp, value, where, type StackGen } from "./context";
import { Body, obj, str, type Imports } from "../code";
import { registrationsOf } from "../provenance";
import { duration } from "./context";

export function writeFunctions(gen: StackGen): void {
  const constructIds = new Map<string, string>();
  for (const r of gen.model.resources) {
    const m = /^([^/]+)\/Function\/Resource$/.exec(r.path);
    const id = m ? stringProp(r.json, "Environment", "Variables", "IAC_FUNCTION") : undefined;
    if (m && id) constructIds.set(id, m[1]);
  }
  const AppFunction = gen.imports.use("./app-function", "AppFunction");
  for (const plan of gen.graph.functions) {
    const id = constructIds.get(plan.id);
    if (!id) throw new Error(`internal: iac's template has no function ${plan.id}`);
    const varName = id[0].toLowerCase() + id.slice(1);
    const fn = resource(gen, `${id}/Function/Resource`).json;
    const role = resource(gen, `${id}/Role/Resource`).json;
    const logs = resource(gen, `${id}/Logs/Resource`).json;
    const variables = prop(fn, "Environment", "Variables");
    const environment =
      typeof variables === "object" && variables !== null && !Array.isArray(variables)
        ? obj(Object.entries(variables).map(([k, v]) => [k, value(gen, v)]))
        : "{}";
    const timeout = numberProp(fn, "Timeout") ?? plan.timeoutMs / 1000;
    gen.body.blank().comment(`Function "${plan.id}" (${plan.kind}), for:`, ...registrationsOf(gen.graph, plan).map((l) => `  ${l}`));
    if (plan.kind === "http") {
      const http = findResource(gen.graph, "http");
      if (http?.mount) gen.body.comment(`  the app mounted with http.use at ${where(http.mount.location)}`);
    }
    gen.body.line(
      `const ${varName} = new ${AppFunction}(this, ${str(id)}, ${obj([
        ["kind", str(plan.kind)],
        ["code", "props.code"],
        ["description", str(stringProp(fn, "Description") ?? "")],
        ["roleDescription", str(stringProp(role, "Description") ?? "")],
        ["memorySize", String(numberProp(fn, "MemorySize") ?? 1024)],
        ["timeout", duration(gen, timeout)],
        ["logRetention", retention(gen, numberProp(logs, "RetentionInDays"))],
        ["removalPolicy", removalPolicy(gen, logs)],
        ["environment", environment],
      ])});`,
    );
    name(gen, `${id}/Function/Resource`, `${varName}.fn`);
    name(gen, `${id}/Role/Resource`, `${varName}.role`);
    name(gen, `${id}/Logs/Resource`, `${varName}.logs`);
    gen.functions.set(plan.id, { plan, id, name: varName });
  }
}

/** lib/app-function.ts: the construct every function of the stack is, as synth's functions.ts builds it. */
export function appFunctionFile(imports: Imports): { statements: string; docs: string } {
  const [Duration, RemovalPolicy] = ["Duration", "RemovalPolicy"].map((n) => imports.type(CDK, n));
  imports.use(CDK, "Duration");
  const iam = `${CDK}/aws-iam`;
  const [PolicyStatement, Role, ServicePrincipal] = ["PolicyStatement", "Role", "ServicePrincipal"].map((n) => imports.use(iam, n));
  const lambda = `${CDK}/aws-lambda`;
  const [Architecture, LambdaFunction, Runtime] = [
    imports.use(lambda, "Architecture"),
    imports.use(lambda, "Function", "LambdaFunction"),
    imports.use(lambda, "Runtime"),
  ];
  const Code = imports.type(lambda, "Code");
  const [LogGroup] = [imports.use(`${CDK}/aws-logs`, "LogGroup")];
  const RetentionDays = imports.type(`${CDK}/aws-logs`, "RetentionDays");
  const [Queue, QueueEncryption] = ["Queue", "QueueEncryption"].map((n) => imports.use(`${CDK}/aws-sqs`, n));
  const Construct = imports.use("constructs", "Construct");
  const b = new Body();
  b.line(`/** What kind of work a function does: http answers requests; the others run in the background. */`);
  b.line(`export type FunctionKind = "http" | "schedule" | "events" | "data-listener" | "storage-listener";`);
  b.blank();
  b.line(`export interface AppFunctionProps {`);
  b.line(`/** http answers API Gateway; background kinds are retried twice and keep what failed in a dead-letter queue. */`);
  b.line(`readonly kind: FunctionKind;`);
  b.line(`/** The app's handlers, bundled (bin/app.ts): every function runs the same code; IAC_FUNCTION says which work it does. */`);
  b.line(`readonly code: ${Code};`);
  b.line(`readonly description: string;`);
  b.line(`readonly roleDescription: string;`);
  b.line(`readonly memorySize: number;`);
  b.line(`readonly timeout: ${Duration};`);
  b.line(`readonly logRetention: ${RetentionDays};`);
  b.line(`readonly removalPolicy: ${RemovalPolicy};`);
  b.line(`/** What the iac runtime inside the bundle reads: app, stage, table, bucket, bus, params (docs in the README). */`);
  b.line(`readonly environment: Record<string, string>;`);
  b.line(`}`);
  b.blank();
  b.line(`/**`);
  b.line(` * One Lambda function on Node.js 22 (arm64) with its own role, which may write to its own log group`);
  b.line(` * only; the stack adds what the function's code needs. Background work also gets a dead-letter queue:`);
  b.line(` * nothing is dropped silently. A table-stream consumer reports failures through its event source instead.`);
  b.line(` */`);
  b.line(`export class AppFunction extends ${Construct} {`);
  b.line(`readonly fn: ${LambdaFunction};`);
  b.line(`readonly role: ${Role};`);
  b.line(`readonly logs: ${LogGroup};`);
  b.line(`readonly deadLetters?: ${Queue};`);
  b.blank();
  b.line(`constructor(scope: ${Construct}, id: string, props: AppFunctionProps) {`);
  b.line(`super(scope, id);`);
  b.line(`const background = props.kind !== "http";`);
  b.line(`this.deadLetters = background`);
  b.line(`? new ${Queue}(this, "DeadLetters", { encryption: ${QueueEncryption}.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) })`);
  b.line(`: undefined;`);
  b.line(`// A stream consumer is not invoked asynchronously: its failures go to the event source's destination.`);
  b.line(`const asyncDeadLetters = props.kind === "data-listener" ? undefined : this.deadLetters;`);
  b.line(`this.logs = new ${LogGroup}(this, "Logs", { retention: props.logRetention, removalPolicy: props.removalPolicy });`);
  b.line(`this.role = new ${Role}(this, "Role", {`);
  b.line(`assumedBy: new ${ServicePrincipal}("lambda.amazonaws.com"),`);
  b.line(`description: props.roleDescription,`);
  b.line(`});`);
  b.line(`// The log group's Arn ends in \`:*\` (its streams), which is exactly what these actions need.`);
  b.line(`this.role.addToPolicy(new ${PolicyStatement}({ actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [this.logs.logGroupArn] }));`);
  b.line(`this.fn = new ${LambdaFunction}(this, "Function", {`);
  b.line(`role: this.role,`);
  b.line(`runtime: ${Runtime}.NODEJS_22_X,`);
  b.line(`architecture: ${Architecture}.ARM_64,`);
  b.line(`handler: "index.handler",`);
  b.line(`code: props.code,`);
  b.line(`memorySize: props.memorySize,`);
  b.line(`timeout: props.timeout,`);
  b.line(`logGroup: this.logs,`);
  b.line(`environment: props.environment,`);
  b.line(`description: props.description,`);
  b.line(`retryAttempts: background ? 2 : undefined,`);
  b.line(`deadLetterQueueEnabled: asyncDeadLetters !== undefined ? true : undefined,`);
  b.line(`deadLetterQueue: asyncDeadLetters,`);
  b.line(`});`);
  b.line(`}`);
  b.line(`}`);
  return {
    statements: b.text(),
    docs: "The construct each function of the stack is: a Lambda function with its own role, log group and (for background work) dead-letter queue, under the construct id iac gave it, so every logical ID below it is the one iac deployed.",
  };
}

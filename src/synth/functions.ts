/**
 * One Lambda function per `FunctionPlan`: Node.js 22 on arm64, the plan's
 * timeout, a log group with the app's retention, the environment of
 * ARCHITECTURE.md, and for background work a retry policy plus an SQS
 * dead-letter queue (nothing is dropped silently). Construct ids derive
 * from plan ids, which derive from graph content, never from order.
 * Each function has its own role that may write logs to its own log group
 * only (not the AWSLambdaBasicExecutionRole managed policy, which allows
 * every log group); iam.ts adds what its code uses.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { appOrg } from "../config/app-names";
import type { FunctionPlan } from "../graph";
import { paramsPath, pascal, type SynthContext } from "./context";
import { HTTP_FUNCTION_ID, originVerifyValue } from "./http";
import { frameworkEnvironment } from "./framework";
import { retentionFor } from "./logs";
import { kindEnvironment } from "./kinds";

export const MEMORY_MB = 1024;

/** The code of one function: a bundle directory, or a stub when bundling is off. */
export type CodeFor = (plan: FunctionPlan) => Code;

export function addFunctions(ctx: SynthContext, codeFor: CodeFor): void {
  for (const plan of ctx.graph.functions) {
    const scope = new Construct(ctx.stack, `Fn${pascal(plan.id)}`);
    const background = plan.kind !== "http";
    // The stream consumer reports failures to an event-source destination instead (see listeners.ts);
    // every other background function is invoked asynchronously and uses the function DLQ.
    const dlq = background
      ? new Queue(scope, "DeadLetters", {
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        })
      : undefined;
    const asyncDlq = plan.kind === "data-listener" ? undefined : dlq;
    const logGroup = new LogGroup(scope, "Logs", {
      retention: retentionFor(ctx.graph.app.logRetentionDays),
      removalPolicy: ctx.options.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const role = new Role(scope, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `${ctx.graph.app.name} ${ctx.options.stage}: function ${plan.id}`,
    });
    // The log group's Arn attribute ends in `:*` (its streams), which is exactly what these actions need.
    role.addToPolicy(new PolicyStatement({ actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [logGroup.logGroupArn] }));
    const fn = new LambdaFunction(scope, "Function", {
      role,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: "index.handler",
      code: codeFor(plan),
      memorySize: plan.memoryMb ?? MEMORY_MB,
      timeout: Duration.millis(plan.timeoutMs),
      logGroup,
      environment: environmentOf(ctx, plan),
      description: `${ctx.graph.app.name} ${ctx.options.stage}: ${plan.id}`,
      retryAttempts: background ? 2 : undefined,
      deadLetterQueueEnabled: asyncDlq !== undefined ? true : undefined,
      deadLetterQueue: asyncDlq,
    });
    ctx.functions.set(plan.id, { plan, fn, dlq });
  }
}

/** ARCHITECTURE.md "Environment": names are fixed, the runtime reads them. */
function environmentOf(ctx: SynthContext, plan: FunctionPlan): Record<string, string> {
  const env: Record<string, string> = {
    IAC_APP: ctx.graph.app.name,
    IAC_STAGE: ctx.options.stage,
    IAC_ORG: appOrg(ctx.options.appDir, ctx.graph.app.name),
    IAC_FUNCTION: plan.id,
    IAC_PARAMS_PATH: paramsPath(ctx.graph, ctx.options.stage),
    // No NODE_OPTIONS=--enable-source-maps: it reads and parses the bundle's source map at every
    // cold start. The runtime maps stack traces itself, loading the map only when a stack is
    // formatted (src/runtime/adapters/lambda/stacks.ts).
  };
  // What each kind made that the runtime reaches (the params it loads at init, the table, the bucket, the bus).
  Object.assign(env, kindEnvironment(ctx, plan));
  // CloudFront sends this value in a header to prove a request came through it (http.ts).
  // It also proves the viewer's Host, which CloudFront's function sends after it (http.ts VIEWER_HOST_HEADER).
  if (plan.id === HTTP_FUNCTION_ID) env.IAC_ORIGIN_VERIFY = originVerifyValue();
  // Only the HTTP function ships the framework's server (framework.ts).
  if (plan.id === HTTP_FUNCTION_ID && ctx.options.framework) Object.assign(env, frameworkEnvironment(ctx.options.framework));
  return env;
}

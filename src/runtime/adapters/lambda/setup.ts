/**
 * Configures the AWS backends from the environment synth wrote (see
 * ARCHITECTURE.md, "Environment"; params: `IAC_PARAMS_PATH` and, when the
 * function's reads are all by name, `IAC_PARAMS_NAMES`), once per container, leaving alone any
 * backend already configured (tests and custom entries configure their own
 * first). The account for the event bus ARN comes from the first
 * invocation's function ARN when `IAC_EVENT_BUS` is a bare name: a function
 * cannot otherwise learn its account without a call to STS.
 */
import { createAwsEventsBackend } from "../../aws/events";
import { createSsmParamsSource } from "../../aws/params";
import { configureRuntime, runtimeConfig } from "../../core/config";
import { loadParams } from "../../core/params";

export interface LambdaContextLike {
  invokedFunctionArn?: string;
}

let configured = false;
let functionArn: string | undefined;

export function configureFromEnvironment(context: LambdaContextLike | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (context?.invokedFunctionArn) functionArn ??= context.invokedFunctionArn;
  if (configured) return;
  configured = true;
  const current = runtimeConfig();
  const app = env.IAC_APP ?? "app";
  const bus = env.IAC_EVENT_BUS;
  configureRuntime({
    events:
      current.events ??
      (bus
        ? createAwsEventsBackend({
            app,
            bus,
            busArn: () => eventBusArn(bus, env.AWS_REGION),
            schedulerGroup: env.IAC_SCHEDULER_GROUP,
            schedulerRoleArn: env.IAC_SCHEDULER_ROLE_ARN,
          })
        : undefined),
    params: current.params ?? (env.IAC_PARAMS_PATH ? createSsmParamsSource(env.IAC_PARAMS_PATH, undefined, paramNames(env.IAC_PARAMS_NAMES)) : undefined),
  });
}

/**
 * `IAC_PARAMS_NAMES` (comma-separated): the params this function's code reads, the only ones its
 * role may read; absent when some read is computed, and the whole stage path is loaded instead.
 */
function paramNames(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  return list
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

let initialLoad: Promise<unknown> | undefined;

/**
 * Starts loading the stage's params, an SSM round trip, as the first thing
 * the Lambda bundle does (its generated entry imports `preload.ts` before
 * anything else), so the request is in flight while the rest of the runtime
 * and Express evaluate; `prepareLambda` then awaits this same load, once,
 * before the app's modules run. Nothing is loaded when synth found no params
 * read (`IAC_PARAMS_PRELOAD=false`) or the function has no params path.
 */
export function beginParamsLoad(env: NodeJS.ProcessEnv = process.env): void {
  configureFromEnvironment(undefined, env);
  if (initialLoad !== undefined || !runtimeConfig().params || env.IAC_PARAMS_PRELOAD === "false") return;
  initialLoad = loadParams();
  // Reported by prepareLambda, which awaits it; never an unhandled rejection meanwhile.
  initialLoad.catch(() => undefined);
}

/** The load `beginParamsLoad` started, handed over once. */
export function takeInitialParamsLoad(): Promise<unknown> | undefined {
  const load = initialLoad;
  initialLoad = undefined;
  return load;
}

/** Lets tests (and a warm container's reconfiguration) start over. */
export function resetLambdaSetup(): void {
  configured = false;
  functionArn = undefined;
  initialLoad = undefined;
}

function eventBusArn(bus: string, region: string | undefined): string {
  if (bus.startsWith("arn:")) return bus;
  // arn:<partition>:lambda:<region>:<account>:function:<name>
  const parts = functionArn?.split(":") ?? [];
  const [partition, account, fnRegion] = [parts[1], parts[4], parts[3]];
  if (!partition || !account) throw new Error("cannot build the event bus ARN: IAC_EVENT_BUS is a name and the function ARN is unknown");
  return `arn:${partition}:events:${region ?? fnRegion}:${account}:event-bus/${bus}`;
}

/**
 * Params live in SSM Parameter Store under `/iac/<app>/<stage>/`; the
 * runtime reads them at run time, so no value is ever in the template.
 * The stack stores only `CLOUD_URL` there, because a function cannot
 * reference the CDN that fronts it without a dependency cycle.
 *
 * Which params a function may read is decided here, once, for both its
 * environment (functions.ts) and its grants (iam.ts): the names its own
 * code (its handlers, and module top level, which runs in every function)
 * reads by name, or the whole stage path where a read is computed
 * (`params[x]`, the analyzer's IAC5004 warning, or the SDK's `params`
 * handed on as a value, IAC6102). `APP_NAME`, `INSTANCE_NAME` and `ORG_NAME` come from
 * the environment (`IAC_APP`, `IAC_STAGE`, `IAC_ORG`) and are never read from SSM.
 */
import { Stack } from "aws-cdk-lib";
import { StringParameter } from "aws-cdk-lib/aws-ssm";
import { type AppGraph, carries, type FunctionPlan } from "../graph";
import { paramsPath, type SynthContext, type SynthKind } from "./context";

/** Reserved params the runtime answers from the environment. */
export const ENV_PARAMS: ReadonlySet<string> = new Set(["APP_NAME", "INSTANCE_NAME", "ORG_NAME"]);

/**
 * What one function reads from the stage's params:
 * - `none`: no SSM access, no load at init (`IAC_PARAMS_PRELOAD=false`);
 * - `names`: exactly these (sorted), `ssm:GetParameters` on their ARNs, listed in `IAC_PARAMS_NAMES`;
 * - `path`: some read is computed, so every param of the stage (`ssm:GetParametersByPath` on the path).
 */
export type ParamsAccess = { kind: "none" } | { kind: "names"; names: string[] } | { kind: "path" };

export function paramsAccessOf(graph: AppGraph, plan: FunctionPlan): ParamsAccess {
  const names = new Set<string>();
  for (const u of graph.usages) {
    if (u.resource !== "params" || !carries(plan, u.handler)) continue;
    if (u.scope.names === undefined) return { kind: "path" };
    for (const n of u.scope.names) if (!ENV_PARAMS.has(n)) names.add(n);
  }
  return names.size === 0 ? { kind: "none" } : { kind: "names", names: [...names].sort() };
}

export function addCloudUrlParam(ctx: SynthContext): void {
  const distribution = ctx.distribution;
  if (!distribution) return;
  new StringParameter(ctx.stack, "ParamCloudUrl", {
    parameterName: `${paramsPath(ctx.graph, ctx.options.stage)}CLOUD_URL`,
    stringValue: `https://${distribution.distributionDomainName}`,
    description: "The app's public URL (reserved param CLOUD_URL)",
  });
}

/** The ARN of one param of the stage (`name` "" gives the path itself, with its trailing slash). */
export function paramArn(ctx: SynthContext, name: string): string {
  const resourceName = `${paramsPath(ctx.graph, ctx.options.stage).replace(/^\//, "")}${name}`;
  return Stack.of(ctx.stack).formatArn({ service: "ssm", resource: "parameter", resourceName });
}

/**
 * Params: no construct of their own (CLOUD_URL is stored once the CDN
 * exists, app.ts). Each function's environment says which it loads at init;
 * grants by name are collected per function (iam.ts), the stage's path only
 * where a read is computed. GetParametersByPath is authorised on the path,
 * with or without its trailing slash depending on the caller.
 */
export const PARAMS_SYNTH = {
  environment: (ctx, plan): Record<string, string> => {
    // Only the params this function's code reads are loaded, which are also all its role may read. A function
    // that reads none skips the round trip, and a read the analysis did not see fails loudly instead of reading undefined.
    const access = paramsAccessOf(ctx.graph, plan);
    if (access.kind === "none") return { IAC_PARAMS_PRELOAD: "false" };
    if (access.kind === "names") return { IAC_PARAMS_NAMES: access.names.join(",") };
    return {};
  },
  grants: {
    params: "collected",
    paramsPath: (ctx) => {
      const path = paramArn(ctx, "").replace(/\/$/, "");
      return { key: "paramsPath|", resources: [path, `${path}/*`] };
    },
  },
} satisfies SynthKind;

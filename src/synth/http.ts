/**
 * The HTTP surface: an API Gateway HTTP API whose only route is `$default`,
 * integrated with the `http` function (payload format 2.0). Routing is left
 * to the Express app inside, so registration order and middleware behave
 * exactly as the contract says; CloudFront fronts it (see `cdn.ts`).
 *
 * The default stage is throttled (the stage's `throttle` setting) and
 * writes one JSON access-log line per request to its own log group, kept
 * as long as the functions' logs.
 * Its logical ID stays CDK's: a new `$default` stage beside the old one
 * would fail to create, so settings go on through the CfnStage.
 *
 * The execute-api endpoint cannot be turned off (it is CloudFront's origin;
 * a custom API domain would need a certificate per stage), so CloudFront
 * proves each request came through it with a header whose value only the
 * stack knows: the stack id's UUID, unguessable and never in the template
 * as a literal. The http function gets the same value (`IAC_ORIGIN_VERIFY`)
 * for the runtime to compare; see docs/security.md.
 */
import { Aws, Fn, RemovalPolicy } from "aws-cdk-lib";
import { CfnStage, HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { SynthContext } from "./context";
import { retentionFor } from "./logs";

export const HTTP_FUNCTION_ID = "http";

/** The header CloudFront adds to every request it sends to the API (ARCHITECTURE.md "Environment": `IAC_ORIGIN_VERIFY`). */
export const ORIGIN_VERIFY_HEADER = "x-iac-origin-verify";

/**
 * The viewer's Host (the app's own domain), which CloudFront cannot forward
 * as `Host` to API Gateway: a viewer-request function (`ViewerHost`,
 * cdn.ts) sets this header, replacing any a viewer sent, to the stack's
 * origin secret (the value of ORIGIN_VERIFY_HEADER), a space and the Host;
 * the runtime makes that Host the request's `Host` only when the secret
 * matches, so no viewer can choose it, not even while a first deploy of
 * the function is still reaching CloudFront's edges.
 */
export const VIEWER_HOST_HEADER = "x-iac-viewer-host";

/** The CloudFront Function that sets VIEWER_HOST_HEADER (`secret`: a token, resolved in the template). */
export function viewerHostFunctionCode(secret: string): string {
  return [
    "function handler(event) {",
    "  var r = event.request;",
    `  r.headers["${VIEWER_HOST_HEADER}"] = { value: "${secret} " + (r.headers.host ? r.headers.host.value : "") };`,
    "  return r;",
    "}",
    "",
  ].join("\n");
}

/** The value CloudFront sends in `ORIGIN_VERIFY_HEADER`: the UUID that ends the stack's id. */
export function originVerifyValue(): string {
  return Fn.select(2, Fn.split("/", Aws.STACK_ID));
}

/**
 * One JSON object per request. API Gateway fills the `$context` variables;
 * numbers stay strings where the variable may be `-` (a request that never
 * reached the integration).
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  time: "$context.requestTimeEpoch",
  method: "$context.httpMethod",
  path: "$context.path",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  error: "$context.error.message",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
});

export function addHttpApi(ctx: SynthContext): void {
  const http = ctx.functions.get(HTTP_FUNCTION_ID);
  if (!http) return;
  ctx.httpApi = new HttpApi(ctx.stack, "HttpApi", {
    apiName: `${ctx.graph.app.name}-${ctx.options.stage}`,
    defaultIntegration: new HttpLambdaIntegration("Http", http.fn),
  });
  const stage = ctx.httpApi.defaultStage?.node.defaultChild;
  if (!(stage instanceof CfnStage)) throw new Error("internal: the HTTP API has no default CfnStage");
  const { rateLimit, burstLimit } = ctx.options.edge.throttle;
  stage.defaultRouteSettings = { throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit };
  const accessLogs = new LogGroup(ctx.stack, "ApiAccessLogs", {
    retention: retentionFor(ctx.graph.app.logRetentionDays),
    removalPolicy: ctx.options.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  stage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
}

/**
 * The HTTP surface: an API Gateway HTTP API whose only route is `$default`,
 * integrated with the `http` function (payload format 2.0). Routing is left
 * to the Express app inside, so registration order and middleware behave
 * exactly as the contract says; CloudFront fronts it (see `cdn.ts`).
 */
import { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { SynthContext } from "./context";

export const HTTP_FUNCTION_ID = "http";

export function addHttpApi(ctx: SynthContext): void {
  const http = ctx.functions.get(HTTP_FUNCTION_ID);
  if (!http) return;
  ctx.httpApi = new HttpApi(ctx.stack, "HttpApi", {
    apiName: `${ctx.graph.app.name}-${ctx.options.stage}`,
    defaultIntegration: new HttpLambdaIntegration("Http", http.fn),
  });
}

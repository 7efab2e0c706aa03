/**
 * The public surface, as synth's http.ts and params.ts make it: an HTTP
 * API whose only route is `$default` (the app's own Express routing runs
 * inside the function), throttled, with JSON access logs; and the
 * `CLOUD_URL` param the stack stores for the runtime.
 */
import { json, obj, str } from "../code";
import { at } from "../provenance";
import { CDK, findResource, name, numberProp, prop, removalPolicy, retention, stringProp, tryResource, value, type StackGen } from "./context";

export function writeHttpApi(gen: StackGen): void {
  const http = gen.functions.get("http");
  const api = tryResource(gen, "HttpApi/Resource");
  if (!http || !api) return;
  const HttpApi = gen.imports.use(`${CDK}/aws-apigatewayv2`, "HttpApi");
  const CfnStage = gen.imports.use(`${CDK}/aws-apigatewayv2`, "CfnStage");
  const HttpLambdaIntegration = gen.imports.use(`${CDK}/aws-apigatewayv2-integrations`, "HttpLambdaIntegration");
  const routes = findResource(gen.graph, "api")?.routes ?? [];
  gen.body
    .blank()
    .comment(
      "The HTTP API: one $default route to the http function, whose Express app routes each request",
      `(${routes.length} route${routes.length === 1 ? "" : "s"} registered with api.*${routes[0] ? `, the first at ${at(routes[0].location)}` : ""}; iac graph lists them).`,
    );
  gen.body.line(
    `const httpApi = new ${HttpApi}(this, "HttpApi", ${obj([
      ["apiName", str(stringProp(api.json, "Name") ?? "")],
      ["defaultIntegration", `new ${HttpLambdaIntegration}("Http", ${http.name}.fn)`],
    ])});`,
  );
  name(gen, "HttpApi/Resource", "httpApi");
  gen.names.httpApi = "httpApi";
  const stage = tryResource(gen, "HttpApi/DefaultStage/Resource");
  if (!stage) return;
  gen.body.line(`const apiStage = httpApi.defaultStage?.node.defaultChild as ${CfnStage};`);
  const rate = numberProp(stage.json, "DefaultRouteSettings", "ThrottlingRateLimit");
  const burst = numberProp(stage.json, "DefaultRouteSettings", "ThrottlingBurstLimit");
  if (rate !== undefined || burst !== undefined) {
    gen.body.line(
      `apiStage.defaultRouteSettings = ${obj([
        ["throttlingRateLimit", rate === undefined ? undefined : String(rate)],
        ["throttlingBurstLimit", burst === undefined ? undefined : String(burst)],
      ])};`,
    );
  }
  const logs = tryResource(gen, "ApiAccessLogs/Resource");
  const format = stringProp(stage.json, "AccessLogSettings", "Format");
  if (!logs || format === undefined) return;
  const LogGroup = gen.imports.use(`${CDK}/aws-logs`, "LogGroup");
  gen.body.comment("One JSON line per request in the API's own log group.");
  gen.body.line(
    `const accessLogs = new ${LogGroup}(this, "ApiAccessLogs", ${obj([
      ["retention", retention(gen, numberProp(logs.json, "RetentionInDays"))],
      ["removalPolicy", removalPolicy(gen, logs.json)],
    ])});`,
  );
  name(gen, "ApiAccessLogs/Resource", "accessLogs");
  gen.body.line(
    `apiStage.accessLogSettings = ${obj([
      ["destinationArn", "accessLogs.logGroupArn"],
      ["format", formatExpr(format)],
    ])};`,
  );
}

/** The access-log format: `JSON.stringify` of the object it is, when that gives back the same text. */
function formatExpr(format: string): string {
  try {
    const parsed: unknown = JSON.parse(format);
    if (JSON.stringify(parsed) === format) return `JSON.stringify(${json(parsed)})`;
  } catch {
    // not JSON: the string as it is
  }
  return str(format);
}

export function writeCloudUrlParam(gen: StackGen): void {
  const r = tryResource(gen, "ParamCloudUrl/Resource");
  if (!r) return;
  const StringParameter = gen.imports.use(`${CDK}/aws-ssm`, "StringParameter");
  gen.body.blank().comment("params.CLOUD_URL: the app's public URL, stored for the runtime (a function cannot reference the CDN in front of it).");
  gen.body.line(
    `new ${StringParameter}(this, "ParamCloudUrl", ${obj([
      ["parameterName", value(gen, prop(r.json, "Name"))],
      ["stringValue", value(gen, prop(r.json, "Value"))],
      ["description", value(gen, prop(r.json, "Description"))],
    ])});`,
  );
}

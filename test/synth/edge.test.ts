/**
 * The deployed edge, per stage kind and per setting: API
 * throttling and JSON access logs, the header that closes the execute-api
 * endpoint to traffic that did not come through CloudFront, the viewer's Host
 * handed on to the app, CloudFront's
 * security headers, sandboxed user uploads, bucket versioning and CORS
 * limited to the app's own origins, table deletion protection, log
 * retention on CDK's helper functions, and the static deployment's
 * invalidation grant on the distribution only. Defaults: docs/security.md.
 */
import type { Template } from "aws-cdk-lib/assertions";
import type { EdgeSettings } from "../../src/synth";
import { loadGraph, synthGraph } from "./helpers";

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

function resources(t: Template): Resources {
  return t.toJSON().Resources;
}

function ofType(t: Template, type: string): [string, Resources[string]][] {
  return Object.entries(resources(t)).filter(([, r]) => r.Type === type);
}

function only(t: Template, type: string): Resources[string] {
  const found = ofType(t, type);
  expect(found).toHaveLength(1);
  return found[0][1];
}

function distributionConfig(t: Template): Record<string, any> {
  return only(t, "AWS::CloudFront::Distribution").Properties.DistributionConfig;
}

function policyById(t: Template, ref: unknown): Record<string, any> {
  const id = (ref as { Ref?: string }).Ref;
  expect(typeof id).toBe("string");
  return resources(t)[String(id)].Properties.ResponseHeadersPolicyConfig;
}

function env(t: Template, fn: string): Record<string, unknown> {
  const found = ofType(t, "AWS::Lambda::Function").filter(([, r]) => r.Properties.Environment?.Variables?.IAC_FUNCTION === fn);
  expect(found).toHaveLength(1);
  return found[0][1].Properties.Environment.Variables;
}

/** A custom resource's call, its `Fn::Join` rendered with `${Id}` / `${Id.Attr}` for references, parsed. */
function sdkCall(value: unknown): { action: string; parameters: Record<string, any> } {
  const part = (p: unknown): string => {
    if (typeof p === "string") return p;
    if (p && typeof p === "object" && "Ref" in p) return `\${${String(p.Ref)}}`;
    if (p && typeof p === "object" && "Fn::GetAtt" in p && Array.isArray(p["Fn::GetAtt"])) return `\${${p["Fn::GetAtt"].join(".")}}`;
    throw new Error(`unexpected ${JSON.stringify(p)}`);
  };
  const join = (value as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
  return JSON.parse(join[1].map(part).join(join[0]));
}

function corsRules(t: Template): Record<string, any>[] {
  return sdkCall(only(t, "Custom::AWS").Properties.Create).parameters.CORSConfiguration.CORSRules;
}

const STACK_UUID = { "Fn::Select": [2, { "Fn::Split": ["/", { Ref: "AWS::StackId" }] }] };

async function everything(ephemeral: boolean, edge?: EdgeSettings, domain?: { name: string; certificateArn: string }): Promise<Template> {
  return (await synthGraph(loadGraph("everything"), { ephemeral, stage: ephemeral ? "pr-1" : "prod", edge, domain })).template;
}

describe("defaults", () => {
  let long: Template;
  let eph: Template;
  beforeAll(async () => {
    [long, eph] = await Promise.all([everything(false), everything(true)]);
  });

  test("API Gateway throttles every stage: 1000 rps / burst 2000 long-lived, 100 / 200 ephemeral", () => {
    expect(only(long, "AWS::ApiGatewayV2::Stage").Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 });
    expect(only(eph, "AWS::ApiGatewayV2::Stage").Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
  });

  test("API access logs: one JSON object per request, to a log group with the functions' retention", () => {
    const settings = only(long, "AWS::ApiGatewayV2::Stage").Properties.AccessLogSettings;
    const group = settings.DestinationArn["Fn::GetAtt"][0];
    expect(resources(long)[group]).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 60 }, DeletionPolicy: "Retain" });
    expect(resources(eph)[only(eph, "AWS::ApiGatewayV2::Stage").Properties.AccessLogSettings.DestinationArn["Fn::GetAtt"][0]].DeletionPolicy).toBe("Delete");
    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({ requestId: "$context.requestId", status: "$context.status", method: "$context.httpMethod", path: "$context.path" });
  });

  test("CloudFront proves its requests to the API with a header only the stack knows; the http function gets the value", () => {
    const origins: any[] = distributionConfig(long).Origins;
    const api = origins.filter((o) => o.CustomOriginConfig);
    expect(api).toHaveLength(1);
    expect(api[0].OriginCustomHeaders).toEqual([{ HeaderName: "x-iac-origin-verify", HeaderValue: STACK_UUID }]);
    expect(env(long, "http").IAC_ORIGIN_VERIFY).toEqual(STACK_UUID);
    expect(env(long, "schedule-rate-5-minutes").IAC_ORIGIN_VERIFY).toBeUndefined();
    // Never a literal in the template: the value exists only once the stack does.
    expect(JSON.stringify(resources(long))).not.toMatch(/"HeaderValue":"[0-9a-f-]{36}"/);
  });

  test("the API's behaviour runs a viewer-request function that hands the viewer's Host on after the origin secret, overwriting any a viewer sent", () => {
    const assoc: any[] = distributionConfig(long).DefaultCacheBehavior.FunctionAssociations;
    expect(assoc).toHaveLength(1);
    expect(assoc[0].EventType).toBe("viewer-request");
    const [id] = assoc[0].FunctionARN["Fn::GetAtt"];
    // The code holds the origin secret (the stack id's UUID), never a literal: resolve it as CloudFormation would.
    const join = resources(long)[id].Properties.FunctionCode["Fn::Join"] as [string, unknown[]];
    expect(join[1]).toContainEqual(STACK_UUID);
    const code = join[1].map((part) => (typeof part === "string" ? part : "SECRET")).join(join[0]);
    // CloudFront Functions are plain JavaScript with a `handler(event)`: run it on a CloudFront-shaped event.
    const run = new Function(`${code}; return handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };
    const request = (headers: Record<string, { value: string }>) => run({ request: { uri: "/", headers } }).headers;
    expect(request({ host: { value: "shop.example.com" } })["x-iac-viewer-host"]).toEqual({ value: "SECRET shop.example.com" });
    expect(request({ host: { value: "d1.cloudfront.net" }, "x-iac-viewer-host": { value: "guess spoofed.example.com" } })["x-iac-viewer-host"]).toEqual({
      value: "SECRET d1.cloudfront.net",
    });
  });

  test("every behaviour but /public/* carries the security headers: HSTS a year, nosniff, SAMEORIGIN, strict-origin-when-cross-origin, the app's own winning", () => {
    const config = distributionConfig(long);
    const app = policyById(long, config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    expect(app.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: false, Preload: false, Override: false },
      ContentTypeOptions: { Override: false },
      FrameOptions: { FrameOption: "SAMEORIGIN", Override: false },
      ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: false },
    });
    for (const b of config.CacheBehaviors.filter((b: any) => b.PathPattern !== "/public/*")) {
      expect(b.ResponseHeadersPolicyId).toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    }
  });

  test("user uploads under /public/* are sandboxed (no script, unique origin) whatever their type, on every stage", () => {
    for (const t of [long, eph]) {
      const uploads = distributionConfig(t).CacheBehaviors.find((b: any) => b.PathPattern === "/public/*");
      const policy = policyById(t, uploads.ResponseHeadersPolicyId);
      expect(policy.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
        ContentSecurityPolicy: expect.stringMatching(/(^|; )sandbox(;|$)/),
        Override: true,
      });
      expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toContain("default-src 'none'");
      expect(policy.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
    }
  });

  test("storage: versioned on long-lived stages, old versions expire after 30 days; not on ephemeral ones", () => {
    const bucket = resources(long).Bucket.Properties;
    expect(bucket.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: "Enabled" })]);
    expect(resources(eph).Bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(resources(eph).Bucket.Properties.LifecycleConfiguration).toBeUndefined();
  });

  test("storage CORS: only the app's own URL, only the methods its signed URLs need; never any origin", () => {
    expect(resources(long).Bucket.Properties.CorsConfiguration).toBeUndefined();
    const cors = only(long, "Custom::AWS").Properties;
    expect(sdkCall(cors.Create).action).toBe("PutBucketCors");
    expect(sdkCall(cors.Update)).toEqual(sdkCall(cors.Create));
    expect(corsRules(long)).toEqual([
      {
        AllowedMethods: ["PUT"],
        AllowedOrigins: [expect.stringMatching(/^https:\/\/\$\{Cdn[0-9A-F]+\.DomainName\}$/)],
        AllowedHeaders: ["*"],
        ExposeHeaders: ["ETag"],
        MaxAgeSeconds: 3600,
      },
    ]);
    expect(sdkCall(cors.Delete)).toMatchObject({ action: "DeleteBucketCors", parameters: { Bucket: "${Bucket}" } });
    expect(JSON.stringify(resources(long))).not.toMatch(/"AllowedOrigins":\["\*"\]/);
  });

  test("the table has deletion protection on long-lived stages only", () => {
    expect(resources(long).Table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(resources(eph).Table.Properties.DeletionProtectionEnabled).toBe(false);
  });

  test("every function, CDK's helpers included, logs to a group with the stage's retention", () => {
    for (const t of [long, eph]) {
      const fns = ofType(t, "AWS::Lambda::Function");
      expect(fns.length).toBeGreaterThan(6);
      for (const [id, fn] of fns) {
        const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
        expect([id, typeof group]).toEqual([id, "string"]);
        expect(resources(t)[group]).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 60 } });
      }
    }
  });

  test("the static deployment may invalidate this distribution only, not `*`", () => {
    const policies = ofType(long, "AWS::IAM::Policy").flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const invalidation = policies.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith("cloudfront:")));
    expect(invalidation).toHaveLength(1);
    expect(invalidation[0].Action).toEqual(["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"]);
    expect(JSON.stringify(invalidation[0].Resource)).toContain("distribution/");
    expect(invalidation[0].Resource).not.toBe("*");
    const deployment = only(long, "Custom::CDKBucketDeployment").Properties;
    expect(deployment.DistributionId).toEqual({ Ref: expect.stringMatching(/^Cdn/) });
    expect(deployment.DistributionPaths).toEqual(["/*"]);
    // Ephemeral stages cache nothing, so nothing to invalidate and no grant.
    expect(JSON.stringify(resources(eph))).not.toContain("cloudfront:CreateInvalidation");
  });
});

describe("settings", () => {
  test("throttle, security headers, versioning and deletion protection follow the stage's settings", async () => {
    const t = await everything(false, {
      throttle: { rateLimit: 50, burstLimit: 75 },
      securityHeaders: {
        hstsMaxAgeSeconds: 600,
        hstsIncludeSubdomains: true,
        frameOptions: "DENY",
        referrerPolicy: "no-referrer",
        contentSecurityPolicy: "default-src 'self'",
      },
      storageVersioning: false,
      deletionProtection: false,
    });
    expect(only(t, "AWS::ApiGatewayV2::Stage").Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 75 });
    const app = policyById(t, distributionConfig(t).DefaultCacheBehavior.ResponseHeadersPolicyId).SecurityHeadersConfig;
    expect(app.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 600, IncludeSubdomains: true });
    expect(app.FrameOptions.FrameOption).toBe("DENY");
    expect(app.ReferrerPolicy.ReferrerPolicy).toBe("no-referrer");
    expect(app.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: "default-src 'self'", Override: false });
    expect(resources(t).Bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(resources(t).Table.Properties.DeletionProtectionEnabled).toBe(false);
  });

  test("securityHeaders: false drops the app's headers, never the uploads' sandbox", async () => {
    const t = await everything(false, { securityHeaders: false });
    const config = distributionConfig(t);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeUndefined();
    const uploads = config.CacheBehaviors.find((b: any) => b.PathPattern === "/public/*");
    expect(policyById(t, uploads.ResponseHeadersPolicyId).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toContain("sandbox");
  });

  test("ephemeral stages may opt in to versioning and deletion protection", async () => {
    const t = await everything(true, { storageVersioning: true, noncurrentVersionDays: 7, deletionProtection: true });
    expect(resources(t).Bucket.Properties.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(resources(t).Bucket.Properties.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 7 });
    expect(resources(t).Table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  test("CORS origins: the app's URL, its custom domain and the configured origins, sorted", async () => {
    const t = await everything(
      false,
      { corsOrigins: ["https://b.example.com", "https://a.example.com"] },
      { name: "app.example.com", certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/x" },
    );
    expect(corsRules(t)[0].AllowedOrigins).toEqual([
      expect.stringMatching(/^https:\/\/\$\{Cdn[0-9A-F]+\.DomainName\}$/),
      "https://a.example.com",
      "https://app.example.com",
      "https://b.example.com",
    ]);
  });

  test("an app that hands out no signed URLs gets no CORS at all", async () => {
    const graph = loadGraph("everything");
    graph.usages = graph.usages.filter((u) => !(u.resource === "storage" && (u.operation === "getUploadUrl" || u.operation === "getDownloadUrl")));
    const t = (await synthGraph(graph, { stage: "prod" })).template;
    expect(ofType(t, "Custom::AWS")).toHaveLength(0);
    expect(resources(t).Bucket.Properties.CorsConfiguration).toBeUndefined();
  });
});

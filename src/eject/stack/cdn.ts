/**
 * The app's one public URL, as synth's cdn.ts makes it: CloudFront in front
 * of the API (everything not static goes to the app), the static files (a
 * deploy-only bucket behind OAC, with the `/page` → `/page.html` rewrite)
 * and `/public/*` from the storage bucket, each behaviour with the stage's
 * response-headers policy. The behaviours are read from iac's distribution
 * in its order, so CloudFront's origin ids (`Origin1`, `Origin2`...) come
 * out the same.
 */
import type { CfnResourceJson, CfnValue } from "../model";
import { arr, obj, str, type Expr } from "../code";
import {
  booleanProp,
  CDK,
  duration,
  findResource,
  listOf,
  name,
  numberProp,
  prop,
  record,
  removalPolicy,
  stringProp,
  tryResource,
  value,
  type StackGen,
} from "./context";

const CF = `${CDK}/aws-cloudfront`;

export function writeCdn(gen: StackGen): void {
  const dist = tryResource(gen, "Cdn/Resource");
  if (!dist) return;
  const config = record(prop(dist.json, "DistributionConfig")) ?? {};
  const use = (n: string): string => gen.imports.use(CF, n);
  const statics = findResource(gen.graph, "static");
  gen.body
    .blank()
    .comment(
      "The app's public URL: CloudFront in front of the API, the static files and /public/* uploads.",
      ...(statics ? [`static/ holds ${statics.files.length} file(s).`] : []),
    );

  const cacheRes = tryResource(gen, "StaticCachePolicy/Resource");
  let cachePolicy = `${use("CachePolicy")}.CACHING_DISABLED`;
  if (cacheRes) {
    const c = (k: string): number => numberProp(cacheRes.json, "CachePolicyConfig", k) ?? 0;
    const enc = (k: string): boolean => booleanProp(cacheRes.json, "CachePolicyConfig", "ParametersInCacheKeyAndForwardedToOrigin", k) ?? false;
    gen.body.comment("Static files are cached at the edge for up to a day; each deploy invalidates them.");
    gen.body.line(
      `const cachePolicy = new ${use("CachePolicy")}(this, "StaticCachePolicy", ${obj([
        ["minTtl", duration(gen, c("MinTTL"))],
        ["defaultTtl", duration(gen, c("DefaultTTL"))],
        ["maxTtl", duration(gen, c("MaxTTL"))],
        ["enableAcceptEncodingGzip", String(enc("EnableAcceptEncodingGzip"))],
        ["enableAcceptEncodingBrotli", String(enc("EnableAcceptEncodingBrotli"))],
      ])});`,
    );
    cachePolicy = "cachePolicy";
  } else {
    gen.body.comment("An ephemeral stage caches nothing at the edge.");
  }

  const headers = headersPolicy(gen, "SecurityHeaders", "securityHeaders", "Security headers on every response (the app's own headers take precedence).");

  const staticBucket = tryResource(gen, "StaticBucket/Resource");
  const rewrite = tryResource(gen, "StaticRewrite/Resource");
  if (staticBucket) {
    const s3 = `${CDK}/aws-s3`;
    const [Bucket, BlockPublicAccess, BucketEncryption, ObjectOwnership] = ["Bucket", "BlockPublicAccess", "BucketEncryption", "ObjectOwnership"].map((n) =>
      gen.imports.use(s3, n),
    );
    gen.body.comment("A copy of static/, redeployed by every deploy: never worth keeping.");
    gen.body.line(
      `const staticBucket = new ${Bucket}(this, "StaticBucket", ${obj([
        ["blockPublicAccess", `${BlockPublicAccess}.BLOCK_ALL`],
        ["enforceSSL", "true"],
        ["encryption", `${BucketEncryption}.S3_MANAGED`],
        ["objectOwnership", `${ObjectOwnership}.BUCKET_OWNER_ENFORCED`],
        ["removalPolicy", removalPolicy(gen, staticBucket.json)],
      ])});`,
    );
    name(gen, "StaticBucket/Resource", "staticBucket");
  }
  if (rewrite) writeCloudFrontFunction(gen, rewrite.json, "StaticRewrite", "staticRewrite");
  const viewerHost = tryResource(gen, "ViewerHost/Resource");
  if (viewerHost) {
    gen.body.comment("Sends the viewer's Host in x-iac-viewer-host, after the origin secret: the runtime gives the app its own domain as Host.");
    writeCloudFrontFunction(gen, viewerHost.json, "ViewerHost", "viewerHost");
  }
  const S3BucketOrigin = (): string => gen.imports.use(`${CDK}/aws-cloudfront-origins`, "S3BucketOrigin");
  const https = `${use("ViewerProtocolPolicy")}.REDIRECT_TO_HTTPS`;
  if (staticBucket) {
    const BehaviorOptions = gen.imports.type(CF, "BehaviorOptions");
    gen.body.line(`const staticOrigin = ${S3BucketOrigin()}.withOriginAccessControl(staticBucket);`);
    gen.body.line(
      `const staticBehavior = (withRewrite: boolean): ${BehaviorOptions} => (${obj([
        ["origin", "staticOrigin"],
        ["cachePolicy", cachePolicy],
        ["viewerProtocolPolicy", https],
        ["responseHeadersPolicy", headers],
        [
          "functionAssociations",
          rewrite ? `withRewrite ? [{ function: staticRewrite, eventType: ${use("FunctionEventType")}.VIEWER_REQUEST }] : undefined` : undefined,
        ],
      ])});`,
    );
  }

  // Which origin each behaviour of iac's distribution uses: the API, the static bucket or the storage bucket.
  const origins = listOf(config.Origins)
    .map(record)
    .filter((o) => o !== undefined);
  const staticId = staticBucket?.logicalId;
  const originKind = (originId: CfnValue | undefined): "api" | "static" | "uploads" => {
    const o = origins.find((x) => x.Id === originId);
    const domain = record(o?.DomainName);
    const getAtt = domain ? domain["Fn::GetAtt"] : undefined;
    const target = Array.isArray(getAtt) ? getAtt[0] : undefined;
    if (o?.CustomOriginConfig !== undefined) return "api";
    return target === staticId ? "static" : "uploads";
  };
  const behaviors = listOf(config.CacheBehaviors)
    .map(record)
    .filter((b) => b !== undefined);
  const needsUploads =
    behaviors.some((b) => originKind(b.TargetOriginId) === "uploads") || originKind(record(config.DefaultCacheBehavior)?.TargetOriginId) === "uploads";
  let uploadsBehavior: Expr | undefined;
  if (needsUploads) {
    const uploadsHeaders = headersPolicy(
      gen,
      "UploadsHeaders",
      "uploadsHeaders",
      "Files under /public/ are the app's users' uploads: always served sandboxed (no script runs in the app's origin).",
    );
    gen.body.line(
      `const uploadsBehavior = ${obj([
        ["origin", `${S3BucketOrigin()}.withOriginAccessControl(bucket)`],
        ["cachePolicy", cachePolicy],
        ["viewerProtocolPolicy", https],
        ["responseHeadersPolicy", uploadsHeaders],
      ])};`,
    );
    uploadsBehavior = "uploadsBehavior";
  }
  const behaviorFor = (b: Record<string, CfnValue>): Expr => {
    const kind = originKind(b.TargetOriginId);
    if (kind === "uploads" && uploadsBehavior) return uploadsBehavior;
    return `staticBehavior(${b.FunctionAssociations !== undefined})`;
  };

  const def = record(config.DefaultCacheBehavior) ?? {};
  let defaultBehavior: Expr;
  if (originKind(def.TargetOriginId) === "api") {
    const origin = origins.find((o) => o.Id === def.TargetOriginId) ?? {};
    const customHeaders = listOf(origin.OriginCustomHeaders)
      .map(record)
      .filter((h) => h !== undefined);
    const HttpOrigin = gen.imports.use(`${CDK}/aws-cloudfront-origins`, "HttpOrigin");
    gen.body.comment(
      "The API's host, from https://<id>.execute-api.<region>.amazonaws.com; CloudFront alone sends the header",
      "that proves a request came through it (the runtime compares it with IAC_ORIGIN_VERIFY).",
    );
    const headerEntries = customHeaders.map((h) => [typeof h.HeaderName === "string" ? h.HeaderName : "", value(gen, h.HeaderValue)] as const);
    gen.body.line(
      `const apiOrigin = new ${HttpOrigin}(${value(gen, origin.DomainName)}${headerEntries.length > 0 ? `, { customHeaders: ${obj(headerEntries)} }` : ""});`,
    );
    defaultBehavior = obj([
      ["origin", "apiOrigin"],
      ["allowedMethods", `${use("AllowedMethods")}.ALLOW_ALL`],
      ["cachePolicy", `${use("CachePolicy")}.CACHING_DISABLED`],
      ["originRequestPolicy", `${use("OriginRequestPolicy")}.ALL_VIEWER_EXCEPT_HOST_HEADER`],
      ["viewerProtocolPolicy", https],
      ["responseHeadersPolicy", headers],
      ["functionAssociations", viewerHost ? `[{ function: viewerHost, eventType: ${use("FunctionEventType")}.VIEWER_REQUEST }]` : undefined],
    ]);
  } else {
    defaultBehavior = behaviorFor(def);
  }
  const additional = behaviors.map((b) => [typeof b.PathPattern === "string" ? b.PathPattern : "", behaviorFor(b)] as const);
  const errors = listOf(config.CustomErrorResponses)
    .map(record)
    .filter((e) => e !== undefined)
    .map((e) =>
      obj([
        ["httpStatus", String(e.ErrorCode)],
        ["responseHttpStatus", e.ResponseCode === undefined ? undefined : String(e.ResponseCode)],
        ["responsePagePath", typeof e.ResponsePagePath === "string" ? str(e.ResponsePagePath) : undefined],
        ["ttl", typeof e.ErrorCachingMinTTL === "number" ? duration(gen, e.ErrorCachingMinTTL) : undefined],
      ]),
    );
  gen.body.line(
    `const distribution = new ${use("Distribution")}(this, "Cdn", ${obj([
      ["comment", value(gen, config.Comment)],
      ["defaultBehavior", defaultBehavior],
      ["additionalBehaviors", obj(additional)],
      ["defaultRootObject", typeof config.DefaultRootObject === "string" ? str(config.DefaultRootObject) : undefined],
      ["errorResponses", errors.length > 0 ? arr(errors) : undefined],
    ])});`,
  );
  name(gen, "Cdn/Resource", "distribution");
  gen.names.distribution = "distribution";

  writeStaticDeployment(gen);
  if (gen.model.outputs.includes("Url"))
    gen.body.line(`new ${gen.imports.use(CDK, "CfnOutput")}(this, "Url", { value: \`https://\${distribution.distributionDomainName}\` });`);
}

/** A CloudFront Function as iac made it (its code, runtime and comment), as `const <varName>`. */
function writeCloudFrontFunction(gen: StackGen, json: CfnResourceJson, id: string, varName: string): void {
  const use = (n: string): string => gen.imports.use(CF, n);
  const text = stringProp(json, "FunctionCode");
  // Plain code line by line; code holding a stack value (the origin secret) as the template's expression.
  const code = text !== undefined ? `${arr(text.split("\n").map((l) => str(l)))}.join("\\n")` : value(gen, prop(json, "FunctionCode"));
  gen.body.line(
    `const ${varName} = new ${gen.imports.use(CF, "Function", "CloudFrontFunction")}(this, ${str(id)}, ${obj([
      ["code", `${use("FunctionCode")}.fromInline(${code})`],
      ["runtime", `${use("FunctionRuntime")}.JS_2_0`],
      ["comment", value(gen, prop(json, "FunctionConfig", "Comment"))],
    ])});`,
  );
}

/** A response-headers policy at `id` as iac made it, or undefined when iac made none. */
function headersPolicy(gen: StackGen, id: string, varName: string, why: string): Expr | undefined {
  const r = tryResource(gen, `${id}/Resource`);
  if (!r) return undefined;
  const use = (n: string): string => gen.imports.use(CF, n);
  const cfg = record(prop(r.json, "ResponseHeadersPolicyConfig")) ?? {};
  const sec = record(cfg.SecurityHeadersConfig) ?? {};
  const entries: [string, Expr | undefined][] = [];
  const hsts = record(sec.StrictTransportSecurity);
  if (hsts) {
    entries.push([
      "strictTransportSecurity",
      obj([
        ["accessControlMaxAge", duration(gen, typeof hsts.AccessControlMaxAgeSec === "number" ? hsts.AccessControlMaxAgeSec : 0)],
        ["includeSubdomains", flag(hsts.IncludeSubdomains)],
        ["preload", flag(hsts.Preload)],
        ["override", flag(hsts.Override)],
      ]),
    ]);
  }
  const cto = record(sec.ContentTypeOptions);
  if (cto) entries.push(["contentTypeOptions", obj([["override", flag(cto.Override)]])]);
  const frame = record(sec.FrameOptions);
  if (frame)
    entries.push([
      "frameOptions",
      obj([
        ["frameOption", `${use("HeadersFrameOption")}.${String(frame.FrameOption)}`],
        ["override", flag(frame.Override)],
      ]),
    ]);
  const referrer = record(sec.ReferrerPolicy);
  if (referrer) {
    const member = String(referrer.ReferrerPolicy).toUpperCase().replace(/-/g, "_");
    entries.push([
      "referrerPolicy",
      obj([
        ["referrerPolicy", `${use("HeadersReferrerPolicy")}.${member}`],
        ["override", flag(referrer.Override)],
      ]),
    ]);
  }
  const csp = record(sec.ContentSecurityPolicy);
  if (csp)
    entries.push([
      "contentSecurityPolicy",
      obj([
        ["contentSecurityPolicy", value(gen, csp.ContentSecurityPolicy)],
        ["override", flag(csp.Override)],
      ]),
    ]);
  gen.body.comment(why);
  gen.body.line(
    `const ${varName} = new ${use("ResponseHeadersPolicy")}(this, ${str(id)}, ${obj([
      ["responseHeadersPolicyName", value(gen, cfg.Name)],
      ["comment", value(gen, cfg.Comment)],
      ["securityHeadersBehavior", obj(entries)],
    ])});`,
  );
  return varName;
}

function flag(v: CfnValue | undefined): Expr | undefined {
  return typeof v === "boolean" ? String(v) : undefined;
}

/** The static files' deployment, invalidating the distribution (granted on this distribution only) where iac does. */
function writeStaticDeployment(gen: StackGen): void {
  const r = gen.model.resources.find((x) => x.json.Type === "Custom::CDKBucketDeployment" && x.path.startsWith("StaticDeployment/"));
  if (!r) return;
  const dep = `${CDK}/aws-s3-deployment`;
  const [BucketDeployment, CacheControl, Source] = ["BucketDeployment", "CacheControl", "Source"].map((n) => gen.imports.use(dep, n));
  const meta = stringProp(r.json, "SystemMetadata", "cache-control") ?? "";
  const cacheControl = meta
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((d) => {
      if (d === "public") return `${CacheControl}.setPublic()`;
      if (d === "no-cache") return `${CacheControl}.noCache()`;
      const m = /^(max-age|s-maxage)=(\d+)$/.exec(d);
      if (m) return `${CacheControl}.${m[1] === "max-age" ? "maxAge" : "sMaxAge"}(${duration(gen, Number(m[2]))})`;
      return `${CacheControl}.fromString(${str(d)})`;
    });
  const memory = /CustomResource-?(\d+)MiB/.exec(r.path)?.[1];
  const path = gen.imports.namespace("path", "path");
  gen.body.comment("static/ copied to the static bucket on every deploy.");
  gen.body.line(
    `const deployment = new ${BucketDeployment}(this, "StaticDeployment", ${obj([
      ["sources", `[${Source}.asset(${path}.join(props.appDir, "static"))]`],
      ["destinationBucket", "staticBucket"],
      ["cacheControl", arr(cacheControl)],
      ["memoryLimit", memory],
      ["retainOnDelete", String(booleanProp(r.json, "RetainOnDelete") ?? false)],
    ])});`,
  );
  if (prop(r.json, "DistributionId") === undefined) return;
  const CfnResource = gen.imports.use(CDK, "CfnResource");
  const PolicyStatement = gen.imports.use(`${CDK}/aws-iam`, "PolicyStatement");
  gen.body.comment("What BucketDeployment's `distribution` option does, with the invalidation granted on this distribution", "instead of on `*`.");
  gen.body.line(
    `const deploymentResource = deployment.node.findAll().find((n): n is ${CfnResource} => n instanceof ${CfnResource} && n.cfnResourceType === "Custom::CDKBucketDeployment");`,
  );
  gen.body.line(`deploymentResource?.addPropertyOverride("DistributionId", distribution.distributionId);`);
  gen.body.line(`deploymentResource?.addPropertyOverride("DistributionPaths", ${value(gen, prop(r.json, "DistributionPaths")) ?? '["/*"]'});`);
  gen.body.line(
    `deployment.handlerRole.addToPrincipalPolicy(new ${PolicyStatement}(${obj([
      ["actions", '["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"]'],
      ["resources", "[distribution.distributionArn]"],
    ])}));`,
  );
}

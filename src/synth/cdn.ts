/**
 * The app's one public URL: a CloudFront distribution in front of the API
 * (default behaviour: everything not static goes to Express), the static
 * files (a deploy-only S3 bucket through OAC, planned by `static-routes.ts`)
 * and `/public/*` from the storage bucket. Stack output `Url`.
 *
 * Long-lived stages cache static files at the edge for up to a day and
 * invalidate on every deploy (BucketDeployment with the distribution);
 * browsers revalidate (`max-age=0`), so a deploy is visible at once.
 * Ephemeral stages cache nothing and send `no-cache`.
 *
 * Every response gets the stage's security headers (HSTS, nosniff, frame
 * and referrer policy; `securityHeaders` stage setting), unless the app set
 * its own. Files under `/public/*` are the app's users' uploads: they are
 * served with a sandboxing Content-Security-Policy, whatever their type, so
 * an uploaded HTML or SVG file never runs script in the app's origin.
 * The API origin gets the header that proves a request came through
 * CloudFront (http.ts). The static deployment's invalidations are allowed on
 * this distribution only, not on `*` as CDK grants them.
 */
import * as fs from "fs";
import * as path from "path";
import { CfnOutput, CfnResource, Duration, Fn, RemovalPolicy } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ErrorResponse,
  type IResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
} from "aws-cdk-lib/aws-cloudfront";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { SYNTH_CODES } from "./codes";
import { findResource, type SynthContext } from "./context";
import { addFrameworkAssets, frameworkAssetDirs } from "./framework-cdn";
import { ORIGIN_VERIFY_HEADER, originVerifyValue, viewerHostFunctionCode } from "./http";
import type { ResolvedEdge } from "./stage-settings";
import { MAX_STATIC_BEHAVIORS, planStaticBehaviors, rewriteFunctionCode } from "./static-routes";

export function addCdn(ctx: SynthContext): void {
  const statics = findResource(ctx.graph, "static");
  const files = statics?.files ?? [];
  const storage = findResource(ctx.graph, "storage");
  const publicStorage = ctx.bucket && storage?.public ? ctx.bucket : undefined;
  if (!ctx.httpApi && files.length === 0 && !publicStorage) return;

  const longLived = !ctx.options.ephemeral;
  const cachePolicy = longLived
    ? new CachePolicy(ctx.stack, "StaticCachePolicy", {
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.days(1),
        maxTtl: Duration.days(1),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      })
    : CachePolicy.CACHING_DISABLED;
  const headers = securityHeadersPolicy(ctx);

  const behaviors: Record<string, BehaviorOptions> = {};
  let staticDefault: BehaviorOptions | undefined;
  let staticBucket: Bucket | undefined;
  const framework = frameworkAssetDirs(ctx);
  if (files.length > 0 || framework.length > 0) {
    staticBucket = new Bucket(ctx.stack, "StaticBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only a copy of `static/`, redeployed every time: never worth keeping. It is emptied on stack
      // deletion by the deployment itself (retainOnDelete: false below), which CloudFormation deletes
      // first since it depends on the bucket; no auto-delete custom resource needed (it costs ~150 ms
      // of synth, loading CDK's region facts to pick its Node runtime).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const rewrite = new CloudFrontFunction(ctx.stack, "StaticRewrite", {
      code: FunctionCode.fromInline(rewriteFunctionCode(files)),
      runtime: FunctionRuntime.JS_2_0,
      comment: "Maps /page to /page.html for the app's static files",
    });
    const origin = S3BucketOrigin.withOriginAccessControl(staticBucket);
    const staticBehavior = (withRewrite: boolean): BehaviorOptions => ({
      origin,
      cachePolicy,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: headers,
      functionAssociations: withRewrite ? [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }] : undefined,
    });
    // A framework's files (framework-cdn.ts) beside the app's own static/, in the same bucket.
    if (framework.length > 0) Object.assign(behaviors, addFrameworkAssets(ctx, staticBucket, origin, headers, longLived ? cachePolicy : undefined));
    const planned = planStaticBehaviors(files);
    if (framework.length > 0 && Object.keys(behaviors).length + planned.length > MAX_STATIC_BEHAVIORS) {
      ctx.diagnostics.push({
        code: SYNTH_CODES.tooManyStaticEntries,
        severity: "error",
        message: `the framework's static files and static/ need ${Object.keys(behaviors).length + planned.length} CloudFront routes; CloudFront allows ${MAX_STATIC_BEHAVIORS} next to the API`,
        location: { file: "package.json", line: 1, column: 1 },
        hint: "Move the files of public/ into a few folders (each top-level folder is one route, e.g. public/images/).",
      });
    }
    if (ctx.httpApi && planned.length > MAX_STATIC_BEHAVIORS) {
      ctx.diagnostics.push({
        code: SYNTH_CODES.tooManyStaticEntries,
        severity: "error",
        message: `static/ has ${planned.length} top-level entries; CloudFront allows ${MAX_STATIC_BEHAVIORS} next to the API`,
        location: statics?.location,
        hint: "Move files into a few folders under static/ (each folder is one route, e.g. static/assets/).",
      });
    }
    // Without an API, static files are the default behaviour and need no per-path routes.
    if (ctx.httpApi) for (const b of planned.slice(0, MAX_STATIC_BEHAVIORS)) behaviors[b.pattern] = staticBehavior(b.rewrite);
    else staticDefault = staticBehavior(true);
  }
  if (publicStorage) {
    behaviors["/public/*"] = {
      origin: S3BucketOrigin.withOriginAccessControl(publicStorage),
      cachePolicy,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: uploadsPolicy(ctx),
    };
  }

  // The app sees its own domain as Host (http.ts VIEWER_HOST_HEADER): frameworks compare it with a form's Origin.
  const viewerHost = ctx.httpApi
    ? new CloudFrontFunction(ctx.stack, "ViewerHost", {
        code: FunctionCode.fromInline(viewerHostFunctionCode(originVerifyValue())),
        runtime: FunctionRuntime.JS_2_0,
        comment: "Passes the viewer's Host to the API, which CloudFront cannot forward as Host",
      })
    : undefined;
  const defaultBehavior: BehaviorOptions | undefined = ctx.httpApi
    ? {
        // The API's host, from `https://<id>.execute-api.<region>.amazonaws.com`.
        origin: new HttpOrigin(Fn.select(2, Fn.split("/", ctx.httpApi.apiEndpoint)), {
          // CloudFront overwrites a viewer's header of the same name, so only it can send this value.
          customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerifyValue() },
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        functionAssociations: viewerHost ? [{ function: viewerHost, eventType: FunctionEventType.VIEWER_REQUEST }] : undefined,
      }
    : (staticDefault ?? behaviors["/public/*"]);
  if (!defaultBehavior) return;
  const hasFile = (p: string): boolean => files.some((f) => f.path === p);
  const distribution = new Distribution(ctx.stack, "Cdn", {
    comment: `${ctx.graph.app.name} ${ctx.options.stage}`,
    defaultBehavior,
    additionalBehaviors: ctx.httpApi || staticDefault ? behaviors : {},
    defaultRootObject: hasFile("index.html") ? "index.html" : undefined,
    // Error pages only when no API answers: with an API, CloudFront error pages would mask its JSON errors;
    // the runtime serves 404.html/500.html itself (they stay reachable at /404.html, /500.html).
    errorResponses: !ctx.httpApi ? errorPages(hasFile) : undefined,
  });
  ctx.distribution = distribution;

  if (staticBucket && files.length > 0) {
    const dir = path.join(ctx.options.appDir, "static");
    if (!fs.existsSync(dir)) {
      ctx.diagnostics.push({
        code: SYNTH_CODES.staticDirMissing,
        severity: "error",
        message: `the graph lists ${files.length} static file(s) but ${dir} does not exist`,
        location: statics?.location,
      });
    } else {
      const deployment = new BucketDeployment(ctx.stack, "StaticDeployment", {
        sources: [Source.asset(dir)],
        destinationBucket: staticBucket,
        cacheControl: longLived
          ? [CacheControl.setPublic(), CacheControl.maxAge(Duration.seconds(0)), CacheControl.sMaxAge(Duration.days(1))]
          : [CacheControl.noCache()],
        memoryLimit: 512,
        retainOnDelete: false,
        // Sharing the bucket with a framework's files: pruning would delete them (framework-cdn.ts).
        ...(framework.length > 0 ? { prune: false } : {}),
      });
      if (longLived) invalidateOnDeploy(deployment, distribution);
    }
  }
  new CfnOutput(ctx.stack, "Url", { value: `https://${distribution.distributionDomainName}` });
}

/**
 * What `BucketDeployment`'s `distribution` option does, with the grant on
 * this distribution's ARN instead of CDK's `*`: the handler invalidates the
 * distribution named in the custom resource's properties.
 */
function invalidateOnDeploy(deployment: BucketDeployment, distribution: Distribution): void {
  const resource = deployment.node.findAll().find((n): n is CfnResource => n instanceof CfnResource && n.cfnResourceType === "Custom::CDKBucketDeployment");
  if (!resource) throw new Error("internal: BucketDeployment without its custom resource");
  resource.addPropertyOverride("DistributionId", distribution.distributionId);
  resource.addPropertyOverride("DistributionPaths", ["/*"]);
  deployment.handlerRole.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"],
      resources: [distribution.distributionArn],
    }),
  );
}

/** The stage's security headers for the app's responses and static files; undefined when the stage turns them off. */
function securityHeadersPolicy(ctx: SynthContext): IResponseHeadersPolicy | undefined {
  const edge = ctx.options.edge.securityHeaders;
  if (edge === false) return undefined;
  return new ResponseHeadersPolicy(ctx.stack, "SecurityHeaders", {
    comment: `${ctx.graph.app.name} ${ctx.options.stage}: security headers (the app's own take precedence)`,
    securityHeadersBehavior: securityBehavior(edge, false),
  });
}

/**
 * `/public/*` holds what the app's users uploaded: always served sandboxed
 * (no script, a unique origin, nothing loaded from elsewhere), the headers
 * forced over whatever the object's metadata says, on every stage.
 */
export const UPLOADS_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

function uploadsPolicy(ctx: SynthContext): IResponseHeadersPolicy {
  const edge = ctx.options.edge.securityHeaders;
  const base = edge === false ? {} : securityBehavior(edge, true);
  return new ResponseHeadersPolicy(ctx.stack, "UploadsHeaders", {
    comment: `${ctx.graph.app.name} ${ctx.options.stage}: user uploads under /public/ are sandboxed`,
    securityHeadersBehavior: {
      ...base,
      contentTypeOptions: { override: true },
      contentSecurityPolicy: { contentSecurityPolicy: UPLOADS_CSP, override: true },
    },
  });
}

function securityBehavior(edge: Exclude<ResolvedEdge["securityHeaders"], false>, override: boolean): ResponseSecurityHeadersBehavior {
  return {
    ...(edge.hstsMaxAgeSeconds > 0
      ? {
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(edge.hstsMaxAgeSeconds),
            includeSubdomains: edge.hstsIncludeSubdomains,
            preload: edge.hstsPreload,
            override,
          },
        }
      : {}),
    contentTypeOptions: { override },
    frameOptions: { frameOption: edge.frameOptions === "DENY" ? HeadersFrameOption.DENY : HeadersFrameOption.SAMEORIGIN, override },
    referrerPolicy: { referrerPolicy: referrerPolicyOf(edge.referrerPolicy), override },
    ...(edge.contentSecurityPolicy ? { contentSecurityPolicy: { contentSecurityPolicy: edge.contentSecurityPolicy, override } } : {}),
  };
}

function referrerPolicyOf(name: Exclude<ResolvedEdge["securityHeaders"], false>["referrerPolicy"]): HeadersReferrerPolicy {
  const found = Object.values(HeadersReferrerPolicy).find((p) => p === name);
  if (!found) throw new Error(`internal: unknown referrer policy ${name}`);
  return found;
}

function errorPages(hasFile: (p: string) => boolean): ErrorResponse[] | undefined {
  const pages: ErrorResponse[] = [];
  if (hasFile("404.html")) {
    // S3 with OAC answers 403 for a missing key (no ListBucket): both mean "not found".
    pages.push({ httpStatus: 403, responseHttpStatus: 404, responsePagePath: "/404.html", ttl: Duration.seconds(10) });
    pages.push({ httpStatus: 404, responseHttpStatus: 404, responsePagePath: "/404.html", ttl: Duration.seconds(10) });
  }
  if (hasFile("500.html")) pages.push({ httpStatus: 500, responseHttpStatus: 500, responsePagePath: "/500.html", ttl: Duration.seconds(10) });
  return pages.length > 0 ? pages : undefined;
}

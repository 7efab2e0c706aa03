/**
 * The stage's storage bucket, only when the graph uses storage. Its logical
 * ID (`Bucket`) is a constant, like the table's. Public access is blocked:
 * `public/` objects are served through CloudFront (OAC) only, see `cdn.ts`.
 * Long-lived stages keep every version of a file (the `storageVersioning`
 * stage setting) and expire old versions after `noncurrentVersionDays`.
 *
 * CORS: only an app that hands out signed URLs (`getUploadUrl`,
 * `getDownloadUrl`) needs any, and then only for its own origins: its URL,
 * its custom domain, and the stage's `corsOrigins`. The URL is the
 * distribution's, which references this bucket (the `/public/*` origin), so
 * the bucket cannot name it in its own properties without a dependency
 * cycle: a custom resource sets the rules once both exist (and removes them
 * when the app stops handing out URLs).
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from "aws-cdk-lib/custom-resources";
import { findResource, grantOn, pinLogicalId, type SynthContext, type SynthKind } from "./context";

export const BUCKET_LOGICAL_ID = "Bucket";

export function addBucket(ctx: SynthContext): void {
  if (!findResource(ctx.graph, "storage")) return;
  const longLived = !ctx.options.ephemeral;
  const { storageVersioning, noncurrentVersionDays } = ctx.options.edge;
  const bucket = new Bucket(ctx.stack, "Bucket", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: storageVersioning,
    lifecycleRules: storageVersioning
      ? [{ id: "ExpireOldVersions", noncurrentVersionExpiration: Duration.days(noncurrentVersionDays), expiredObjectDeleteMarker: true }]
      : undefined,
    removalPolicy: longLived ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // A sandbox's files go with it; a long-lived stage's files never do.
    autoDeleteObjects: !longLived,
  });
  pinLogicalId(bucket, BUCKET_LOGICAL_ID);
  ctx.bucket = bucket;
}

/** The methods a browser uses with the URLs the app hands out, or none. */
export function corsMethods(ctx: SynthContext): string[] {
  const ops = new Set(ctx.graph.usages.flatMap((u) => (u.resource === "storage" ? [u.operation] : [])));
  const methods: string[] = [];
  if (ops.has("getDownloadUrl")) methods.push("GET", "HEAD");
  if (ops.has("getUploadUrl")) methods.push("PUT");
  return methods;
}

/** The origins allowed to use signed URLs from a browser: the app's own, sorted. */
export function corsOrigins(ctx: SynthContext): string[] {
  const origins = new Set(ctx.options.edge.corsOrigins);
  if (ctx.options.edge.domain) origins.add(`https://${ctx.options.edge.domain.name}`);
  const own = ctx.distribution ? [`https://${ctx.distribution.distributionDomainName}`] : [];
  return [...own, ...[...origins].sort()];
}

/** After the CDN exists (app.ts): the bucket's CORS rules, set by a custom resource (see the header). */
export function addStorageCors(ctx: SynthContext): void {
  const bucket = ctx.bucket;
  const methods = corsMethods(ctx);
  const origins = corsOrigins(ctx);
  if (!bucket || methods.length === 0 || origins.length === 0) return;
  const rules = {
    CORSRules: [
      { AllowedMethods: methods, AllowedOrigins: origins, AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: Duration.hours(1).toSeconds() },
    ],
  };
  const call = (action: "PutBucketCors" | "DeleteBucketCors", parameters: Record<string, unknown>) => ({
    service: "S3",
    action,
    parameters,
    physicalResourceId: PhysicalResourceId.of(`${ctx.graph.app.name}-${ctx.options.stage}-storage-cors`),
  });
  new AwsCustomResource(ctx.stack, "StorageCors", {
    onCreate: call("PutBucketCors", { Bucket: bucket.bucketName, CORSConfiguration: rules }),
    onUpdate: call("PutBucketCors", { Bucket: bucket.bucketName, CORSConfiguration: rules }),
    onDelete: call("DeleteBucketCors", { Bucket: bucket.bucketName }),
    // PutBucketCors and DeleteBucketCors are both authorised by s3:PutBucketCORS.
    policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ["s3:PutBucketCORS"], resources: [bucket.bucketArn] })]),
    // The Lambda image's SDK: no download from npm during a deployment.
    installLatestAwsSdk: false,
  });
}

/** The bucket: made with the stores, its CORS once the CDN exists; object grants by the usage's prefixes, listing with `s3:prefix` conditions (iam.ts). */
export const STORAGE_SYNTH = {
  store: addBucket,
  edge: addStorageCors,
  environment: (ctx): Record<string, string> => (ctx.bucket ? { IAC_BUCKET: ctx.bucket.bucketName } : {}),
  grants: {
    objects: (ctx, usage) => {
      const bucket = ctx.bucket;
      if (!bucket || usage.resource !== "storage") return undefined;
      const prefixes = (usage.scope.prefixes ?? [""]).map((p) => p.replace(/^\/+/, ""));
      return grantOn("objects", [...new Set(prefixes)].sort(), (p) => bucket.arnForObjects(`${p}*`));
    },
    bucket: "collected",
  },
} satisfies SynthKind;

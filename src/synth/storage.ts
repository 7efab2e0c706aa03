/**
 * The stage's storage bucket, only when the graph uses storage. Its logical
 * ID (`Bucket`) is a constant, like the table's. Public access is blocked:
 * `public/` objects are served through CloudFront (OAC) only, see `cdn.ts`.
 * CORS allows browsers to PUT/POST to signed upload URLs.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { findResource, pinLogicalId, type SynthContext } from "./context";

export const BUCKET_LOGICAL_ID = "Bucket";

export function addBucket(ctx: SynthContext): void {
  if (!findResource(ctx.graph, "storage")) return;
  const longLived = !ctx.options.ephemeral;
  const bucket = new Bucket(ctx.stack, "Bucket", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    cors: [
      {
        // Signed URLs carry their own authorisation; any origin may use one.
        allowedMethods: [HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.POST],
        allowedOrigins: ["*"],
        allowedHeaders: ["*"],
        exposedHeaders: ["ETag"],
        maxAge: Duration.hours(1).toSeconds(),
      },
    ],
    removalPolicy: longLived ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // A sandbox's files go with it; a long-lived stage's files never do.
    autoDeleteObjects: !longLived,
  });
  pinLogicalId(bucket, BUCKET_LOGICAL_ID);
  ctx.bucket = bucket;
}

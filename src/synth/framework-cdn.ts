/**
 * A web-framework app's static files behind the app's one URL: each of the
 * framework's asset folders (src/frameworks: `.next/static` at
 * `/_next/static/*`, `public/` at the site root) is deployed to the static
 * bucket under its URL prefix, and CloudFront sends its paths there;
 * everything else goes to the HTTP function, where the framework renders.
 * CloudFront matches behaviours in their order: a folder's more specific
 * pattern (SvelteKit's `/_app/immutable/*`) comes first, before the site
 * root's `/_app/*`, as the framework lists its folders.
 * Content-hashed files are `immutable` for a year (browsers and edge);
 * other files revalidate as the app's `static/` files do. The pages' HTML
 * comes from the function with the framework's own Cache-Control and is
 * never cached by the distribution (the API behaviour caches nothing).
 * Deployments into the shared bucket never prune: one would delete the
 * others' files, and a browser still running the previous version keeps
 * finding its hashed files.
 */
import * as fs from "fs";
import * as path from "path";
import { Duration } from "aws-cdk-lib";
import {
  CachePolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ICachePolicy,
  type IOrigin,
  type IResponseHeadersPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import type { FrameworkAssetDir } from "../frameworks/types";
import { pascal, type SynthContext } from "./context";

/** The framework's asset folders that exist (a Next.js app may have no `public/`). */
export function frameworkAssetDirs(ctx: SynthContext): FrameworkAssetDir[] {
  return (ctx.options.framework?.assets ?? []).filter((a) => fs.existsSync(path.join(ctx.options.appDir, a.dir)));
}

/** Path patterns of one asset folder: its prefix, or each top-level entry when it is served at the root. */
export function assetPatterns(appDir: string, asset: FrameworkAssetDir): string[] {
  if (asset.urlPrefix !== "") return [`/${asset.urlPrefix}/*`];
  const entries = fs.readdirSync(path.join(appDir, asset.dir), { withFileTypes: true });
  // A folder left wholly to another asset folder (Astro's `_astro/**`) is routed by that one's pattern alone.
  const elsewhere = new Set((asset.exclude ?? []).filter((g) => /^[^/*]+\/\*\*$/.test(g)).map((g) => g.slice(0, -3)));
  // The root's files by exact path, folders by prefix; never `/public/*` (storage's). The framework routes the rest.
  return entries
    .filter((e) => (e.isDirectory() && e.name !== "public" && !elsewhere.has(e.name)) || e.isFile())
    .map((e) => (e.isDirectory() ? `/${e.name}/*` : `/${e.name}`))
    .sort();
}

export function addFrameworkAssets(
  ctx: SynthContext,
  bucket: Bucket,
  origin: IOrigin,
  headers: IResponseHeadersPolicy | undefined,
  revalidating: ICachePolicy | undefined,
): Record<string, BehaviorOptions> {
  const behaviors: Record<string, BehaviorOptions> = {};
  const longLived = !ctx.options.ephemeral;
  for (const asset of frameworkAssetDirs(ctx)) {
    const cachePolicy = asset.immutable && longLived ? CachePolicy.CACHING_OPTIMIZED : (revalidating ?? CachePolicy.CACHING_DISABLED);
    for (const pattern of assetPatterns(ctx.options.appDir, asset)) {
      behaviors[pattern] = { origin, cachePolicy, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers };
    }
    new BucketDeployment(ctx.stack, `FrameworkAssets${pascal(asset.urlPrefix || "root")}`, {
      // Files another asset folder deploys (with its own caching) are left out here.
      sources: [Source.asset(path.join(ctx.options.appDir, asset.dir), asset.exclude ? { exclude: [...asset.exclude] } : {})],
      destinationBucket: bucket,
      destinationKeyPrefix: asset.urlPrefix || undefined,
      cacheControl: asset.immutable
        ? [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()]
        : longLived
          ? [CacheControl.setPublic(), CacheControl.maxAge(Duration.seconds(0)), CacheControl.sMaxAge(Duration.days(1))]
          : [CacheControl.noCache()],
      prune: false,
      memoryLimit: 512,
      retainOnDelete: false,
    });
  }
  return behaviors;
}

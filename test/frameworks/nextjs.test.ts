/**
 * Next.js apps end to end (docs/frameworks.md), one per style: the current
 * major with the app router (test/frameworks/apps/next-app-router) and a
 * 12.x app with pages/, getServerSideProps and a `cloud:build` script
 * (next12-pages). Each is built once by the library (`next build` run by
 * iac), then checked as the test matrix checks apps (test/matrix): every
 * function loads as Lambda loads it, the HTTP function renders server pages
 * that read `data` and answers the SDK's routes from API Gateway v2 events
 * against dynalite, and the app's own API tests pass under `iac test`; and
 * here: the framework's server ships with the HTTP function only, and a
 * hashed static asset reaches the static bucket behind the CloudFront
 * behaviour the template defines. The global setup installs the pinned
 * Next.js versions (test/support/frameworks.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { build } from "../../src/compiler";
import { readAssembly, isRecord, type Assembly } from "../e2e/lambda";
import { defineMatrix } from "../matrix/matrix";
import { frameworkApp } from "../support/frameworks";
import { TEST_CACHE_ROOT } from "../support/test-cache";

const REPO = path.resolve(__dirname, "..", "..");
const APPS = ["next-app-router", "next12-pages"];

defineMatrix(
  APPS.map((name) => {
    const dir = frameworkApp(name);
    return { dir: path.relative(REPO, dir), checks: JSON.parse(fs.readFileSync(path.join(dir, "lambda-checks.json"), "utf8")) };
  }),
);

function resourcesOfType(assembly: Assembly, type: string): [string, Record<string, unknown>][] {
  return Object.entries(assembly.resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties]);
}

/** Every file under `dir`, relative, POSIX. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

for (const name of APPS) {
  describe(`${name}: the assembly`, () => {
    let assemblyDir: string;
    let assembly: Assembly;
    beforeAll(async () => {
      // The matrix above built it once: the framework build and the bundle are cached, so this one only synthesizes.
      assemblyDir = fs.mkdtempSync(path.join(TEST_CACHE_ROOT, "out-"));
      const built = await build(frameworkApp(name), { stage: "assets", outDir: assemblyDir });
      if (!built.ok) throw new Error(built.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
      assembly = readAssembly(built.assemblyDir, built.stackName);
    }, 180_000);
    afterAll(() => {
      if (assemblyDir) fs.rmSync(assemblyDir, { recursive: true, force: true });
    });

    test("Next's server ships with the HTTP function only", () => {
      for (const fn of assembly.functions) {
        const shipped = fs.existsSync(path.join(fn.codeDir, "framework"));
        expect({ fn: fn.id, shipped }).toEqual({ fn: fn.id, shipped: fn.id === "http" });
        if (fn.id === "http") {
          const dir = String(fn.variables.IAC_FRAMEWORK_DIR);
          expect(fn.variables.IAC_FRAMEWORK).toBe("nextjs");
          expect(fs.existsSync(path.join(fn.codeDir, dir, ".next", "required-server-files.json"))).toBe(true);
          // The SDK is the bundle's: never a second copy inside the framework's node_modules.
          expect(filesUnder(path.join(fn.codeDir, "framework")).filter((f) => f.includes("node_modules/@serverless/cloud/"))).toEqual([]);
        }
      }
      if (name === "next-app-router") expect(assembly.functions.map((f) => f.id).sort()).toEqual(["http", "schedule-rate-1-hour"]);
    });

    test("a hashed asset is in the static bucket's deployment, behind /_next/static/* with immutable caching", () => {
      const [, distribution] = resourcesOfType(assembly, "AWS::CloudFront::Distribution")[0];
      const config = isRecord(distribution.DistributionConfig) ? distribution.DistributionConfig : {};
      const behaviors = Array.isArray(config.CacheBehaviors) ? config.CacheBehaviors.filter(isRecord) : [];
      const next = behaviors.find((b) => b.PathPattern === "/_next/static/*");
      // CloudFront's managed CachingOptimized policy: a year at the edge for content-hashed files.
      expect(next?.CachePolicyId).toBe("658327ea-f89d-4fab-a63d-7e88639e58f6");
      const origins = Array.isArray(config.Origins) ? config.Origins.filter(isRecord) : [];
      const origin = origins.find((o) => o.Id === next?.TargetOriginId);
      expect(isRecord(origin?.S3OriginConfig)).toBe(true);
      expect(behaviors.map((b) => b.PathPattern)).toContain("/robots.txt");

      const deployments = resourcesOfType(assembly, "Custom::CDKBucketDeployment");
      const staticDeployment = deployments.find(([, p]) => p.DestinationBucketKeyPrefix === "_next/static");
      if (!staticDeployment) throw new Error("no deployment of .next/static");
      const [, props] = staticDeployment;
      expect(props.SystemMetadata).toEqual({ "cache-control": "public, max-age=31536000, immutable" });
      expect(props.Prune).toBe(false);
      const keys = Array.isArray(props.SourceObjectKeys) ? props.SourceObjectKeys.map(String) : [];
      const assetDir = path.join(assemblyDir, `asset.${keys[0]?.replace(/\.zip$/, "")}`);
      const hashed = filesUnder(assetDir).filter((f) => /\.(js|css)$/.test(f) && /[-.][0-9a-z_~-]{8,}\.(js|css)$/i.test(f));
      expect(hashed.length).toBeGreaterThan(0);
      // The page the function renders names the same files under /_next/static/.
      const built = filesUnder(path.join(frameworkApp(name), ".next", "static"));
      expect(built).toEqual(expect.arrayContaining(hashed));
    });
  });
}

/**
 * The checks every served framework app of test/frameworks/apps gets beside
 * the test matrix's (test/matrix): `iac build` as users run it (the CLI,
 * spawned), then on the assembly: the framework's server ships with the
 * HTTP function only, and a content-hashed static asset reaches the static
 * bucket behind the CloudFront behaviour the template defines, with
 * immutable caching. nextjs.test.ts checks the same for Next.js inline.
 */
import * as fs from "fs";
import * as path from "path";
import { build } from "../../src/compiler";
import { readAssembly, isRecord, type Assembly } from "../e2e/lambda";
import { runCliAsync } from "../support/iac-cli";
import { frameworkApp } from "../support/frameworks";
import { TEST_CACHE_ROOT } from "../support/test-cache";

export interface ServedApp {
  /** The folder under test/frameworks/apps. */
  app: string;
  /** The registry's name (`IAC_FRAMEWORK`). */
  framework: string;
  /** A file the server's folder holds, relative to `IAC_FRAMEWORK_DIR` (`handler.js`). */
  serverFile: string;
  /** The function ids the app has. */
  functions: string[];
  /** The behaviour of the hashed files (`/_app/immutable/*`) and the deployment's key prefix. */
  hashedPattern: string;
  hashedPrefix: string;
  /** The built folder of hashed files, relative to the app. */
  hashedDir: string;
  /** A path the site root serves from the bucket (`/robots.txt`). */
  rootPath: string;
}

export function resourcesOfType(assembly: Assembly, type: string): [string, Record<string, unknown>][] {
  return Object.entries(assembly.resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties]);
}

/** Every file under `dir`, relative, POSIX. */
export function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

/** The CLI's build of the app, first of all (the matrix's build after it finds the framework's build cached). */
export function describeCliBuild(c: ServedApp): void {
  describe(`${c.app}: iac build (the CLI)`, () => {
    test("builds the framework and the app, as users run it", async () => {
      const dir = frameworkApp(c.app);
      // From scratch: the framework's build runs (its cache key removed), as on a fresh clone.
      fs.rmSync(path.join(dir, ".iac", "framework-build.json"), { force: true });
      const out = fs.mkdtempSync(path.join(TEST_CACHE_ROOT, "out-"));
      try {
        const run = await runCliAsync(["build", dir, "--stage", "cli", "--out", out], { timeoutMs: 150_000 });
        if (run.status !== 0) throw new Error(`iac build exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
        expect(fs.existsSync(path.join(dir, ".iac", "framework-build.json"))).toBe(true);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    }, 160_000);
  });
}

export function describeAssembly(c: ServedApp): void {
  describe(`${c.app}: the assembly`, () => {
    let assemblyDir: string;
    let assembly: Assembly;
    beforeAll(async () => {
      assemblyDir = fs.mkdtempSync(path.join(TEST_CACHE_ROOT, "out-"));
      const built = await build(frameworkApp(c.app), { stage: "assets", outDir: assemblyDir });
      if (!built.ok) throw new Error(built.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
      assembly = readAssembly(built.assemblyDir, built.stackName);
    }, 180_000);
    afterAll(() => {
      if (assemblyDir) fs.rmSync(assemblyDir, { recursive: true, force: true });
    });

    test("the framework's server ships with the HTTP function only", () => {
      expect(assembly.functions.map((f) => f.id).sort()).toEqual([...c.functions].sort());
      for (const fn of assembly.functions) {
        const shipped = fs.existsSync(path.join(fn.codeDir, "framework"));
        expect({ fn: fn.id, shipped }).toEqual({ fn: fn.id, shipped: fn.id === "http" });
        if (fn.id === "http") {
          expect(fn.variables.IAC_FRAMEWORK).toBe(c.framework);
          expect(fs.existsSync(path.join(fn.codeDir, String(fn.variables.IAC_FRAMEWORK_DIR), c.serverFile))).toBe(true);
          // The SDK is the bundle's: never a copy inside the framework's server.
          const server = filesUnder(path.join(fn.codeDir, "framework"));
          expect(server.filter((f) => f.includes("node_modules/@serverless/cloud/"))).toEqual([]);
          expect(server.filter((f) => /\.m?js$/.test(f) && fs.readFileSync(path.join(fn.codeDir, "framework", f), "utf8").includes("@aws-sdk/"))).toEqual([]);
        }
      }
    });

    test(`a hashed asset is in the static bucket's deployment, behind ${c.hashedPattern} with immutable caching`, () => {
      const [, distribution] = resourcesOfType(assembly, "AWS::CloudFront::Distribution")[0];
      const config = isRecord(distribution.DistributionConfig) ? distribution.DistributionConfig : {};
      const behaviors = Array.isArray(config.CacheBehaviors) ? config.CacheBehaviors.filter(isRecord) : [];
      const patterns = behaviors.map((b) => String(b.PathPattern));
      const hashed = behaviors.find((b) => b.PathPattern === c.hashedPattern);
      // CloudFront's managed CachingOptimized policy: a year at the edge for content-hashed files.
      expect(hashed?.CachePolicyId).toBe("658327ea-f89d-4fab-a63d-7e88639e58f6");
      const origins = Array.isArray(config.Origins) ? config.Origins.filter(isRecord) : [];
      expect(isRecord(origins.find((o) => o.Id === hashed?.TargetOriginId)?.S3OriginConfig)).toBe(true);
      expect(patterns).toContain(c.rootPath);
      // CloudFront takes the first pattern that matches: the hashed folder's comes before any wider one that covers it.
      const wider = patterns.findIndex((p) => p !== c.hashedPattern && p.endsWith("/*") && c.hashedPattern.startsWith(p.slice(0, -1)));
      if (wider >= 0) expect(patterns.indexOf(c.hashedPattern)).toBeLessThan(wider);

      const deployments = resourcesOfType(assembly, "Custom::CDKBucketDeployment");
      const deployment = deployments.find(([, p]) => p.DestinationBucketKeyPrefix === c.hashedPrefix);
      if (!deployment) throw new Error(`no deployment of ${c.hashedDir}`);
      const [, props] = deployment;
      expect(props.SystemMetadata).toEqual({ "cache-control": "public, max-age=31536000, immutable" });
      expect(props.Prune).toBe(false);
      const keys = Array.isArray(props.SourceObjectKeys) ? props.SourceObjectKeys.map(String) : [];
      const assetDir = path.join(assemblyDir, `asset.${keys[0]?.replace(/\.zip$/, "")}`);
      const deployed = filesUnder(assetDir).filter((f) => /\.(js|css)$/.test(f) && /[-.][0-9a-z_~-]{8,}\.(js|css)$/i.test(f));
      expect(deployed.length).toBeGreaterThan(0);
      // Each is a file of the build, under the pattern's path (a browser asks for `/<prefix>/<file>`).
      expect(filesUnder(path.join(frameworkApp(c.app), c.hashedDir))).toEqual(expect.arrayContaining(deployed));
      expect(`/${c.hashedPrefix}/${deployed[0]}`.startsWith(c.hashedPattern.slice(0, -1))).toBe(true);
      // No other deployment carries the hashed files with another caching.
      for (const [, other] of deployments) {
        if (other === props) continue;
        const otherKeys = Array.isArray(other.SourceObjectKeys) ? other.SourceObjectKeys.map(String) : [];
        const otherDir = path.join(assemblyDir, `asset.${otherKeys[0]?.replace(/\.zip$/, "")}`);
        const prefix = typeof other.DestinationBucketKeyPrefix === "string" ? `${other.DestinationBucketKeyPrefix}/` : "";
        if (!fs.existsSync(otherDir)) continue;
        expect(filesUnder(otherDir).filter((f) => `${prefix}${f}`.startsWith(`${c.hashedPrefix}/`))).toEqual([]);
      }
    });
  });
}

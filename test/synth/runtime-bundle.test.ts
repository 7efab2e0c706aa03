/**
 * The bundler against the real runtime (src/runtime/lambda.ts and index.ts):
 * a tiny app importing both SDK module names bundles without diagnostics,
 * and the bundle exports the Lambda `handler`.
 */
import * as fs from "fs";
import * as path from "path";
import { bundleFunctions } from "../../src/synth/bundle";
import { runtimeLambdaPath } from "../../src/synth/paths";
import { tempDir } from "./helpers";

const hasRuntime = fs.existsSync(runtimeLambdaPath());

(hasRuntime ? test : test.skip)("a TypeScript app bundles with the real runtime and exports handler", async () => {
  const appDir = tempDir("real-app");
  fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "real" }\n');
  fs.writeFileSync(
    path.join(appDir, "index.ts"),
    [
      'import { api } from "iac";',
      'import { schedule } from "@serverless/cloud";',
      'api.get("/hello", (req, res) => { res.json({ hello: "world" }); });',
      'schedule.every("1 hour", async () => {});',
      "",
    ].join("\n"),
  );
  const outDir = path.join(appDir, ".iac", "bundles", "qa");
  const r = await bundleFunctions({ appDir, entry: "index.ts", functions: ["http", "schedule-rate-1-hour"], outDir });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const js = fs.readFileSync(path.join(outDir, "function", "index.js"), "utf8");
  // esbuild's CommonJS export of `handler`, and the AWS SDK left external.
  expect(js).toMatch(/handler:\(\)=>/);
  expect(js).not.toMatch(/node_modules\/@aws-sdk/);
});

/**
 * Astro (5.x) with on-demand rendering. The integration from `iac/astro`
 * (wrappers/astro.ts) sets `output: "server"` with `@astrojs/node` in
 * middleware mode and inlines the server's packages, so `astro build`
 * leaves a self-contained server in `dist/server`: `entry.mjs` exports a
 * `(req, res, next)` `handler`, which the HTTP function serves after the
 * SDK's routes (src/runtime/frameworks/astro.ts). `dist/client/_astro`
 * (content-hashed) is served from the bucket at `/_astro/*`, the rest of
 * `dist/client` (the app's `public/`) at the site root. The function ships
 * `dist/` whole, keeping `server/` under that name.
 */
import * as fs from "fs";
import * as path from "path";
import { FRAMEWORK_CODES } from "./codes";
import { clientAssets, configImportsWrapper } from "./output";
import type { Framework } from "./types";

export const astro: Framework = {
  name: "astro",
  title: "Astro",
  packageName: "astro",
  served: true,
  buildCommand: ["astro", "build"],
  devCommand: (port) => ["astro", "dev", "--port", String(port), "--host", "127.0.0.1"],
  outputDirs: ["dist", ".astro"],
  pageDirs: ["src/pages", "src/components", "src/layouts", "src/lib"],
  configFiles: ["astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"],
  wrapper: "astro",
  requires: ["@astrojs/node"],
  optedIn(appDir) {
    return configImportsWrapper(appDir, this.configFiles, "astro");
  },
  output(appDir, packageJsonFile) {
    if (!fs.existsSync(path.join(appDir, "dist", "server", "entry.mjs"))) {
      return {
        code: FRAMEWORK_CODES.outputMissing,
        severity: "error",
        message: "astro build left no server (dist/server/entry.mjs): the HTTP function has nothing to run",
        location: { file: packageJsonFile, line: 1, column: 1 },
        hint: 'Add the integration in astro.config.mjs: `import cloud from "@serverless/cloud/astro"; export default defineConfig({ integrations: [cloud()] })` (it sets output: "server" with @astrojs/node).',
      };
    }
    const assets = clientAssets(appDir, "dist/client", "_astro");
    // dist/ whole: @astrojs/node finds its client folder (its error pages) by walking up from entry.mjs to a folder named `server`.
    return { name: "astro", serverDir: "dist", serverEntry: "server/entry.mjs", assets };
  },
};

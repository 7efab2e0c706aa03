/**
 * SvelteKit (2.x). `withCloud` from `iac/svelte` (wrappers/svelte.ts) sets
 * `kit.adapter` to `@sveltejs/adapter-node`, so `vite build` leaves a Node
 * server in `build/`: `handler.js` exports a `(req, res, next)` middleware,
 * which the HTTP function serves after the SDK's routes
 * (src/runtime/frameworks/sveltekit.ts), its chunks under `build/server`.
 * `build/client/_app/immutable` (content-hashed) is served from the bucket
 * at `/_app/immutable/*`, the rest of `build/client` (the app's `static/`,
 * `_app/version.json`) at the site root; prerendered pages come from the
 * function, which ships `build/` whole.
 */
import * as fs from "fs";
import * as path from "path";
import { FRAMEWORK_CODES } from "./codes";
import { clientAssets, configImportsWrapper } from "./output";
import type { Framework } from "./types";

export const sveltekit: Framework = {
  name: "sveltekit",
  title: "SvelteKit",
  packageName: "@sveltejs/kit",
  served: true,
  buildCommand: ["vite", "build"],
  devCommand: (port) => ["vite", "dev", "--port", String(port), "--strictPort", "--host", "127.0.0.1"],
  outputDirs: ["build", ".svelte-kit"],
  pageDirs: ["src/routes", "src/lib"],
  configFiles: ["svelte.config.js", "svelte.config.mjs", "svelte.config.ts"],
  wrapper: "svelte",
  requires: ["@sveltejs/adapter-node"],
  optedIn(appDir) {
    return configImportsWrapper(appDir, this.configFiles, "svelte");
  },
  output(appDir, packageJsonFile) {
    const handler = path.join(appDir, "build", "handler.js");
    if (!fs.existsSync(handler) || !fs.existsSync(path.join(appDir, "build", "server"))) {
      return {
        code: FRAMEWORK_CODES.outputMissing,
        severity: "error",
        message: "vite build left no adapter-node server (build/handler.js): the HTTP function has nothing to run",
        location: { file: packageJsonFile, line: 1, column: 1 },
        hint: 'Wrap the config in svelte.config.js: `import { withCloud } from "@serverless/cloud/svelte"; export default withCloud({ ... })` (it sets adapter-node, whose output must stay in build/).',
      };
    }
    const assets = clientAssets(appDir, "build/client", "_app/immutable");
    return { name: "sveltekit", serverDir: "build", serverEntry: "handler.js", assets };
  },
};

/**
 * Remix (2.x with Remix's Vite plugin). The plugin from `iac/remix`
 * (wrappers/remix.ts) inlines the server build's packages and has it
 * export `@remix-run/node`'s request handler, so `remix vite:build` leaves
 * a self-contained server in `build/server/index.js`, which the HTTP
 * function serves after the SDK's routes (src/runtime/frameworks/remix.ts).
 * `build/client/assets` (content-hashed) is served from the bucket at
 * `/assets/*`, the rest of `build/client` (the app's `public/`) at the
 * site root.
 */
import * as fs from "fs";
import * as path from "path";
import { FRAMEWORK_CODES } from "./codes";
import { clientAssets, configImportsWrapper } from "./output";
import type { Framework } from "./types";

export const remix: Framework = {
  name: "remix",
  title: "Remix",
  packageName: "@remix-run/node",
  served: true,
  buildCommand: ["remix", "vite:build"],
  devCommand: (port) => ["remix", "vite:dev", "--port", String(port), "--strictPort", "--host", "127.0.0.1"],
  outputDirs: ["build"],
  pageDirs: ["app"],
  configFiles: ["vite.config.js", "vite.config.mjs", "vite.config.ts", "vite.config.mts"],
  wrapper: "remix",
  optedIn(appDir) {
    return configImportsWrapper(appDir, this.configFiles, "remix");
  },
  output(appDir, packageJsonFile) {
    const server = path.join(appDir, "build", "server", "index.js");
    if (!fs.existsSync(server) || !fs.readFileSync(server, "utf8").includes("__iacCreateRequestHandler")) {
      return {
        code: FRAMEWORK_CODES.outputMissing,
        severity: "error",
        message:
          "remix vite:build left no server build iac can serve (build/server/index.js exporting Remix's request handler): the HTTP function has nothing to run",
        location: { file: packageJsonFile, line: 1, column: 1 },
        hint: 'Add the plugin in vite.config.js after Remix\'s: `import cloud from "@serverless/cloud/remix"; export default defineConfig({ plugins: [remix(), cloud()] })`.',
      };
    }
    // Vite's manifest (`.vite/`) is the build's, not the site's.
    const assets = clientAssets(appDir, "build/client", "assets", [".vite/**"]);
    return { name: "remix", serverDir: "build/server", serverEntry: "index.js", assets };
  },
};

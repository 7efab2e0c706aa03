/**
 * Next.js (12.2 and later: pages/ and app/ routers). `withCloud` from
 * `iac/nextjs` (wrappers/nextjs.ts) sets `output: "standalone"`, so
 * `next build` leaves a self-contained server in `.next/standalone` (its
 * node_modules traced by Next itself); the HTTP function ships it and runs
 * it through Next's own request handler (src/runtime/frameworks/nextjs.ts).
 * `.next/static` (content-hashed, immutable) is served from the bucket at
 * `/_next/static/*`, and `public/` at the site root.
 */
import * as fs from "fs";
import * as path from "path";
import { FRAMEWORK_CODES } from "./codes";
import { configImportsWrapper } from "./output";
import type { Framework } from "./types";

export const nextjs: Framework = {
  name: "nextjs",
  title: "Next.js",
  packageName: "next",
  served: true,
  buildCommand: ["next", "build"],
  devCommand: (port) => ["next", "dev", "--port", String(port), "--hostname", "127.0.0.1"],
  outputDirs: [".next"],
  pageDirs: ["app", "pages", "src/app", "src/pages"],
  configFiles: ["next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"],
  wrapper: "nextjs",
  optedIn(appDir) {
    return configImportsWrapper(appDir, this.configFiles, "nextjs");
  },
  output(appDir, packageJsonFile) {
    const serverDir = ".next/standalone";
    const entry = findServer(path.join(appDir, serverDir), "", 0);
    if (entry === undefined) {
      return {
        code: FRAMEWORK_CODES.outputMissing,
        severity: "error",
        message: "next build left no standalone server (.next/standalone/server.js): the HTTP function has nothing to run",
        location: { file: packageJsonFile, line: 1, column: 1 },
        hint: 'Wrap the config in next.config.js: `const { withCloud } = require("@serverless/cloud/nextjs"); module.exports = withCloud({ ... })` (it sets output: "standalone").',
      };
    }
    const assets = [{ dir: ".next/static", urlPrefix: "_next/static", immutable: true }];
    if (fs.existsSync(path.join(appDir, "public"))) assets.push({ dir: "public", urlPrefix: "", immutable: false });
    return { name: "nextjs", serverDir, serverEntry: entry, assets };
  },
};

/**
 * The standalone server's `server.js`, relative to `.next/standalone`: at its
 * top, or deeper when Next traced from a parent folder (a monorepo, or a
 * lock file above the app), where it mirrors the app's path from there.
 */
function findServer(root: string, rel: string, depth: number): string | undefined {
  const dir = path.join(root, rel);
  if (fs.existsSync(path.join(dir, "server.js")) && fs.existsSync(path.join(dir, ".next", "required-server-files.json")))
    return rel ? `${rel}/server.js` : "server.js";
  if (depth >= 8) return undefined;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isDirectory() || e.name === "node_modules" || e.name === ".next") continue;
    const found = findServer(root, rel ? `${rel}/${e.name}` : e.name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

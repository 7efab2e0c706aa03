#!/usr/bin/env node
// Transpiles src/**/*.ts to dist/ (CommonJS) with esbuild: one file in, one
// file out, no bundling, so dist mirrors src. Type checking and declaration
// files are tsc's job (`npm run typecheck`, `--declarations` here).
// Then bundles the `iac dev` dashboard page (dashboard/, Preact and dagre)
// into dist/dashboard: one script, one stylesheet, the HTML; no CDN.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const src = path.join(root, "src");
const out = path.join(root, "dist");

function listTs(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTs(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

const wrappers = path.join(src, "wrappers");
const common = { outdir: out, outbase: src, format: "cjs", platform: "node", target: "node20", sourcemap: true, logLevel: "warning" };
esbuild.buildSync({
  ...common,
  entryPoints: listTs(src).filter((f) => !f.startsWith(wrappers + path.sep)),
  // Lazy `await import("./x")` must stay CommonJS require() (dist is CJS).
  supported: { "dynamic-import": false },
});
// The framework wrappers import the framework's own ES modules (adapter-node, @astrojs/node): a real import().
const sdkModule = path.join(wrappers, "sdk.ts");
esbuild.buildSync({ ...common, entryPoints: listTs(wrappers).filter((f) => f !== sdkModule) });
// What the wrappers alias the SDK to in the frameworks' server code (ES modules): dist/wrappers/sdk.mjs.
esbuild.buildSync({ ...common, format: "esm", entryPoints: [sdkModule], outExtension: { ".js": ".mjs" } });

// The dashboard's libraries are devDependencies: an install without them (a
// package built from its tarball) has the page in dist already.
const dashboard = path.join(root, "dashboard");
if (fs.existsSync(path.join(dashboard, "main.tsx"))) {
  const pageOut = path.join(out, "dashboard");
  esbuild.buildSync({
    entryPoints: { app: path.join(dashboard, "main.tsx") },
    outdir: pageOut,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    legalComments: "linked",
    logLevel: "warning",
  });
  esbuild.buildSync({ entryPoints: { app: path.join(dashboard, "styles.css") }, outdir: pageOut, bundle: true, minify: true, logLevel: "warning" });
  fs.copyFileSync(path.join(dashboard, "index.html"), path.join(pageOut, "index.html"));
}

if (process.argv.includes("--declarations")) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
}

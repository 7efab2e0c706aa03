#!/usr/bin/env node
// Transpiles src/**/*.ts to dist/ (CommonJS) with esbuild: one file in, one
// file out, no bundling, so dist mirrors src. Type checking and declaration
// files are tsc's job (`npm run typecheck`, `--declarations` here).
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

esbuild.buildSync({
  entryPoints: listTs(src),
  outdir: out,
  outbase: src,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Lazy `await import("./x")` must stay CommonJS require() (dist is CJS).
  supported: { "dynamic-import": false },
  sourcemap: true,
  logLevel: "warning",
});

if (process.argv.includes("--declarations")) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
}

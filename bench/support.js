// What the benches share with the test suite's set-up: its TypeScript
// support modules (test/support), compiled on load with esbuild, so a bench
// installs and finds Node 22 and the framework apps exactly as the tests do.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** A test support module, compiled on load. */
function loadTs(file) {
  const esbuild = require(path.join(root, "node_modules", "esbuild"));
  require.extensions[".ts"] ??= (m, filename) => {
    const { code } = esbuild.transformSync(fs.readFileSync(filename, "utf8"), { loader: "ts", format: "cjs", target: "node20" });
    m._compile(code, filename);
  };
  return require(file);
}

/** Node 22, the runtime the templates name (nodejs22.x): installed under .test-cache when missing, as the tests do. */
function node22() {
  return loadTs(path.join(root, "test", "support", "node22.ts")).ensureNode22();
}

module.exports = { loadTs, node22 };

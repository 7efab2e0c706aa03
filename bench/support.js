// What the benches share with the test suite's set-up: its TypeScript
// support modules (test/support), compiled on load with esbuild, so a bench
// installs and finds Node 22 and the framework apps exactly as the tests do.
"use strict";
const { spawnSync } = require("child_process");
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

/** Runs a command from the repository; its failure ends the bench (exit 2) with its output. */
function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: "utf8", ...options });
  if (r.status !== 0) {
    console.error(`${cmd} ${argv.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    process.exit(2);
  }
  return r.stdout;
}

/** The median of a list of numbers. */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

module.exports = { loadTs, median, node22, run };

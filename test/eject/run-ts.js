// Runs an ejected CDK app's TypeScript entry as `cdk synth` runs it through
// ts-node (cdk.json), minus the type check (test/eject checks types with one
// tsc run over every ejected project): each .ts file is transformed to
// CommonJS by esbuild when it is required.
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require(path.join(__dirname, "..", "..", "node_modules", "esbuild"));

require.extensions[".ts"] = (module, filename) => {
  const { code } = esbuild.transformSync(fs.readFileSync(filename, "utf8"), { loader: "ts", format: "cjs", target: "node20", sourcefile: filename });
  module._compile(code, filename);
};
require(path.resolve(process.argv[2]));

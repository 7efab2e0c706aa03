#!/usr/bin/env node
// What `iac build <app> --stage <s> --out <dir>` does, through the library
// in dist/ (analyzeApp, then synthesize): used by run.js only while the CLI's
// build command is not wired yet, and labelled as such in its table.
//   node bench/build/standin.js <appDir> <stage> <outDir>
const path = require("path");
const dist = path.resolve(__dirname, "..", "..", "dist");
const { analyzeApp } = require(path.join(dist, "analyzer", "index.js"));
const { synthesize } = require(path.join(dist, "synth", "index.js"));

async function main() {
  const [appDir, stage, outDir] = process.argv.slice(2).map((a, i) => (i === 1 ? a : path.resolve(a)));
  const { graph, diagnostics } = analyzeApp(appDir);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`analysis failed: ${JSON.stringify(errors, null, 2)}`);
  const result = await synthesize(graph, { appDir, stage, ephemeral: false, outDir });
  const synthErrors = result.diagnostics.filter((d) => d.severity === "error");
  if (synthErrors.length > 0) throw new Error(`synth failed: ${JSON.stringify(synthErrors, null, 2)}`);
  console.log(JSON.stringify({ cached: result.cached, template: result.templatePath, functions: result.functions }));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});

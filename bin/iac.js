#!/usr/bin/env node
// The `iac` command. The CLI lives in src/cli and is compiled to dist/ by
// `npm run prepare` (run by `npm ci`).
require("../dist/cli/main.js").main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`iac: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);

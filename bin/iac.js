#!/usr/bin/env node
// The `iac` command. The CLI lives in src/cli and is compiled to dist/ by
// `npm run prepare` (run by `npm ci`).
// iac pins its AWS SDK v3 clients; their notice that future releases need
// Node 22 says nothing about this install and would clutter every command.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}
// A command that plainly validates runs itself again under faster V8 flags
// before the CLI loads (dist/cli/relaunch.js says why).
const relaunched = require("../dist/cli/relaunch.js").relaunchEarly(process.argv.slice(2));
if (relaunched !== undefined) {
  process.exitCode = relaunched;
} else {
  // Exit 2 is a bug in iac, which may have left a server or a timer running: end
  // the process rather than hang on it.
  require("../dist/cli/main.js")
    .main(process.argv.slice(2))
    .then(
      (code) => {
        process.exitCode = code;
        if (code === 2) setImmediate(() => process.exit(code));
      },
      (err) => {
        console.error(`iac: internal error: ${err && err.stack ? err.stack : err}`);
        process.exitCode = 2;
      },
    );
}

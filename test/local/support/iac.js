// The `iac` CLI for the local-instance tests: bin/iac.js once src/cli/main.ts
// registers dev/test/init/data; until then, the same yargs wiring with just
// those commands, from the compiled dist/ (built by jest's global setup).
const fs = require("fs");
const path = require("path");
const dist = path.join(__dirname, "..", "..", "..", "dist");
const main = fs.readFileSync(path.join(dist, "cli", "main.js"), "utf8");
if (/registerDev/.test(main) && /registerTest/.test(main)) {
  require(path.join(__dirname, "..", "..", "..", "bin", "iac.js"));
} else {
  const yargs = require("yargs");
  const names = ["dev", "test", "init", "data"];
  const ctx = { exitCode: 0 };
  let cli = yargs(process.argv.slice(2)).scriptName("iac").strict().exitProcess(false).fail((msg, err) => { if (err) throw err; process.stderr.write(msg + "\n"); ctx.exitCode = 1; });
  for (const name of names) {
    const file = path.join(dist, "cli", "commands", `${name}.js`);
    if (!fs.existsSync(file)) continue;
    const mod = require(file);
    const register = mod[`register${name[0].toUpperCase()}${name.slice(1)}`];
    if (register) cli = register(cli, ctx);
  }
  cli.parseAsync().then(
    () => { process.exitCode = ctx.exitCode; },
    (err) => { console.error(`iac: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
  );
}

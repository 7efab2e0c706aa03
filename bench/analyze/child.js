// Runs one side of the comparison in a fresh process and reports its CPU time
// (user + system, node start-up and module loading included) on stderr as
// `cpu-ms <n>`. CPU time, unlike wall time, stays meaningful on a machine
// other processes are busy on.
//   node child.js tsc <dir>      node child.js analyze <dir> <dist/analyzer>
const [mode, dir, analyzer] = process.argv.slice(2);
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
if (mode === "tsc") {
  process.argv = [process.argv[0], "tsc", "--noEmit", "-p", dir];
  require("typescript/lib/tsc.js");
} else {
  const result = require(analyzer).analyzeApp(dir);
  if (result.graph.handlers.length === 0) process.exitCode = 3;
}

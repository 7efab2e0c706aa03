#!/usr/bin/env node
// Analyzer speed against `tsc --noEmit` on the same generated apps.
//
// Apps of 50, 200 and 1,000 files; each file registers 5 routes whose
// handlers call helpers exported by another module (which use data, storage
// and events), so the call graph crosses modules. `iac` resolves to a small
// declaration file, as it would from node_modules. Both sides run as whole
// processes (node start-up and module loading included), alternating, median
// of --runs (default 5) each.
//
// Analysis time is elapsed (wall) time, what a user waits for; the target
// (at most 0.4x tsc) is judged on it. CPU time (user + system, all threads:
// V8 compiles and collects garbage on background threads) is printed next to
// it, as it says how much work each side does and stays meaningful when other
// work shares the machine. "ms/file" is the marginal cost per file between
// consecutive sizes, to show growth is linear. The analyzer's in-process CPU
// time (warm, module loading and JIT done) is shown too.
//
//   node bench/analyze/run.js [--runs 5] [sizes...]     e.g. node bench/analyze/run.js 50 200
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
execFileSync(process.execPath, [path.join(root, "scripts", "build.js")], { stdio: "inherit" });
const { analyzeApp } = require(path.join(root, "dist", "analyzer"));
const { generate } = require("./generate");

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall and CPU milliseconds of one child run. */
function timeProcess(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(__dirname, "child.js"), ...args], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const m = /cpu-ms ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`child failed: ${r.stderr}`);
  // tsc exits non-zero on type errors; the time still counts, but say so.
  if (r.status !== 0) process.stderr.write(`note: ${args[0]} exited ${r.status}: ${String(r.stdout).slice(0, 300)}\n`);
  return { wall, cpu: Number(m[1]) };
}

const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const runs = runsAt >= 0 ? Math.max(3, Number(argv[runsAt + 1])) : 5;
const sizes = argv
  .filter((a, i) => runsAt < 0 || (i !== runsAt && i !== runsAt + 1))
  .map(Number)
  .filter((n) => n > 0);
const rows = [];
const dist = path.join(root, "dist", "analyzer");
for (const files of sizes.length ? sizes : [50, 200, 1000]) {
  const dir = generate(files);
  analyzeApp(dir); // warm-up: module loading and JIT
  const inProcess = median(
    [0, 1, 2].map(() => {
      const start = process.cpuUsage();
      const result = analyzeApp(dir);
      const used = process.cpuUsage(start);
      const routes = result.graph.handlers.length;
      if (routes !== files * 5) throw new Error(`expected ${files * 5} routes, found ${routes}: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
      return (used.user + used.system) / 1000;
    }),
  );
  // Alternate the sides so that a busy moment on the machine hits both.
  const a = [];
  const t = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeProcess(["analyze", dir, dist]));
    t.push(timeProcess(["tsc", dir]));
  }
  rows.push({
    files,
    inProcess,
    aCpu: median(a.map((x) => x.cpu)),
    aWall: median(a.map((x) => x.wall)),
    tCpu: median(t.map((x) => x.cpu)),
    tWall: median(t.map((x) => x.wall)),
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padStart(n);
const f0 = (n) => n.toFixed(0);
const ratio = (a, b) => (a / b).toFixed(2);
console.log(`Whole processes, median of ${runs} alternating runs. Wall ms = analysis time (the target: ratio at most 0.40); CPU ms = user+sys of all threads.`);
console.log(
  `${pad("files", 6)} ${pad("routes", 7)} | ${pad("iac wall", 9)} ${pad("tsc wall", 9)} ${pad("ratio", 6)} | ${pad("iac CPU", 8)} ${pad("tsc CPU", 8)} ${pad("ratio", 6)} | ${pad("iac ms/file", 12)} ${pad("tsc ms/file", 12)} | ${pad("in-process", 11)}`,
);
rows.forEach((r, i) => {
  const prev = rows[i - 1];
  const marginal = (x, y) => (prev ? ((x - y) / (r.files - prev.files)).toFixed(2) : (x / r.files).toFixed(2));
  console.log(
    `${pad(r.files, 6)} ${pad(r.files * 5, 7)} | ${pad(f0(r.aWall), 9)} ${pad(f0(r.tWall), 9)} ${pad(ratio(r.aWall, r.tWall), 6)} | ${pad(f0(r.aCpu), 8)} ${pad(f0(r.tCpu), 8)} ${pad(ratio(r.aCpu, r.tCpu), 6)} | ${pad(marginal(r.aWall, prev?.aWall), 12)} ${pad(marginal(r.tWall, prev?.tWall), 12)} | ${pad(f0(r.inProcess), 11)}`,
  );
});
console.log("ms/file: wall ms per file added since the previous size (the first row: per file)");

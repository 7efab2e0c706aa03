#!/usr/bin/env node
// bench/build: `iac build examples/todo` against the same infrastructure
// hand-written in CDK (bench/peer, `node bench/peer/synth.js`),
// in one run, alternating sides, median of N runs each, for CDK validation
// off and on (the same setting on both sides, via CDK_VALIDATION). Also an
// iac rebuild into the same output with nothing changed (the rebuild cache:
// esbuild is skipped when every bundled input file is unchanged, CDK synthesis
// when graph, options and bundle hashes are unchanged). Each cold iac build
// starts without `<app>/.iac` (no bundle or analysis cache). What persists
// between runs on both sides is per machine, not per app: the OS file cache,
// and on iac's side the V8 code caches under node_modules/.cache/iac (the
// TypeScript compiler's, and src/code-cache.ts's for aws-cdk-lib and the
// other modules it loads); the first run after an install or a rebuild of
// dist/ writes them, so it is slower than the median.
// With validation on, `iac build` runs itself once more under two V8 flags
// (src/cli/relaunch.ts); its wall time includes that, and GNU time's peak RSS
// of the command is then the larger of the two processes (the first one is
// ~45 MiB and waits).
//
//   node bench/build/run.js [--runs 5] [--validation off|on|both] [--app examples/todo]
//
// Wall time is measured around each child process; peak memory is GNU
// time's maximum resident set size (%M) of the child. The peer resolves
// aws-cdk-lib, constructs, esbuild and the AWS SDK from this package's
// node_modules: the same pinned versions iac uses.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Math.max(5, Number(flag("runs", "5")));
const settings = { off: ["off"], on: ["on"], both: ["off", "on"] }[flag("validation", "both")];
const appDir = path.resolve(root, flag("app", "examples/todo"));
const peerDir = path.join(__dirname, "..", "peer");
const hasGnuTime = fs.existsSync("/usr/bin/time");

/** Runs a command; returns wall seconds and peak RSS in MiB. Exits on failure. */
function measure(label, cmd, cmdArgs, cwd, env) {
  const timeFile = path.join(os.tmpdir(), `iac-bench-time-${process.pid}`);
  const [file, argv] = hasGnuTime ? ["/usr/bin/time", ["-f", "%M", "-o", timeFile, cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd, env: { ...process.env, ...env, NO_COLOR: "1" }, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) {
    console.error(`bench: ${label} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    process.exit(2);
  }
  const rssMiB = hasGnuTime ? Number(fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()) / 1024 : NaN;
  return { wall, rssMiB };
}

/** Bytes of the function bundles (asset.<hash>/index.js, or iac's index.mjs) in an assembly; lazy chunks not counted. */
function bundleBytes(outDir) {
  let total = 0;
  for (const e of fs.readdirSync(outDir)) {
    if (!e.startsWith("asset.")) continue;
    for (const name of ["index.js", "index.mjs"]) {
      const js = path.join(outDir, e, name);
      if (fs.existsSync(js)) total += fs.statSync(js).size;
    }
  }
  return total;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `iac build` as users run it. */
const iacCmd = { label: "iac build", argv: (out) => ["bin/iac.js", "build", appDir, "--stage", "qa", "--out", out] };

function main() {
  spawnSync(process.execPath, [path.join(root, "scripts", "build.js")], { stdio: "inherit" });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-bench-build-"));
  const rows = [];
  for (const setting of settings) {
    const env = { CDK_VALIDATION: setting === "on" ? "true" : "false" };
    const samples = { peer: [], cold: [], rebuild: [] };
    let sizes = {};
    for (let i = 0; i < runs; i++) {
      const peerOut = path.join(work, `peer-${setting}-${i}`);
      const iacOut = path.join(work, `iac-${setting}-${i}`);
      const peer = () => samples.peer.push(measure("peer synth", process.execPath, [path.join(peerDir, "synth.js"), peerOut], root, env));
      const iac = () => {
        const build = iacCmd.argv(iacOut);
        // Cold means cold: no bundle or analysis cache left in the app's work dir (the peer has none either).
        fs.rmSync(path.join(appDir, ".iac"), { recursive: true, force: true });
        samples.cold.push(measure("iac build", process.execPath, build, root, env));
        samples.rebuild.push(measure("iac rebuild", process.execPath, build, root, env));
      };
      // Alternate which side goes first, so neither always runs on a warm disk cache.
      if (i % 2 === 0) {
        peer();
        iac();
      } else {
        iac();
        peer();
      }
      sizes = { peer: bundleBytes(peerOut), iac: bundleBytes(iacOut) };
    }
    const peerWall = median(samples.peer.map((s) => s.wall));
    for (const [side, label, bytes] of [
      ["peer", "hand-written CDK (node synth.js)", sizes.peer],
      ["cold", iacCmd.label, sizes.iac],
      ["rebuild", `${iacCmd.label}, unchanged rebuild`, sizes.iac],
    ]) {
      const wall = median(samples[side].map((s) => s.wall));
      const rss = median(samples[side].map((s) => s.rssMiB));
      rows.push([
        `validation ${setting}`,
        label,
        wall.toFixed(2),
        Number.isNaN(rss) ? "n/a" : rss.toFixed(0),
        (wall / peerWall).toFixed(2),
        (bytes / 1024).toFixed(0),
      ]);
    }
  }
  const header = ["CDK validation", "side", "wall s (median)", "peak RSS MiB (median)", "× peer wall", "bundled JS KiB"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r) => r.map((v, c) => v.padEnd(widths[c])).join(" | ");
  console.log(`bench/build: ${path.relative(root, appDir)} vs bench/peer (hand-written CDK), ${runs} runs each, alternating, ${os.cpus().length} cores`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of rows) console.log(line(r));
  fs.rmSync(work, { recursive: true, force: true });
}

main();

#!/usr/bin/env node
// Save-to-answer latency of `iac dev` on a temp copy of examples/todo: edit
// the GET /todos handler N times and, after each save, poll the route until
// the new code answers. Baseline: the same edit served by a full restart of
// the dev process (what a tool without in-process reload costs).
// `@architect/sandbox` is not installed here, so no peer column.
//
//   node bench/dev-reload/run.js [--runs 30] [--restarts 5]
// Needs dist/ (npm run build). Targets: p50 <= 50 ms, p95 <= 150 ms.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 30);
const RESTARTS = arg("restarts", 5);

const SERVER = `
const { startDevServer } = require(${JSON.stringify(path.join(root, "dist/local/dev/server.js"))});
startDevServer({ dir: process.argv[1], port: 0, write: () => {}, onDiagnostics: (d) => console.error(JSON.stringify(d)) })
  .then((s) => { process.stdout.write("URL " + s.url + String.fromCharCode(10)); process.on("SIGTERM", () => s.close().then(() => process.exit(0))); });
`;

function startServer(dir) {
  const child = spawn(process.execPath, ["-e", SERVER, dir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const m = /URL (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once("exit", (code) => reject(new Error(`dev server exited with ${code}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

const entryOf = (dir) => path.join(dir, "index.ts");
function edit(dir, rev) {
  const file = entryOf(dir);
  const text = fs.readFileSync(file, "utf8").replace(/res\.json\(\{ items(, rev: \d+)? \}\);/, `res.json({ items, rev: ${rev} });`);
  fs.writeFileSync(file, text);
}

async function answersRev(url, rev) {
  try {
    const res = await fetch(`${url}/todos?status=all`);
    return res.ok && (await res.json()).rev === rev;
  } catch {
    return false; // restarting: connection refused
  }
}

async function waitForRev(getUrl, rev) {
  for (;;) {
    const url = getUrl();
    if (url && (await answersRev(url, rev))) return;
  }
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-bench-reload-"));
  fs.cpSync(path.join(root, "examples", "todo"), dir, { recursive: true, filter: (s) => !s.includes(`${path.sep}.iac`) });

  // In-process reload.
  const { child, url } = await startServer(dir);
  const reload = [];
  for (let rev = 1; rev <= RUNS; rev++) {
    await new Promise((r) => setTimeout(r, 50)); // let the watcher settle between saves
    const t0 = performance.now();
    edit(dir, rev);
    await waitForRev(() => url, rev);
    reload.push(performance.now() - t0);
  }
  await stop(child);

  // Baseline: restart the whole dev process on each save.
  const restart = [];
  for (let i = 1; i <= RESTARTS; i++) {
    const rev = RUNS + i;
    const t0 = performance.now();
    edit(dir, rev);
    const started = await startServer(dir);
    await waitForRev(() => started.url, rev);
    restart.push(performance.now() - t0);
    await stop(started.child);
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const rows = [
    ["iac dev reload (in-process)", reload, "p50 <= 50 ms, p95 <= 150 ms"],
    ["full process restart (baseline)", restart, "-"],
  ];
  console.log("save -> new code answering, examples/todo (ms)\n");
  console.log("| mode | runs | p50 | p95 | max | target |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, samples, target] of rows) {
    const s = [...samples].sort((a, b) => a - b);
    console.log(`| ${name} | ${s.length} | ${pct(s, 50).toFixed(1)} | ${pct(s, 95).toFixed(1)} | ${s[s.length - 1].toFixed(1)} | ${target} |`);
  }
  console.log("\npeer: @architect/sandbox is not installed on this machine; not measured.");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

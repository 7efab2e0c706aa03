#!/usr/bin/env node
// Save-to-answer and save-to-diagnostics latency of `iac dev`.
//
// The app: generated in a temp folder by app.js (default 200 source files,
// each a module with a route or a helper importing the SDK from "iac"), or
// with --todo a temp copy of examples/todo. Each save rewrites one module:
// the GET /probe handler answers the new revision, and every other save adds
// a route at a computed path (error IAC1001) that the next save removes.
// After each save the bench polls GET /probe until the new code answers
// (save -> answer) and waits for the analysis report in which IAC1001 has
// appeared or gone (save -> diagnostics).
//
// Modes, all in this one run, in alternating blocks of saves (each on its own copy of the app):
// - in-process reload with the analysis (what `iac dev` does);
// - in-process reload without it (`--no-analysis`): what the analysis costs the reload;
// - baseline: the whole dev process restarted on a save (what a tool without
//   in-process reload costs), with its first answer and first analysis.
// `@architect/sandbox` is not installed here, so no peer column.
//
// Saves come --pause-ms apart (default 50, a burst of quick edits). The longer a
// server has been idle, the slower its next reload and analysis: with 1,000 ms
// between saves both took about 20 ms longer at 200 files on a 2-core machine.
//
// --dashboard: each in-process server has a dashboard page's event stream open (read by this process,
// as a browser would), so the figures show what an open dashboard costs a reload.
//
//   node bench/dev-reload/run.js [--files 200] [--todo] [--runs 30] [--restarts 5] [--poll-ms 0] [--pause-ms 50] [--block 10] [--dashboard]
// Needs dist/ (npm run build). Target: p50 <= 50 ms save -> answer and save -> diagnostics, p95 <= 150 ms.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { generateApp, probeSource } = require("./app");

const root = path.resolve(__dirname, "..", "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 30);
const RESTARTS = arg("restarts", 5);
const FILES = arg("files", 200);
const TODO = process.argv.includes("--todo");
const DASHBOARD = process.argv.includes("--dashboard");
// 0: poll GET /probe back to back (a client hammering the server, as this bench always has), which
// keeps about one core busy beside the server; N: wait N ms between polls, closer to a person reloading.
const POLL_MS = arg("poll-ms", 0);
const PAUSE_MS = arg("pause-ms", 50);
const BLOCK = Math.max(1, arg("block", 10));

// The dev server as the CLI starts it; each analysis report is one line: "ANALYSIS <ms> <codes>".
const SERVER = `
const { startDevServer } = require(${JSON.stringify(path.join(root, "dist/local/dev/server.js"))});
const analysis = process.argv[2] === "analysis";
const say = (line) => process.stdout.write(line + String.fromCharCode(10));
startDevServer({
  dir: process.argv[1], port: 0, write: () => {}, onDiagnostics: (d) => console.error(JSON.stringify(d)),
  ...(analysis ? { onAnalysis: (r) => say("ANALYSIS " + r.ms.toFixed(2) + " " + r.diagnostics.map((d) => d.code).join(",")) } : {}),
}).then((s) => { say("URL " + s.url); if (s.dashboardUrl) say("DASHBOARD " + s.dashboardUrl); process.on("SIGTERM", () => s.close().then(() => process.exit(0))); });
`;

/** Reads a dashboard's event stream until the server closes it, as an open page would. */
async function openDashboardStream(dashboardUrl) {
  const url = new URL(dashboardUrl);
  const res = await fetch(`${url.origin}/_iac/dashboard/api/stream?token=${url.searchParams.get("token")}`).catch(() => undefined);
  if (!res?.ok || !res.body) throw new Error(`--dashboard: the event stream did not open (${res?.status})`);
  const reader = res.body.getReader();
  for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
}

/** Starts a dev server; `reports` collects `{ at, ms, codes }` of its analysis reports. */
function startServer(dir, analysis) {
  const child = spawn(process.execPath, ["-e", SERVER, dir, analysis ? "analysis" : "none"], { stdio: ["ignore", "pipe", "pipe"] });
  // Its stderr (the AWS SDK's Node version notice, build diagnostics) is shown only if it fails.
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const reports = [];
  const waiting = new Set();
  let buffered = "";
  const url = new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^ANALYSIS (\S+) ?(.*)$/.exec(line);
        if (m) {
          reports.push({ at: performance.now(), ms: Number(m[1]), codes: m[2] ? m[2].split(",") : [] });
          for (const w of waiting) w();
        }
        const u = /^URL (\S+)/.exec(line);
        if (u) resolve(u[1]);
        const d = /^DASHBOARD (\S+)/.exec(line);
        if (d && DASHBOARD) openDashboardStream(d[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`dev server exited with ${code}:\n${stderr}`)));
  });
  /** Resolves with the time of the first report after index `from` whose IAC1001 presence is `computed`. */
  const reportWith = (from, computed) =>
    new Promise((resolve) => {
      const check = () => {
        const hit = reports.slice(from).find((r) => r.codes.includes("IAC1001") === computed);
        if (!hit) return;
        waiting.delete(check);
        resolve(hit);
      };
      waiting.add(check);
      check();
    });
  return { child, url, reports, reportWith };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function answersRev(url, rev) {
  try {
    const res = await fetch(`${url}/probe`);
    return res.ok && (await res.json()).rev === rev;
  } catch {
    return false; // restarting: connection refused
  }
}

async function waitForRev(url, rev) {
  while (!(await answersRev(url, rev))) if (POLL_MS > 0) await new Promise((r) => setTimeout(r, POLL_MS));
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The app and how a save rewrites it: `save(rev)` serves `rev` at /probe, with a computed route when rev is odd. */
function makeApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-bench-reload-"));
  if (!TODO) {
    const app = generateApp(dir, FILES);
    return { dir, label: `generated app, ${app.files} files`, save: (rev) => fs.writeFileSync(app.probe, probeSource(rev, rev % 2 === 1)) };
  }
  fs.cpSync(path.join(root, "examples", "todo"), dir, { recursive: true, filter: (s) => !s.includes(`${path.sep}.iac`) });
  const entry = path.join(dir, "index.ts");
  const original = fs.readFileSync(entry, "utf8");
  const save = (rev) => {
    const probe = `\napi.get("/probe", (req, res) => res.json({ rev: ${rev} }));\n`;
    const computed = rev % 2 === 1 ? `const where = process.env.BENCH_ROUTE ?? "/computed";\napi.get(where, (req, res) => res.json({}));\n` : "";
    fs.writeFileSync(entry, `${original}${probe}${computed}`);
  };
  save(0);
  return { dir, label: "examples/todo", save };
}

/** One in-process save: `rev` to /probe; with `server.analysis`, also the report in which IAC1001 flipped. `into` undefined: not counted. */
async function inProcessSave(app, server, rev, into = { answer: [], diagnostics: [], analysisMs: [] }) {
  await new Promise((r) => setTimeout(r, PAUSE_MS)); // let the watcher settle between saves
  const from = server.reports.length;
  const t0 = performance.now();
  app.save(rev);
  const answered = waitForRev(server.urlNow, rev).then(() => into.answer.push(performance.now() - t0));
  const reported = server.analysis
    ? server.reportWith(from, rev % 2 === 1).then((r) => {
        into.diagnostics.push(r.at - t0);
        into.analysisMs.push(r.ms);
      })
    : undefined;
  await Promise.all([answered, reported]);
}

/** One save answered by a freshly started dev process: its first answer and its first analysis. */
async function restartSave(app, rev, into) {
  const t0 = performance.now();
  app.save(rev);
  const server = startServer(app.dir, true);
  const reported = server.reportWith(0, rev % 2 === 1).then((r) => into.diagnostics.push(r.at - t0));
  await waitForRev(await server.url, rev);
  into.answer.push(performance.now() - t0);
  await reported;
  await stop(server.child);
}

async function main() {
  // One app per mode, so the two in-process servers stay up side by side and their saves come
  // in alternating blocks: whatever else the machine does hits both modes alike. Within a block
  // saves come every PAUSE_MS as in a session of quick edits; the first save of a block follows
  // the other server's block, a longer idle time that makes a save slower (V8 and the machine
  // cool down), so it is not counted.
  const apps = { analysis: makeApp(), none: makeApp(), restart: makeApp() };
  const servers = { analysis: startServer(apps.analysis.dir, true), none: startServer(apps.none.dir, false) };
  for (const [mode, server] of Object.entries(servers)) {
    server.analysis = mode === "analysis";
    server.urlNow = await server.url;
  }
  await servers.analysis.reportWith(0, false);
  const withAnalysis = { answer: [], diagnostics: [], analysisMs: [] };
  const without = { answer: [], diagnostics: [], analysisMs: [] };
  const restart = { answer: [], diagnostics: [] };
  // Odd revisions add the computed route and even ones remove it, so every save flips IAC1001.
  const revs = { analysis: 0, none: 0 };
  const blocks = Math.ceil(RUNS / BLOCK);
  for (let b = 0; b < blocks; b++) {
    const size = Math.min(BLOCK, RUNS - b * BLOCK);
    const order = b % 2 === 0 ? ["analysis", "none"] : ["none", "analysis"];
    for (const mode of order) {
      const into = mode === "analysis" ? withAnalysis : without;
      await inProcessSave(apps[mode], servers[mode], ++revs[mode]);
      for (let i = 0; i < size; i++) await inProcessSave(apps[mode], servers[mode], ++revs[mode], into);
    }
    // The restarts spread over the blocks.
    const due = Math.round(((b + 1) * RESTARTS) / blocks);
    while (restart.answer.length < due) await restartSave(apps.restart, restart.answer.length + 1, restart);
  }
  await Promise.all(Object.values(servers).map((s) => stop(s.child)));
  for (const app of Object.values(apps)) fs.rmSync(app.dir, { recursive: true, force: true });

  const stats = (samples) => {
    const s = [...samples].sort((a, b) => a - b);
    return s.length === 0 ? undefined : { n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] };
  };
  const rows = [
    ["in-process reload, with analysis: save -> answer", stats(withAnalysis.answer), stats(restart.answer)],
    ["in-process reload, with analysis: save -> diagnostics", stats(withAnalysis.diagnostics), stats(restart.diagnostics)],
    ["in-process reload, --no-analysis: save -> answer", stats(without.answer), stats(restart.answer)],
    ["full process restart (baseline): save -> answer", stats(restart.answer)],
    ["full process restart (baseline): save -> diagnostics", stats(restart.diagnostics)],
  ];
  const polling = POLL_MS > 0 ? `polled every ${POLL_MS} ms` : "polled back to back";
  const page = DASHBOARD ? ", a dashboard page open" : "";
  console.log(`iac dev, ${apps.analysis.label}, GET /probe ${polling}${page}: latency after a save (ms); target p50 <= 50, p95 <= 150\n`);
  console.log("| mode | runs | p50 | p95 | max | p50 vs restart |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, s, base] of rows) {
    if (!s) continue;
    const ratio = base ? `${(s.p50 / base.p50).toFixed(3)}x` : "-";
    console.log(`| ${name} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${ratio} |`);
  }
  const a = stats(withAnalysis.analysisMs);
  if (a) console.log(`\nincremental analysis inside the worker (ms): p50 ${a.p50.toFixed(1)}, p95 ${a.p95.toFixed(1)}, max ${a.max.toFixed(1)}`);
  console.log("peer: @architect/sandbox is not installed on this machine; not measured.");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

#!/usr/bin/env node
// The iac dev dashboard on a large app: 200 routes and 10,000 items
// (seeded from data.json), with 50,000 log lines written by the app.
// Measures, on a real `iac dev` (bin/iac.js, dist/) and Debian's Chromium:
// - first useful paint: from navigation to the panel showing its content
//   (Routes: the 200 routes listed; Data: the first page of 10,000 items;
//   Architecture: the diagram of the 200 routes drawn), target <= 1,000 ms;
// - log search over 50,000 lines and data queries over 10,000 items, as the
//   server timed them and as the client waited for them, target <= 100 ms.
//
//   node bench/dashboard/run.js [--routes 200] [--items 10000] [--lines 50000] [--runs 5]
// Needs dist/ (npm run build) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const root = path.resolve(__dirname, "..", "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUTES = arg("routes", 200);
const ITEMS = arg("items", 10_000);
const LINES = arg("lines", 50_000);
const RUNS = arg("runs", 5);

function writeApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-dashboard-bench-"));
  const routes = Array.from(
    { length: ROUTES },
    (_, i) => `api.get("/things/r${i}/:id", async (req, res) => res.json(await data.get(\`item:\${req.params.id}\`)));`,
  );
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    [
      `import { api, data } from "iac";`,
      ...routes,
      `// Writes n log lines (the bench fills the dashboard's log with it).`,
      `api.post("/spam", (req, res) => { const n = Number(req.query.n ?? 1000); for (let i = 0; i < n; i++) console.log(\`line \${i} of the spam: item:\${i % 997} handled\`); res.json({ n }); });`,
    ].join("\n"),
  );
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "dashboard-bench", private: true }));
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    key: `item:${String(i).padStart(5, "0")}`,
    value: { id: i, name: `item ${i}`, tags: ["a", "b"] },
    label1: `kind:${i % 10}:${i}`,
  }));
  fs.writeFileSync(path.join(dir, "data.json"), JSON.stringify(items));
  return dir;
}

function startDev(dir) {
  const child = spawn(process.execPath, [path.join(root, "bin", "iac.js"), "dev", dir, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const waitFor = (re, ms = 180_000) =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + ms;
      const poll = () => {
        const m = re.exec(out);
        if (m) return resolve(m);
        if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${re}; iac dev printed:\n${out}`));
        setTimeout(poll, 50);
      };
      poll();
    });
  return { child, waitFor };
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (ms) => ms.toFixed(1);

async function timed(url, token) {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { client: performance.now() - started, server: body.ms, body };
}

async function main() {
  const dir = writeApp();
  const dev = startDev(dir);
  try {
    const seededStarted = performance.now();
    const [, dashboard] = await dev.waitFor(/dashboard: (http:\/\/\S+)/);
    await dev.waitFor(/seeded (\d+) item/);
    await dev.waitFor(/analysis: /);
    const seedMs = performance.now() - seededStarted;
    const url = new URL(dashboard);
    const token = url.searchParams.get("token");
    const api = `${url.origin}/_iac/dashboard/api`;
    for (let written = 0; written < LINES; written += 10_000) await fetch(`${url.origin}/spam?n=10000`, { method: "POST" });

    const rows = [];
    const measure = async (name, make) => {
      const client = [];
      const server = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await make(i);
        client.push(r.client);
        server.push(r.server);
      }
      rows.push([name, quantile(server, 0.5), quantile(client, 0.5), Math.max(...client)]);
    };
    await timed(`${api}/logs?text=warm`, token);
    await measure(`log search, text (${LINES} lines)`, (i) => timed(`${api}/logs?text=${encodeURIComponent(`item:${(i * 37) % 997} handled`)}`, token));
    await measure("log search, level + source + time", () => timed(`${api}/logs?level=error,warn&source=POST&since=${Date.now() - 3_600_000}`, token));
    await measure(`data query, key pattern (${ITEMS} items, page of 200)`, (i) =>
      timed(`${api}/data?pattern=${encodeURIComponent(`item:0${i}*`)}&limit=200`, token),
    );
    await measure("data query, label (page of 200)", (i) => timed(`${api}/data?label=label1&pattern=${encodeURIComponent(`kind:${i}:*`)}&limit=200`, token));
    await measure("data browse, whole table (page of 200)", () => timed(`${api}/data?pattern=*&limit=200`, token));

    const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));
    if (!executablePath) throw new Error("no Chromium: apt-get install -y chromium, or set CHROMIUM_PATH");
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    const paints = [];
    const paint = async (panel, hash, ready) => {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
        const page = await context.newPage();
        await page.goto(`${dashboard}${hash}`);
        await page.waitForFunction(ready, undefined, { timeout: 30_000, polling: "raf" });
        // ms since the navigation started, as the page's own clock says.
        times.push(await page.evaluate(() => performance.now()));
        await context.close();
      }
      paints.push([panel, quantile(times, 0.5), Math.max(...times)]);
    };
    await paint(`Routes (${ROUTES} routes listed)`, "#/routes", `document.querySelectorAll(".rows li").length >= ${ROUTES}`);
    await paint(`Data (first page of ${ITEMS} items)`, "#/data?pattern=item%3A*", `document.querySelectorAll(".vrow").length > 10`);
    await paint("Logs (newest of 50,000 lines)", "#/logs", `document.querySelectorAll(".logline").length > 10`);
    await paint(`Architecture (${ROUTES} routes drawn)`, "#/architecture", `document.querySelectorAll("g.node").length >= ${ROUTES}`);
    await browser.close();

    console.log(
      `iac dev dashboard: ${ROUTES} routes, ${ITEMS} items, ${LINES} log lines written by the app; ${RUNS} runs each (start and seed took ${(seedMs / 1000).toFixed(1)} s)\n`,
    );
    console.log("| query | server p50 (ms) | client p50 (ms) | client max (ms) |\n|---|---|---|---|");
    for (const [name, s, c, m] of rows) console.log(`| ${name} | ${fmt(s)} | ${fmt(c)} | ${fmt(m)} |`);
    console.log("\ntarget: <= 100 ms\n");
    console.log("| first useful paint | p50 (ms) | max (ms) |\n|---|---|---|");
    for (const [name, p, m] of paints) console.log(`| ${name} | ${fmt(p)} | ${fmt(m)} |`);
    console.log("\ntarget: <= 1,000 ms");
  } finally {
    dev.child.kill("SIGINT");
    await new Promise((resolve) => dev.child.once("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

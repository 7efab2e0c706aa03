#!/usr/bin/env node
// bench/runtime/frameworks.js: the HTTP function of each served web
// framework's test app (test/frameworks/apps: next-app-router, Next.js 16
// with the app router; sveltekit; astro; remix) as `iac build` deploys it,
// against one in-process dynalite:
//
// - size: the shared bundle (index.mjs, what every function of the app
//   loads) and the HTTP function's own asset (the bundle plus the
//   framework's server: Next's standalone output with its traced
//   node_modules, adapter-node's build/, Astro's dist/, Remix's
//   build/server), file count and bytes;
// - cold init: a new Node 22 process per run (Node start-up, the bundle's
//   load with the runtime's init, which loads the framework's server), then
//   the first GET / (a server page reading `data`); median of --runs.
//
//   node bench/runtime/frameworks.js [--runs 7] [--app sveltekit]
//
// The apps are the test suite's working copies (.test-cache/frameworks,
// with their frameworks installed); they are prepared here the same way
// when missing.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadTs, median, run } = require("../support");

const root = path.resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const RUNS = Math.max(3, Number(args[args.indexOf("--runs") + 1]) || 7);
const APPS = [
  { name: "next-app-router", title: "Next.js 16, app router", server: "Next's standalone server", init: "Next prepared" },
  { name: "sveltekit", title: "SvelteKit 2, adapter-node", server: "adapter-node's build/", init: "handler.js imported" },
  { name: "astro", title: "Astro 5, @astrojs/node", server: "Astro's dist/", init: "entry.mjs imported" },
  { name: "remix", title: "Remix 2, Vite plugin", server: "Remix's build/server", init: "server build imported" },
].filter((a) => !args.includes("--app") || args[args.indexOf("--app") + 1] === a.name);
const ORIGIN_VERIFY = "00000000-bench-4000-8000-000000000000";

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        bytes += fs.statSync(full).size;
        files += 1;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

function drive(cmd, argv, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function main() {
  run(process.execPath, ["scripts/build.js"]);
  const { ensureNode22 } = loadTs(path.join(root, "test", "support", "node22.ts"));
  const { ensureFrameworkApps, frameworkApp } = loadTs(path.join(root, "test", "support", "frameworks.ts"));
  const node22 = ensureNode22();
  await ensureFrameworkApps();
  for (const app of APPS) await measure(app, frameworkApp(app.name), node22);
}

async function measure(app, appDir, node22) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-bench-frameworks-"));
  const out = path.join(work, "assembly");
  const t0 = Date.now();
  run(process.execPath, ["bin/iac.js", "build", appDir, "--stage", "bench", "--out", out], { env: { ...process.env, NO_COLOR: "1" } });
  const buildMs = Date.now() - t0;
  const stack = `${JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8")).name}-bench`;
  const template = JSON.parse(fs.readFileSync(path.join(out, `${stack}.template.json`), "utf8"));
  const assets = JSON.parse(fs.readFileSync(path.join(out, `${stack}.assets.json`), "utf8"));
  const fns = Object.values(template.Resources).filter((r) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION);
  const codeDir = (fn) => path.join(out, assets.files[fn.Properties.Code.S3Key.replace(/\.zip$/, "")].source.path);
  const http = fns.find((f) => f.Properties.Environment.Variables.IAC_FUNCTION === "http");
  const other = fns.find((f) => f.Properties.Environment.Variables.IAC_FUNCTION !== "http");
  const httpDir = codeDir(http);
  const bundleBytes = fs.statSync(path.join(httpDir, "index.mjs")).size;
  const httpSize = sizeOf(httpDir);
  const otherSize = other ? sizeOf(codeDir(other)) : undefined;

  const { startLocalDynamo, LOCAL_TABLE } = require(path.join(root, "dist", "runtime", "data", "local.js"));
  const dynamo = await startLocalDynamo(path.join(work, "data"));
  const env = {
    PATH: process.env.PATH,
    NODE_PATH: path.join(root, "node_modules"),
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
  };
  for (const [name, value] of Object.entries(http.Properties.Environment.Variables)) {
    if (typeof value === "string") env[name] = value;
    else if (name === "IAC_ORIGIN_VERIFY") env[name] = ORIGIN_VERIFY;
    else if (name === "IAC_TABLE") env[name] = LOCAL_TABLE;
  }
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/",
    rawQueryString: "",
    headers: {
      accept: "text/html",
      "accept-encoding": "gzip",
      host: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
      "x-forwarded-proto": "https",
      "x-iac-origin-verify": ORIGIN_VERIFY,
    },
    requestContext: {
      http: { method: "GET", path: "/", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "bench" },
      requestId: "bench",
      routeKey: "$default",
      stage: "$default",
    },
    isBase64Encoded: false,
  };
  const eventFile = path.join(work, "event.json");
  fs.writeFileSync(eventFile, JSON.stringify(event));
  const task = path.join(work, "task");
  fs.cpSync(httpDir, task, { recursive: true });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    // Asynchronously: dynalite answers from this process meanwhile.
    const r = await drive(node22, [path.join(__dirname, "framework-driver.js"), task, eventFile], { cwd: task, env });
    if (r.code !== 0) throw new Error(`run ${i} failed:\n${r.stdout}\n${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  await dynamo.close();
  fs.rmSync(work, { recursive: true, force: true });

  console.log(`${app.name} (${app.title}), built in ${(buildMs / 1000).toFixed(1)} s (framework build cached when unchanged)`);
  console.log(`  shared bundle index.mjs          ${kib(bundleBytes)}`);
  console.log(`  HTTP function asset              ${mib(httpSize.bytes)} in ${httpSize.files} files (bundle + ${app.server})`);
  if (otherSize)
    console.log(
      `  ${other.Properties.Environment.Variables.IAC_FUNCTION} asset${" ".repeat(Math.max(1, 27 - other.Properties.Environment.Variables.IAC_FUNCTION.length))}${kib(otherSize.bytes)} in ${otherSize.files} files (no framework)`,
    );
  console.log(`  cold init (Node 22, median of ${RUNS}):`);
  console.log(
    `    load + init (${app.init})${" ".repeat(Math.max(1, 24 - app.init.length))}${median(runs.map((r) => r.loadedAt)).toFixed(0)} ms from process start`,
  );
  console.log(`    first GET / (server page)             ${median(runs.map((r) => r.firstAt - r.loadedAt)).toFixed(0)} ms`);
  console.log(`    total to first response               ${median(runs.map((r) => r.firstAt)).toFixed(0)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});

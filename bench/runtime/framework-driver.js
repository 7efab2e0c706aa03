// One "Lambda container" for bench/runtime/frameworks.js: loads a bundled
// handler as the Lambda Node runtime does (index.mjs by import(): its
// top-level await, the runtime's init with the framework's server, is part
// of the load) and invokes it with one API Gateway v2 event, printing one
// JSON line of timings (performance.now(): from the process start).
//
//   node framework-driver.js <taskRoot> <event.json>
"use strict";
const path = require("path");
const fs = require("fs");
const { performance } = require("perf_hooks");
const { pathToFileURL } = require("url");
const zlib = require("zlib");

async function main() {
  const [taskRoot, eventFile] = process.argv.slice(2);
  const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
  process.chdir(taskRoot);
  const started = performance.now();
  const mod = await import(pathToFileURL(path.join(taskRoot, "index.mjs")).href);
  const loadedAt = performance.now();
  const result = await mod.handler(event, { awsRequestId: "bench", invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bench" });
  const firstAt = performance.now();
  if (!result || result.statusCode !== 200) throw new Error(`unexpected answer ${JSON.stringify(result).slice(0, 300)}`);
  const raw = Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
  const html = (result.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw).toString("utf8");
  if (!html.includes("<h1>")) throw new Error("the page did not render");
  process.stdout.write(`${JSON.stringify({ startedAt: started, loadedAt, firstAt })}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);

// One "Lambda container" for bench/runtime: loads a bundled handler the way
// the Lambda Node runtime does (<taskRoot>/<module>.js by require, else .mjs
// by import(), else .cjs; take the export; an ES module's top-level await is
// part of the load) and invokes it, printing one JSON line of timings on stdout.
// An ES module itself, as Lambda's runtime client is (/var/runtime/index.mjs):
// Node's ES module loader is up before any handler loads, on both sides.
//
//   node driver.mjs <taskRoot> <module.export> <events.json> <mode> [count]
//
// <events.json> holds an array of events. mode `cold`: load, then the first
// event once. mode `warm`: load, the first event once, then it `count` times
// in sequence (one at a time, as a container serves them). mode `all`: every
// event once, in order (seeding). Times are from performance.now(), whose origin is
// the process start, so `loadedAt` includes Node's own start-up.
import fs from "fs";
import { createRequire } from "module";
import path from "path";
import { performance } from "perf_hooks";
import { pathToFileURL } from "url";

const require = createRequire(import.meta.url);

const [taskRoot, handlerSpec, eventsFile, mode, countArg] = process.argv.slice(2);
const dot = handlerSpec.lastIndexOf(".");
let invocations = 0;
const context = () => ({
  awsRequestId: `bench-${++invocations}`,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME || "bench",
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:bench`,
  memoryLimitInMB: "1024",
  getRemainingTimeInMillis: () => 10000,
});

function check(result) {
  if (!result || result.statusCode !== 200) throw new Error(`unexpected answer ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

async function main() {
  const events = JSON.parse(fs.readFileSync(eventsFile, "utf8"));
  const event = events[0];
  const started = performance.now();
  process.chdir(taskRoot);
  const base = path.join(taskRoot, handlerSpec.slice(0, dot));
  const mod = fs.existsSync(`${base}.js`)
    ? require(`${base}.js`)
    : fs.existsSync(`${base}.mjs`)
      ? await import(pathToFileURL(`${base}.mjs`).href)
      : require(`${base}.cjs`);
  const handler = mod[handlerSpec.slice(dot + 1)];
  const loadedAt = performance.now();
  if (mode === "all") {
    for (const e of events) check(await handler(e, context()));
    process.stdout.write(`${JSON.stringify({ count: events.length })}\n`);
    return;
  }
  const first = check(await handler(event, context()));
  const firstAt = performance.now();
  const out = { startedAt: started, loadedAt, firstAt, items: JSON.parse(first.body).items.length };
  if (mode === "warm") {
    const count = Number(countArg);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) check(await handler(event, context()));
    out.warmMs = performance.now() - t0;
    out.count = count;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0), // like Lambda freezing the container: open sockets do not keep it alive
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);

#!/usr/bin/env node
// bench/runtime: the todo example's bundled HTTP function (as `iac build`
// deploys it) against the hand-written handler of bench/peer
// (handlers/api.js, bundled as its synth.js does through NodejsFunction:
// esbuild, minified, CommonJS, node22,
// `@aws-sdk/*` external), in one run, against one in-process dynalite:
//
// - bundle size: the bundle's bytes (and gzip), source maps not counted, and
//   iac's lazy vendor chunks (vendor/*.cjs, loaded by the first request that
//   needs them: a JSON body, content negotiation), deployed beside it;
// - cold init: a new Node process per run (Node start-up, load the bundle,
//   first GET /todos?status=all), median of --runs, sides alternating; the
//   target is judged on it. Also with a POST /todos/:id (a JSON body) first,
//   which on iac's side also loads the lazy chunks body parsing needs;
// - warm: --requests sequential GET /todos?status=all in one process after
//   its first request, median of 3 processes per side;
// - params at load: the same todo app with one module-level line reading a
//   param (`const limit = params.TODO_PAGE_SIZE`, the pattern real apps use to
//   create clients at load): its template loads the stage's params from SSM
//   (a local stand-in) during init, before the app's modules run; cold init
//   of the first GET against the same hand-written handler.
//
//   node bench/runtime/run.js [--runs 7] [--requests 500] [--todos 20] [--without NAME,...] [--profile DIR] [--node-current]
//
// Both sides run on Node 22, the runtime the templates name (nodejs22.x),
// installed under .test-cache as the tests install it; `--node-current`
// runs them on the Node running this script instead.
//
// `--without IAC_PARAMS_PATH,IAC_PARAMS_PRELOAD` drops those variables from
// iac's environment, to see what each piece of the deployed wiring costs.
//
// Both sides get the environment their template gives them, read from the
// synthesized template: iac's includes IAC_PARAMS_PATH (its cold start loads
// the stage's params from SSM, here a local stand-in as SSM is unreachable,
// unless synth set IAC_PARAMS_PRELOAD=false because the app reads no params,
// as todo does). It has no NODE_OPTIONS=--enable-source-maps (that parsed the
// bundle's map at every cold start): the runtime maps stacks itself, reading
// the map only when a stack with a frame in the bundle is formatted.
// Both resolve `@aws-sdk/*` from one copy (this package's node_modules, laid
// out as an ancestor node_modules of the task root), as the Lambda image
// provides one SDK to every function. Both tables hold the same todos, each
// written through its own app's POST route.
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { median, node22, run } = require("../support");

const root = path.resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const RUNS = Math.max(5, flag("runs", 7));
const REQUESTS = flag("requests", 500);
const TODOS = flag("todos", 20);
const WARM_PROCESSES = 3;
// `--profile DIR`: V8 CPU profiles of every side's cold runs, written to DIR/<side> (compare them to see where the ratio goes).
const PROFILE = args.includes("--profile") ? path.resolve(args[args.indexOf("--profile") + 1]) : undefined;
const WITHOUT = (args.includes("--without") ? args[args.indexOf("--without") + 1] || "" : "").split(",").filter(Boolean);
// The Node both sides run on: Lambda's (see the header), unless --node-current.
const NODE = args.includes("--node-current") ? process.execPath : node22();
const NODE_VERSION = spawnSync(NODE, ["--version"], { encoding: "utf8" }).stdout.trim();
const peerDir = path.join(__dirname, "..", "peer");
const DRIVER = path.join(__dirname, "driver.mjs");
const REGION = "eu-west-1";
const IAC_TABLE = "todo-bench-Table-BENCH0000";
const PEER_TABLE = "todo-qa-Data-BENCH0000";
const ORIGIN_VERIFY = "00000000-bench-4000-8000-000000000000";

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
/** The todo example with a param read at module load, in `work` (the example itself stays as it is). */
function paramsAtLoadApp(work) {
  const dir = path.join(work, "todo-params-at-load");
  fs.cpSync(path.join(root, "examples", "todo"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.iac`) });
  const entry = path.join(dir, "index.ts");
  const source = fs.readFileSync(entry, "utf8");
  const line = 'import { params as benchParams } from "iac";\nexport const pageSize = Number(benchParams.TODO_PAGE_SIZE ?? 100);\n';
  fs.writeFileSync(entry, line + source);
  return dir;
}

/** The iac side: build the app, find the HTTP function's asset, Handler and environment in the assembly. */
function buildIac(work, appDir = "examples/todo", name = "iac") {
  const out = path.join(work, `assembly-${name}`);
  run(process.execPath, ["bin/iac.js", "build", appDir, "--stage", "bench", "--out", out], { env: { ...process.env, NO_COLOR: "1" } });
  const manifest = readJson(path.join(out, "manifest.json"));
  const stack = Object.keys(manifest.artifacts).find((k) => manifest.artifacts[k].type === "aws:cloudformation:stack");
  const template = readJson(path.join(out, `${stack}.template.json`));
  const assets = readJson(path.join(out, `${stack}.assets.json`));
  const entries = Object.entries(template.Resources);
  const table = entries.find(([, r]) => r.Type === "AWS::DynamoDB::Table");
  const fnEntry = entries.find(([, r]) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION === "http");
  if (!table || !fnEntry) throw new Error("no table or no http function in the template");
  const fn = fnEntry[1].Properties;
  const asset = assets.files[fn.Code.S3Key.replace(/\.zip$/, "")];
  const env = {};
  for (const [name, value] of Object.entries(fn.Environment.Variables)) {
    if (typeof value === "string") env[name] = value;
    else if (value && value.Ref === table[0]) env[name] = IAC_TABLE;
    // The stack id's UUID that CloudFront sends as x-iac-origin-verify (synth http.ts); the events below carry it.
    else if (name === "IAC_ORIGIN_VERIFY") env[name] = ORIGIN_VERIFY;
    else throw new Error(`cannot resolve ${name}=${JSON.stringify(value)}`);
  }
  for (const key of WITHOUT) delete env[key];
  const task = path.join(work, name, "task");
  fs.cpSync(path.join(out, asset.source.path), task, { recursive: true });
  return { name, task, handler: fn.Handler, env, file: path.join(task, "index.mjs") };
}

/** The peer: NodejsFunction's bundling of handlers/api.js (see its synth.js), with this package's esbuild (the same pin). */
function bundlePeer(work) {
  const task = path.join(work, "peer", "task");
  const esbuild = require(path.join(root, "node_modules", "esbuild"));
  esbuild.buildSync({
    entryPoints: [path.join(peerDir, "handlers", "api.js")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    external: ["@aws-sdk/*"],
    outfile: path.join(task, "index.js"),
    logLevel: "error",
  });
  return { name: "hand-written", task, handler: "index.handler", env: { TABLE_NAME: PEER_TABLE }, file: path.join(task, "index.js") };
}

/**
 * A stand-in for SSM Parameter Store (unreachable from here), holding the
 * stage's CLOUD_URL and TODO_PAGE_SIZE: GetParameters (by name, what a
 * function whose reads are all by name loads) and GetParametersByPath.
 */
function startSsmStandIn(paramsPath) {
  const stored = [
    { Name: `${paramsPath}CLOUD_URL`, Type: "String", Value: "https://d111111abcdef8.cloudfront.net", Version: 1 },
    { Name: `${paramsPath}TODO_PAGE_SIZE`, Type: "String", Value: "100", Version: 1 },
  ];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      res.setHeader("content-type", "application/x-amz-json-1.1");
      const target = req.headers["x-amz-target"];
      const input = raw ? JSON.parse(raw) : {};
      if (target === "AmazonSSM.GetParameters" && Array.isArray(input.Names) && input.Names.length <= 10) {
        res.end(
          JSON.stringify({
            Parameters: stored.filter((p) => input.Names.includes(p.Name)),
            InvalidParameters: input.Names.filter((n) => !stored.some((p) => p.Name === n)),
          }),
        );
      } else if (target === "AmazonSSM.GetParametersByPath" && input.Path === paramsPath) {
        res.end(JSON.stringify({ Parameters: stored }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: "InvalidAction", message: "not implemented by the stand-in" }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ endpoint: `http://127.0.0.1:${server.address().port}`, server })));
}

/** An API Gateway HTTP API 2.0 event. iac's API has one `$default` route; the peer's routes carry `{id}` path parameters. */
function httpEvent(side, method, rawPath, rawQueryString, body) {
  const id = rawPath.split("/")[2];
  const peer = side === "hand-written";
  // Both iac sides (with and without params at load) serve the same routes.
  const routeKey = peer ? `${method} ${id ? "/todos/{id}" : "/todos"}` : "$default";
  const host = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";
  return {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString,
    // iac's API is reached through CloudFront, which adds the origin-verify header (the peer's has no such check).
    headers: {
      accept: "application/json",
      host,
      "user-agent": "bench",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-proto": "https",
      ...(peer ? {} : { "x-iac-origin-verify": ORIGIN_VERIFY }),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
    ...(peer && id ? { pathParameters: { id } } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      domainName: host,
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "bench" },
      requestId: "bench",
      routeKey,
      stage: "$default",
      time: "10/Mar/2026:00:03:59 +0000",
      timeEpoch: 1773101039000,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

function drive(side, base, eventsFile, mode, extra = []) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const profile = PROFILE && mode === "cold" ? ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", path.join(PROFILE, side.name)] : [];
    const child = spawn(NODE, [...profile, DRIVER, side.task, side.handler, eventsFile, mode, ...extra], {
      cwd: side.task,
      env: { PATH: process.env.PATH, TZ: ":UTC", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024", ...base, ...side.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c;
      // Wall time to the first answer, not to process exit.
      if (out.includes("\n") && !child.wallMs) child.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    });
    child.stderr.on("data", (c) => (err += c));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${side.name} ${mode} exited ${code}: ${err}`));
      resolve({ ...JSON.parse(out.trim().split("\n").pop()), wallMs: child.wallMs });
    });
  });
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-bench-runtime-"));
  // One SDK for both, found by walking up from each task root (plain `require` and ESM `import()` alike).
  fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
  run(process.execPath, ["scripts/build.js"]);
  const sides = [buildIac(work), bundlePeer(work)];
  const paramsSide = buildIac(work, paramsAtLoadApp(work), "iac-params-at-load");
  if (paramsSide.env.IAC_PARAMS_PRELOAD === "false") throw new Error("the params-at-load app's template skips the params load");

  const { startLocalDynamo, ensureDataTable, localDynamoClient } = require(path.join(root, "dist", "runtime", "data", "local.js"));
  const dynamo = await startLocalDynamo(undefined, IAC_TABLE);
  const client = localDynamoClient(dynamo.endpoint);
  await ensureDataTable(client, PEER_TABLE); // pk/sk plus label1pk/label1sk: the peer's layout too
  client.destroy();
  const ssm = await startSsmStandIn(sides[0].env.IAC_PARAMS_PATH ?? "/unused/");
  const base = {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: "AKIABENCH0000000000",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_SESSION_TOKEN: "bench",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  };

  const getFile = {};
  const postFile = {};
  for (const side of [...sides, paramsSide]) {
    const seed = [];
    for (let i = 0; i < TODOS; i++) {
      const todo = { name: `Todo number ${i}`, ...(i % 3 === 0 ? { status: "complete" } : { duedate: `2030-01-${String((i % 28) + 1).padStart(2, "0")}` }) };
      seed.push(httpEvent(side.name, "POST", `/todos/t${i}`, "", todo));
    }
    const seedFile = path.join(work, `${side.name}-seed.json`);
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    await drive(side, base, seedFile, "all");
    getFile[side.name] = path.join(work, `${side.name}-get.json`);
    fs.writeFileSync(getFile[side.name], JSON.stringify([httpEvent(side.name, "GET", "/todos", "status=all")]));
    // An update of an existing todo: the table keeps TODOS items.
    postFile[side.name] = path.join(work, `${side.name}-post.json`);
    fs.writeFileSync(
      postFile[side.name],
      JSON.stringify([httpEvent(side.name, "POST", "/todos/t1", "status=all", { name: "Todo number 1", duedate: "2030-01-02" })]),
    );
  }

  const cold = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const r = await drive(side, base, getFile[side.name], "cold");
      if (r.items !== TODOS) throw new Error(`${side.name}: ${r.items} todos, expected ${TODOS}`);
      cold[side.name].push(r);
    }
  }
  // The same with a JSON body first: body-parser's path, and on iac's side the lazy chunks it loads.
  const coldPost = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const r = await drive(side, base, postFile[side.name], "cold");
      if (r.items !== TODOS) throw new Error(`${side.name}: ${r.items} todos after the POST, expected ${TODOS}`);
      coldPost[side.name].push(r);
    }
  }
  // Params read at module load: iac's init loads them from SSM before the app runs.
  const coldParams = [];
  const coldPeer = [];
  for (let i = 0; i < RUNS; i++) {
    for (const side of i % 2 === 0 ? [paramsSide, sides[1]] : [sides[1], paramsSide]) {
      const r = await drive(side, base, getFile[side.name], "cold");
      if (r.items !== TODOS) throw new Error(`${side.name}: ${r.items} todos, expected ${TODOS}`);
      (side === paramsSide ? coldParams : coldPeer).push(r);
    }
  }
  const warm = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let i = 0; i < WARM_PROCESSES; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse())
      warm[side.name].push(await drive(side, base, getFile[side.name], "warm", [String(REQUESTS)]));
  }
  await dynamo.close();
  ssm.server.close();

  const rows = sides.map((side) => {
    const bytes = fs.statSync(side.file).size;
    // iac's lazy vendor chunks (vendor/*.cjs beside index.mjs): deployed, loaded only by requests that need them.
    const vendor = path.join(path.dirname(side.file), "vendor");
    const lazy = fs.existsSync(vendor)
      ? fs
          .readdirSync(vendor)
          .filter((f) => /\.c?js$/.test(f))
          .reduce((n, f) => n + fs.statSync(path.join(vendor, f)).size, 0)
      : 0;
    const runs = cold[side.name];
    return {
      side: side.name,
      bytes,
      lazy,
      gzip: zlib.gzipSync(fs.readFileSync(side.file)).length,
      wall: median(runs.map((r) => r.wallMs)),
      load: median(runs.map((r) => r.loadedAt - r.startedAt)),
      first: median(runs.map((r) => r.firstAt - r.loadedAt)),
      init: median(runs.map((r) => r.firstAt - r.startedAt)),
      initPost: median(coldPost[side.name].map((r) => r.firstAt - r.startedAt)),
      rps: median(warm[side.name].map((r) => (r.count * 1000) / r.warmMs)),
    };
  });
  const [a, b] = rows;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const ms = (n) => `${n.toFixed(0)} ms`;
  const table = [
    ["", a.side, b.side, "ratio"],
    ["bundle (index.mjs / index.js)", kib(a.bytes), kib(b.bytes), (a.bytes / b.bytes).toFixed(1) + "x"],
    ["bundle gzip", kib(a.gzip), kib(b.gzip), (a.gzip / b.gzip).toFixed(1) + "x"],
    ["lazy chunks (vendor/*.cjs)", kib(a.lazy), kib(b.lazy), ""],
    ["cold: load bundle", ms(a.load), ms(b.load), (a.load / b.load).toFixed(2) + "x"],
    ["cold: first request", ms(a.first), ms(b.first), (a.first / b.first).toFixed(2) + "x"],
    ["cold: load + first request", ms(a.init), ms(b.init), (a.init / b.init).toFixed(2) + "x"],
    ["cold: process wall (+ Node start)", ms(a.wall), ms(b.wall), (a.wall / b.wall).toFixed(2) + "x"],
    ["cold: load + first POST (JSON body)", ms(a.initPost), ms(b.initPost), (a.initPost / b.initPost).toFixed(2) + "x"],
    ["warm req/s", a.rps.toFixed(0), b.rps.toFixed(0), (a.rps / b.rps).toFixed(2) + "x"],
  ];
  const paramsInit = median(coldParams.map((r) => r.firstAt - r.startedAt));
  const peerInit = median(coldPeer.map((r) => r.firstAt - r.startedAt));
  table.push(["cold: params read at load (SSM at init)", ms(paramsInit), ms(peerInit), (paramsInit / peerInit).toFixed(2) + "x"]);
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log(
    `bench/runtime: todo GET /todos?status=all (${TODOS} todos), cold median of ${RUNS}, warm ${REQUESTS} requests x ${WARM_PROCESSES} processes, one dynalite, Node ${NODE_VERSION}`,
  );
  if (WITHOUT.length) console.log(`iac's environment without ${WITHOUT.join(", ")} (not as deployed)`);
  for (const r of table) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  const target = a.init / b.init <= 1.5;
  console.log(`target cold init (load + first request) <= 1.5x hand-written: ${target ? "met" : "NOT met"} (${(a.init / b.init).toFixed(2)}x)`);
  const paramsTarget = paramsInit / peerInit <= 1.25;
  console.log(`target cold init with params read at load <= 1.25x hand-written: ${paramsTarget ? "met" : "NOT met"} (${(paramsInit / peerInit).toFixed(2)}x)`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});

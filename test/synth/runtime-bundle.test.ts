/**
 * The bundler against the real runtime (src/runtime/lambda.ts and index.ts):
 * a tiny app importing both SDK module names bundles without diagnostics,
 * and the bundle exports the Lambda `handler`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { bundleFunctions } from "../../src/synth/bundle";
import { node22 } from "../support/node22";
import { tempDir } from "./helpers";

test("a TypeScript app bundles with the real runtime and exports handler", async () => {
  const appDir = tempDir("real-app");
  fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "real" }\n');
  fs.writeFileSync(
    path.join(appDir, "index.ts"),
    [
      'import { api } from "iac";',
      'import { schedule } from "@serverless/cloud";',
      'api.get("/hello", (req, res) => { res.json({ hello: "world" }); });',
      'schedule.every("1 hour", async () => {});',
      "",
    ].join("\n"),
  );
  const outDir = path.join(appDir, ".iac", "bundles", "qa");
  const r = await bundleFunctions({ appDir, entry: "index.ts", functions: ["http", "schedule-rate-1-hour"], outDir });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const js = fs.readFileSync(path.join(outDir, "function", "index.mjs"), "utf8");
  // An ES module exporting `handler`, and the AWS SDK left external.
  expect(js).toMatch(/export\{\w+ as handler\}/);
  // Its only ES imports are the banner's: the SDK and Node's built-ins load through require
  // (no second copy of the SDK, no ES facade of `http` loading undici at a cold start).
  const esImports = /\bimport\s*(?:[\w$]+|\{[^}]*\}|\*\s*as\s+[\w$]+)(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+))?\s*from\s*"([^"]+)"/g;
  expect([...js.matchAll(esImports)].map((m) => m[1])).toEqual(["node:module", "node:url", "node:path"]);
  expect(js).not.toMatch(/node_modules\/@aws-sdk/);
});

/** Bundles the app's HTTP function, which must bundle without diagnostics; the bundler's result and the function's folder. */
async function bundleHttp(appDir: string, entry: string): Promise<{ r: Awaited<ReturnType<typeof bundleFunctions>>; dir: string }> {
  const outDir = path.join(appDir, ".iac", "bundles", "qa");
  const r = await bundleFunctions({ appDir, entry, functions: ["http"], outDir });
  expect(r.diagnostics).toEqual([]);
  return { r, dir: path.join(outDir, "function") };
}

/** Gives the app the runtime's very copy of `name` (a link, as a workspace install makes). */
function linkRuntimeCopy(appDir: string, name: string): void {
  fs.mkdirSync(path.join(appDir, "node_modules"), { recursive: true });
  fs.symlinkSync(path.dirname(require.resolve(`${name}/package.json`)), path.join(appDir, "node_modules", name), "dir");
}

/** Loads a bundle in its own Node process, as Lambda does, and sends it API Gateway events in turn; per event, the answer and which vendor chunks were loaded by then. */
function invokeInProcess(
  functionDir: string,
  requests: { method: string; path: string; headers?: Record<string, string>; body?: string }[],
): { status: number; body: string; vendor: string[] }[] {
  const script = `
    const path = require("path");
    const { pathToFileURL } = require("url");
    const vendor = () => Object.keys(require.cache).filter((f) => f.includes(path.sep + "vendor" + path.sep)).map((f) => path.basename(f)).sort();
    (async () => {
      const { handler } = await import(pathToFileURL(path.join(process.cwd(), "index.mjs")).href);
      const out = [];
      for (const r of JSON.parse(process.argv[1])) {
        const event = { version: "2.0", routeKey: "$default", rawPath: r.path, rawQueryString: "", headers: { host: "h", ...(r.headers || {}) },
          requestContext: { http: { method: r.method, path: r.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7" }, requestId: "r", stage: "$default", timeEpoch: 0 },
          ...(r.body !== undefined ? { body: r.body } : {}), isBase64Encoded: false };
        const res = await handler(event, { awsRequestId: "r", getRemainingTimeInMillis: () => 10000 });
        out.push({ status: res.statusCode, body: res.body, vendor: vendor() });
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });`;
  const r = spawnSync(node22(), ["-e", script, JSON.stringify(requests)], {
    cwd: functionDir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      NODE_PATH: path.resolve(__dirname, "..", "..", "node_modules"),
      IAC_APP: "lazy",
      IAC_STAGE: "qa",
      IAC_FUNCTION: "http",
      IAC_PARAMS_PRELOAD: "false",
      AWS_REGION: "eu-west-1",
    },
  });
  if (r.status !== 0) throw new Error(`bundle failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe("lazy vendor chunks", () => {
  const ECHO_APP = [
    'import { api } from "iac";',
    'api.get("/hello", (req, res) => { res.json({ hello: "world" }); });',
    'api.post("/echo", (req, res) => { res.json({ body: req.body, json: req.is("json"), accepts: req.accepts(["text", "json"]) }); });',
    "",
  ].join("\n");

  test("iconv-lite and mime-types load beside the bundle on the first request that needs them, and work", async () => {
    const appDir = tempDir("lazy-app");
    fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "lazy" }\n');
    fs.writeFileSync(path.join(appDir, "index.ts"), ECHO_APP);
    const { r, dir } = await bundleHttp(appDir, "index.ts");
    expect(fs.readdirSync(path.join(dir, "vendor")).sort()).toEqual([
      "body-parser.cjs",
      "body-parser.cjs.map",
      "express.cjs",
      "express.cjs.map",
      "iconv-lite.cjs",
      "iconv-lite.cjs.map",
      "mime-types.cjs",
      "mime-types.cjs.map",
      "multer.cjs",
      "multer.cjs.map",
      "picomatch.cjs",
      "picomatch.cjs.map",
      "qs.cjs",
      "qs.cjs.map",
    ]);
    // iconv-lite's code pages and mime-db's table are in the chunks, not in the bundle.
    const inFile = (file: string, text: string): boolean => fs.readFileSync(path.join(dir, file), "utf8").includes(text);
    expect([inFile("index.mjs", 'source:"iana"'), inFile("vendor/mime-types.cjs", 'source:"iana"')]).toEqual([false, true]);
    expect([inFile("index.mjs", "cp936"), inFile("vendor/iconv-lite.cjs", "cp936")]).toEqual([false, true]);
    // What a cold start loads, and what is deployed beside it for the requests that need it.
    expect(r.functions[0].bytes).toBe(fs.statSync(path.join(dir, "index.mjs")).size);
    const chunks = fs.readdirSync(path.join(dir, "vendor")).filter((f) => f.endsWith(".cjs"));
    expect(r.functions[0].lazyBytes).toBe(chunks.reduce((n, f) => n + fs.statSync(path.join(dir, "vendor", f)).size, 0));
    // Express beyond its Router, body-parser, qs and multer are in chunks too.
    expect([inFile("index.mjs", "res.sendfile: Use res.sendFile"), inFile("vendor/express.cjs", "res.sendfile: Use res.sendFile")]).toEqual([false, true]);
    expect([inFile("index.mjs", "Array limit exceeded"), inFile("vendor/qs.cjs", "Array limit exceeded")]).toEqual([false, true]);

    const answers = invokeInProcess(dir, [
      { method: "GET", path: "/hello" },
      {
        method: "POST",
        path: "/echo",
        headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
        body: '{"name":"caf\u00e9"}',
      },
      { method: "POST", path: "/echo", headers: { "content-type": "application/json; charset=latin1" }, body: "{}" },
    ]);
    expect(answers[0]).toEqual({ status: 200, body: '{"hello":"world"}', vendor: [] });
    expect(answers[1].status).toBe(200);
    expect(JSON.parse(answers[1].body)).toEqual({ body: { name: "caf\u00e9" }, json: "json", accepts: "json" });
    // The body: body-parser and iconv-lite; `req.is` and `req.accepts`: Express (which requires qs) and mime-types.
    expect(answers[1].vendor).toEqual(["body-parser.cjs", "express.cjs", "iconv-lite.cjs", "mime-types.cjs", "qs.cjs"]);
    // body-parser's own answer to a charset it does not take: the real iconv-lite and body-parser at work.
    expect(answers[2].status).toBe(415);
  });

  test("an app that imports a file inside such a package keeps the package inline", async () => {
    const appDir = tempDir("lazy-subpath");
    fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "lazy" }\n');
    // The app's iconv-lite is the runtime's very copy (a link, as a workspace install makes).
    linkRuntimeCopy(appDir, "iconv-lite");
    fs.writeFileSync(
      path.join(appDir, "index.ts"),
      [
        'import { api } from "iac";',
        'const encodings = require("iconv-lite/encodings");',
        'api.get("/n", (req, res) => { res.json({ utf8: typeof encodings.utf8 }); });',
        "",
      ].join("\n"),
    );
    const { dir } = await bundleHttp(appDir, "index.ts");
    // body-parser and Express (which requires it) would hold a second iconv-lite beside the app's: they stay in the bundle.
    const vendor = fs.readdirSync(path.join(dir, "vendor")).filter((f) => f.endsWith(".cjs"));
    expect(vendor.sort()).toEqual(["mime-types.cjs", "multer.cjs", "picomatch.cjs", "qs.cjs"]);
    expect(invokeInProcess(dir, [{ method: "GET", path: "/n" }])[0]).toEqual({ status: 200, body: '{"utf8":"object"}', vendor: [] });
  });

  test("a package the app resolves to another copy stays in the bundle, for everyone, as Node would load it", async () => {
    const appDir = tempDir("lazy-own-copy");
    fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "lazy", "dependencies": { "iconv-lite": "9.9.9" } }\n');
    fs.mkdirSync(path.join(appDir, "node_modules", "iconv-lite"), { recursive: true });
    fs.writeFileSync(path.join(appDir, "node_modules", "iconv-lite", "package.json"), '{ "name": "iconv-lite", "version": "9.9.9", "main": "index.js" }\n');
    fs.writeFileSync(path.join(appDir, "node_modules", "iconv-lite", "index.js"), 'module.exports = { marker: "APP_OWN_ICONV_COPY" };\n');
    fs.writeFileSync(
      path.join(appDir, "index.ts"),
      [
        'import iconv from "iconv-lite";',
        'import { api } from "iac";',
        'api.get("/own", (req, res) => { res.json({ marker: iconv.marker }); });',
        ECHO_APP,
      ].join("\n"),
    );
    const { dir } = await bundleHttp(appDir, "index.ts");
    // iconv-lite is no chunk: the app's copy is bundled, and body-parser's (another copy) is inside body-parser's chunk.
    const vendor = fs.readdirSync(path.join(dir, "vendor")).filter((f) => f.endsWith(".cjs"));
    expect(vendor.sort()).toEqual(["body-parser.cjs", "express.cjs", "mime-types.cjs", "multer.cjs", "picomatch.cjs", "qs.cjs"]);
    const js = fs.readFileSync(path.join(dir, "index.mjs"), "utf8");
    const bodyParser = fs.readFileSync(path.join(dir, "vendor", "body-parser.cjs"), "utf8");
    expect([js.includes("APP_OWN_ICONV_COPY"), js.includes("cp936"), bodyParser.includes("cp936"), js.includes('source:"iana"')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    const answers = invokeInProcess(dir, [
      { method: "GET", path: "/own" },
      { method: "POST", path: "/echo", headers: { "content-type": "application/json" }, body: '{"a":1}' },
    ]);
    expect(answers[0]).toEqual({ status: 200, body: '{"marker":"APP_OWN_ICONV_COPY"}', vendor: [] });
    expect(JSON.parse(answers[1].body)).toEqual({ body: { a: 1 }, json: "json", accepts: "text" });
  });
});

test("a package the app uses is never also inside a chunk: its errors are the app's own class", async () => {
  const appDir = tempDir("lazy-shared");
  fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "shared", "dependencies": { "http-errors": "2.0.1" } }\n');
  // The app's http-errors is the runtime's very copy (a link, as a workspace install makes): the one body-parser uses.
  linkRuntimeCopy(appDir, "http-errors");
  fs.writeFileSync(
    path.join(appDir, "index.js"),
    [
      'const createError = require("http-errors");',
      'const { api } = require("@serverless/cloud");',
      'api.post("/j", (req, res) => res.json(req.body));',
      "api.use((err, req, res, next) => res.status(err.status).json({ own: err instanceof createError.HttpError }));",
      "",
    ].join("\n"),
  );
  const { dir } = await bundleHttp(appDir, "index.js");
  const vendor = fs.readdirSync(path.join(dir, "vendor")).filter((f) => f.endsWith(".cjs"));
  // body-parser and Express hold http-errors: both stay in the bundle, beside the app's.
  expect(vendor.sort()).toEqual(["iconv-lite.cjs", "mime-types.cjs", "multer.cjs", "picomatch.cjs", "qs.cjs"]);
  // body-parser's answer to a charset it does not take is an http-errors error (UnsupportedMediaTypeError).
  const [answer] = invokeInProcess(dir, [{ method: "POST", path: "/j", headers: { "content-type": "application/json; charset=latin1" }, body: "{}" }]);
  expect([answer.status, JSON.parse(answer.body)]).toEqual([415, { own: true }]);
});

describe("the lean request path in the bundle (src/runtime/core/api/lean.ts)", () => {
  // True while the request's prototype is the lean one: there `accepts` is a getter that loads Express, in Express a method.
  const PROBE = 'const lean = (req) => typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(req), "accepts")?.get === "function";';

  test("an app of api routes is served without Express until a request needs more of it", async () => {
    const appDir = tempDir("lean-app");
    fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "lean" }\n');
    fs.writeFileSync(
      path.join(appDir, "index.js"),
      [
        'const { api } = require("@serverless/cloud");',
        PROBE,
        'api.get("/probe", (req, res) => { res.json({ lean: lean(req), q: req.query }); });',
        'api.get("/ip", (req, res) => { const before = lean(req); res.json({ before, ip: req.ip, after: lean(req) }); });',
        "",
      ].join("\n"),
    );
    const { dir } = await bundleHttp(appDir, "index.js");
    const answers = invokeInProcess(dir, [
      { method: "GET", path: "/probe" },
      { method: "GET", path: "/ip", headers: { "x-forwarded-for": "198.51.100.4" } },
      { method: "GET", path: "/probe" },
    ]);
    expect(answers.map((a) => [a.status, JSON.parse(a.body)])).toEqual([
      [200, { lean: true, q: {} }],
      [200, { before: true, ip: "198.51.100.4", after: false }],
      [200, { lean: true, q: {} }],
    ]);
  });

  test("an app that imports Express is served by an Express app, so what it adds to express.response is there", async () => {
    const appDir = tempDir("lean-express-helpers");
    fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "helpers", "dependencies": { "express": "4.22.3" } }\n');
    // The app's Express is the runtime's very copy (a link, as a workspace install makes).
    linkRuntimeCopy(appDir, "express");
    fs.writeFileSync(
      path.join(appDir, "index.js"),
      [
        'const express = require("express");',
        'const { api } = require("@serverless/cloud");',
        PROBE,
        "express.response.ok = function (data) { return this.status(200).json({ ok: true, data }); };",
        'api.get("/probe", (req, res) => res.ok({ lean: lean(req) }));',
        "",
      ].join("\n"),
    );
    const { dir } = await bundleHttp(appDir, "index.js");
    const [answer] = invokeInProcess(dir, [{ method: "GET", path: "/probe" }]);
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { ok: true, data: { lean: false } }]);
  });
});

/**
 * What the lazy vendor chunks (src/synth/lazy-chunks.ts) assume of the
 * packages they stand in for, checked against the versions installed here
 * (the copies the runtime resolves, which synth builds the chunks from):
 * - each package's exports are a plain, extensible object (a `lazyModule`
 *   proxy is an object, never callable, and answers from the loaded module);
 * - every module of Express's that requires one gets that very copy, by its
 *   bare name (else the alias is dropped and the package bundled inline);
 * - loading Express and making an app with its body parsers touches neither,
 *   nor does a request without a body or negotiation, so a cold start never
 *   loads them;
 * - with the proxies in place, requests that need them answer exactly as with
 *   the packages themselves.
 * Run in plain Node processes, on dist (jest's module registry would stand
 * between the proxy and Express).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LAZY_PACKAGES, nodePackageDir } from "../../src/synth/lazy-chunks";
import { runtimeLambdaPath } from "../../src/synth/paths";

const REPO = path.resolve(__dirname, "..", "..");
const DIST = path.join(REPO, "dist");
const RUNTIME_DIR = path.dirname(runtimeLambdaPath());

/** Express with json, urlencoded and text parsers; sends each request in turn; prints the answers and what was loaded when. */
const SCRIPT = `
const http = require("http");
const Module = require("module");
const path = require("path");
const [mode, runtimeDir, dist] = process.argv.slice(1);
const { LAZY_PACKAGES, nodePackageDir } = require(path.join(dist, "synth", "lazy-chunks.js"));
const { lazyModule } = require(path.join(dist, "runtime", "adapters", "lambda", "lazy-module.js"));
const mains = Object.fromEntries(LAZY_PACKAGES.map((name) => [name, require.resolve(nodePackageDir(name, runtimeDir))]));
const loads = Object.fromEntries(LAZY_PACKAGES.map((name) => [name, 0]));
if (mode === "lazy") {
  for (const [name, main] of Object.entries(mains)) {
    const stand = new Module(main, null);
    stand.filename = main;
    stand.loaded = true;
    stand.exports = lazyModule(() => {
      loads[name] += 1;
      const real = new Module(main, null);
      real.filename = main;
      real.paths = Module._nodeModulePaths(path.dirname(main));
      real.load(main);
      return real.exports;
    });
    require.cache[main] = stand;
  }
}
/** Files of a copy of a lazy package that Node has loaded (the stand-in excepted). */
const loadedCopies = () => Object.keys(require.cache).filter((f) => LAZY_PACKAGES.some((n) => f.includes(path.sep + n + path.sep)) && !(mode === "lazy" && Object.values(mains).includes(f)));
const express = require(require.resolve("express", { paths: [runtimeDir] }));
const app = express();
app.use(express.json(), express.urlencoded({ extended: false }), express.text());
app.get("/plain", (req, res) => res.send("plain"));
app.post("/echo", (req, res) => res.json({ body: req.body, json: req.is("json"), accepts: req.accepts(["text", "json"]) }));
const atLoad = { loads: { ...loads }, copies: loadedCopies() };
const requests = [
  { method: "GET", path: "/plain" },
  { method: "POST", path: "/echo", headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" }, body: Buffer.from('{"name":"caf\\u00e9"}') },
  { method: "POST", path: "/echo", headers: { "content-type": "application/x-www-form-urlencoded; charset=iso-8859-1" }, body: Buffer.from([0x6e, 0x3d, 0x63, 0x61, 0x66, 0xe9]) },
  { method: "POST", path: "/echo", headers: { "content-type": "text/plain; charset=koi8-r", accept: "text/plain" }, body: Buffer.from([0xc1, 0xc2]) },
  { method: "POST", path: "/echo", headers: { "content-type": "application/json; charset=no-such-charset" }, body: Buffer.from("{}") },
];
const server = app.listen(0, "127.0.0.1", async () => {
  const out = [];
  for (const r of requests) {
    const answer = await new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: server.address().port, method: r.method, path: r.path, headers: r.headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], text: res.statusCode < 400 ? text : "" }));
      });
      req.on("error", reject);
      req.end(r.body);
    });
    out.push({ ...answer, loads: { ...loads } });
  }
  server.close();
  const shapes = Object.fromEntries(LAZY_PACKAGES.map((name) => {
    const exports = require(mains[name]);
    return [name, mode === "plain" ? { type: typeof exports, plain: Object.getPrototypeOf(exports) === Object.prototype, extensible: Object.isExtensible(exports) } : null];
  }));
  process.stdout.write(JSON.stringify({ atLoad, out, shapes }));
});
`;

function run(mode: "plain" | "lazy"): {
  atLoad: { loads: Record<string, number>; copies: string[] };
  out: { status: number; type: string; text: string; loads: Record<string, number> }[];
  shapes: Record<string, unknown>;
} {
  const r = spawnSync(process.execPath, ["-e", SCRIPT, mode, RUNTIME_DIR, DIST], { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`the ${mode} run failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const versions = LAZY_PACKAGES.map((name) => {
  const copy = nodePackageDir(name, RUNTIME_DIR);
  if (copy === undefined) throw new Error(`${name} is not installed where the runtime resolves it (${RUNTIME_DIR})`);
  return `${name}@${(JSON.parse(fs.readFileSync(path.join(copy, "package.json"), "utf8")) as { version: string }).version}`;
});

describe(`lazy vendor packages as installed (${versions.join(", ")})`, () => {
  test("their exports are plain extensible objects; Express loads without them; requests answer as with the packages themselves", () => {
    const plain = run("plain");
    const lazy = run("lazy");
    for (const name of LAZY_PACKAGES) expect(plain.shapes[name]).toEqual({ type: "object", plain: true, extensible: true });
    // Express's modules require them at load (the plain run has them loaded)...
    expect(plain.atLoad.copies.length).toBeGreaterThan(0);
    // ...and get the stand-in, which nothing touches until a request needs it; no other copy is loaded.
    expect(lazy.atLoad).toEqual({ loads: { "iconv-lite": 0, "mime-types": 0 }, copies: [] });
    expect(lazy.out[0].loads).toEqual({ "iconv-lite": 0, "mime-types": 0 });
    expect(lazy.out[1].loads).toEqual({ "iconv-lite": 1, "mime-types": 1 });
    expect(lazy.out[lazy.out.length - 1].loads).toEqual({ "iconv-lite": 1, "mime-types": 1 });
    const answers = (r: ReturnType<typeof run>) => r.out.map(({ status, type, text }) => ({ status, type, text }));
    expect(answers(lazy)).toEqual(answers(plain));
    // The answers themselves: decoded with iconv-lite, negotiated with mime-types; a charset body-parser does not take
    // for a form (it takes only UTF-8 there) or does not know is its 415.
    expect(answers(plain).map((a) => a.status)).toEqual([200, 200, 415, 200, 415]);
    expect(JSON.parse(plain.out[1].text)).toEqual({ body: { name: "caf\u00e9" }, json: "json", accepts: "json" });
    expect(JSON.parse(plain.out[3].text)).toEqual({ body: "\u0430\u0431", json: false, accepts: "text" });
  });
});

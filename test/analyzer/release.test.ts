/**
 * releaseTypeScript (src/analyzer/typescript-cache.ts): after a build's
 * analysis the compiler and the analyzer's modules can be garbage collected,
 * and a later analysis loads them afresh. Run in a plain Node process (jest
 * has its own module registry, where the release does nothing), on dist.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");

const SCRIPT = `
const path = require("path");
const app = path.join(process.argv[2], "examples", "todo");
const tsFile = require.resolve("typescript", { paths: [process.argv[2]] });
// In a function, so that nothing here holds on to the analyzer once it is released.
const { first, before, compiler } = (() => {
  const analyzer = require(path.join(process.argv[2], "dist", "analyzer"));
  const result = analyzer.analyzeApp(app);
  const loaded = require.cache[tsFile] !== undefined;
  const ref = new WeakRef(require.cache[tsFile].exports);
  analyzer.releaseTypeScript();
  return { first: result, before: loaded, compiler: ref };
})();
const inCache = Object.keys(require.cache).filter((id) => id === tsFile || id.includes(path.join("dist", "analyzer")));
const inChildren = Object.values(require.cache).flatMap((m) => m.children.map((c) => c.id)).filter((id) => id === tsFile || id.includes(path.join("dist", "analyzer")));
setImmediate(() => {
  global.gc();
  const collected = compiler.deref() === undefined;
  const again = require(path.join(process.argv[2], "dist", "analyzer")).analyzeApp(app);
  console.log(JSON.stringify({
    before, inCache, inChildren, collected,
    routes: first.graph.handlers.length,
    same: JSON.stringify(first.graph) === JSON.stringify(again.graph),
    reloaded: require.cache[tsFile] !== undefined,
  }));
});
`;

test("the compiler is dropped from the module cache, collected, and loaded afresh by the next analysis", () => {
  // A script file, as the CLI is (a module in Node's cache; `node -e` code is not).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-release-"));
  const script = path.join(dir, "release.js");
  fs.writeFileSync(script, SCRIPT);
  const run = spawnSync(process.execPath, ["--expose-gc", script, REPO], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.stderr).toBe("");
  const out = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(out).toEqual({ before: true, inCache: [], inChildren: [], collected: true, routes: expect.any(Number), same: true, reloaded: true });
  expect(out.routes).toBeGreaterThan(0);
});

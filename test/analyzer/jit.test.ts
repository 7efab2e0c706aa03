/**
 * withAnalysisJit (src/analyzer/jit.ts): an analysis lowers V8's inlining
 * budget for its own span only. V8 stamps code caches with a hash of its
 * flags, which makes the flag observable: a cache made while it is lowered
 * is rejected once it is back. Run in plain Node processes, on dist.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { node22 } from "../support/node22";
import { TEST_CACHE_DIR } from "../support/test-cache";

const REPO = path.resolve(__dirname, "..", "..");
const DIST = path.join(REPO, "dist", "analyzer");
/** One source per cache: V8's in-memory compilation cache answers a source it has seen without looking at cached data. */
const SOURCE = "(name) => `function f(a) { return a + 1 } f(1); // ${name}`";

/** Writes code caches made before, inside (nested too) and after the span to the directory in argv[2]. */
const SPAN_SCRIPT = `
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { withAnalysisJit } = require(${JSON.stringify(path.join(DIST, "jit"))});
const source = ${SOURCE};
const save = (name) => fs.writeFileSync(path.join(process.argv[2], name), new vm.Script(source(name)).createCachedData());
save("before");
const result = withAnalysisJit(() => {
  save("inside");
  const inner = withAnalysisJit(() => { save("nested"); return 7; });
  save("afterNested");
  return inner;
});
let threw;
try { withAnalysisJit(() => { throw new Error("boom"); }); } catch (e) { threw = e.message; }
save("after");
console.log(JSON.stringify({ result, threw }));
`;

/** Which of those caches a process started with the same flags rejects. */
const CHECK_SCRIPT = `
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const source = ${SOURCE};
const names = ["before", "inside", "nested", "afterNested", "after"];
console.log(JSON.stringify(Object.fromEntries(names.map((n) => [n, new vm.Script(source(n), { cachedData: fs.readFileSync(path.join(process.argv[2], n)) }).cachedDataRejected]))));
`;

function runNode(args: string[], node = process.execPath): string {
  const run = spawnSync(node, args, { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout;
}

/** Runs `use` with a temporary directory holding the given scripts. */
function withScripts<T>(scripts: Record<string, string>, use: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-jit-"));
  try {
    for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, name), body);
    return use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function spanRun(flags: string[], node = process.execPath): { made: unknown; rejected: Record<string, boolean> } {
  return withScripts({ "span.js": SPAN_SCRIPT, "check.js": CHECK_SCRIPT }, (dir) => ({
    made: JSON.parse(runNode([...flags, path.join(dir, "span.js"), dir], node)),
    rejected: JSON.parse(runNode([...flags, path.join(dir, "check.js"), dir], node)),
  }));
}

test("the budget is lowered for the span, nested spans included, and put back after it, also when the work throws", () => {
  const out = spanRun([]);
  expect(out.made).toEqual({ result: 7, threw: "boom" });
  expect(out.rejected).toEqual({ before: false, inside: true, nested: true, afterNested: true, after: false });
});

test("on Node 22's V8 too, the budget is put back to exactly what it was (caches made after the span are accepted)", () => {
  const out = spanRun([], node22());
  expect(out.made).toEqual({ result: 7, threw: "boom" });
  expect(out.rejected).toEqual({ before: false, inside: true, nested: true, afterNested: true, after: false });
});

test("a budget the process was started with is left alone", () => {
  const out = spanRun(["--max_inlined_bytecode_size_cumulative=300"]);
  expect(out.made).toEqual({ result: 7, threw: "boom" });
  expect(out.rejected).toEqual({ before: false, inside: false, nested: false, afterNested: false, after: false });
});

test("the compiler's code cache an analysis writes is accepted by the next process", () => {
  // A flag of its own puts this test's cache in a file of its own (the cache key hashes node's flags).
  const title = `--title=iac-jit-test-${process.pid}-${Date.now()}`;
  // Where the analysis below writes it: the test run's cache folder (test/global-setup.ts).
  const cacheDir = process.env.IAC_CACHE_DIR ?? TEST_CACHE_DIR;
  const existing = new Set(fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
  const script = `
const vm = require("vm");
const Script = vm.Script;
const seen = [];
vm.Script = function (source, options) {
  const s = new Script(source, options);
  if (options && options.filename && options.filename.endsWith("typescript.js")) seen.push(options.cachedData === undefined ? "none" : s.cachedDataRejected ? "rejected" : "accepted");
  return s;
};
const { analyzeApp } = require(${JSON.stringify(DIST)});
const routes = analyzeApp(${JSON.stringify(path.join(REPO, "examples", "todo"))}).graph.handlers.length;
console.log(JSON.stringify({ seen, routes }));
`;
  try {
    const [first, second] = withScripts({ "analyze.js": script }, (dir) => {
      const file = path.join(dir, "analyze.js");
      return [JSON.parse(runNode([title, file])), JSON.parse(runNode([title, file]))];
    });
    expect(first.seen).toEqual(["none"]);
    expect(second.seen).toEqual(["accepted"]);
    expect(second.routes).toBe(first.routes);
    expect(first.routes).toBeGreaterThan(0);
  } finally {
    if (fs.existsSync(cacheDir)) for (const f of fs.readdirSync(cacheDir)) if (!existing.has(f)) fs.rmSync(path.join(cacheDir, f), { force: true });
  }
});

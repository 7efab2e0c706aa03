/**
 * src/code-cache.ts in real Node processes (jest's module system never goes
 * through Module.prototype._compile). Node 20's hook: modules under
 * node_modules load from the pack on the next run, a changed file is compiled
 * afresh (never stale code), a reinstalled package resolves where it is now.
 * Node 22 (the Lambda runtime's, installed by the global setup): Node's own
 * compile cache, and no hook.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { node22 } from "../support/node22";
import { ROOT } from "../support/iac-cli";

let work: string;
let nodeModules: string;
let cacheDir: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-code-cache-"));
  nodeModules = path.join(work, "node_modules");
  cacheDir = path.join(work, "cache");
  writePackage("alpha", "index.js", 'exports.value = require("beta").value + "-a1";\n');
  writePackage("beta", "index.js", 'exports.value = "b1";\n');
  fs.writeFileSync(path.join(work, "main.js"), 'module.exports = require("alpha").value;\n');
});

afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function writePackage(name: string, main: string, source: string): void {
  const dir = path.join(nodeModules, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main }));
  fs.writeFileSync(path.join(dir, main), source);
}

/** One process: enable the cache, load main.js (alpha -> beta), save; returns what it saw. */
function run(
  node = process.execPath,
  env: NodeJS.ProcessEnv = {},
): { value: string; mode: string; fromCache: number; compiled: number; hooked: boolean; stderr: string } {
  const script = `
    const Module = require("module");
    const compile = Module.prototype._compile;
    const cc = require(${JSON.stringify(path.join(ROOT, "dist", "code-cache.js"))});
    cc.enableCodeCache({ dir: ${JSON.stringify(cacheDir)} });
    const hooked = Module.prototype._compile !== compile;
    const value = require(${JSON.stringify(path.join(work, "main.js"))});
    const { mode, fromCache, compiled } = cc.codeCacheStatus();
    cc.saveCodeCache();
    process.stdout.write(JSON.stringify({ value, mode, fromCache, compiled, hooked }));
  `;
  const r = spawnSync(node, ["-e", script], { cwd: work, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

/** What the Node 20 hook saw. */
function hookRun(): { value: string; fromCache: number; compiled: number } {
  const { value, mode, fromCache, compiled, hooked } = run();
  expect({ mode, hooked }).toEqual({ mode: "hook", hooked: true });
  return { value, fromCache, compiled };
}

test("the second run loads node_modules from the pack, with the same result", () => {
  expect(hookRun()).toEqual({ value: "b1-a1", fromCache: 0, compiled: 2 });
  expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".v8pack"))).toHaveLength(1);
  expect(hookRun()).toEqual({ value: "b1-a1", fromCache: 2, compiled: 0 });
});

test("a module with import() is left to Node's own compile, and its import() works", () => {
  writePackage("beta", "index.js", 'exports.value = "b1";\nexports.later = () => import("node:path").then((m) => typeof m.join);\n');
  fs.writeFileSync(path.join(work, "main.js"), 'module.exports = require("alpha").value;\n');
  const script = `
    const cc = require(${JSON.stringify(path.join(ROOT, "dist", "code-cache.js"))});
    cc.enableCodeCache({ dir: ${JSON.stringify(cacheDir)} });
    require(${JSON.stringify(path.join(nodeModules, "beta", "index.js"))}).later().then((t) => { cc.saveCodeCache(); process.stdout.write(t + " " + cc.codeCacheStatus().compiled); });
  `;
  const once = () => spawnSync(process.execPath, ["-e", script], { cwd: work, encoding: "utf8" });
  expect(once().stdout).toBe("function 0");
  expect(once().stdout).toBe("function 0");
});

test("a changed module is compiled afresh, even at the same length", () => {
  hookRun();
  const file = path.join(nodeModules, "beta", "index.js");
  fs.writeFileSync(file, 'exports.value = "b2";\n');
  fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
  expect(hookRun()).toEqual({ value: "b2-a1", fromCache: 1, compiled: 1 });
  expect(hookRun()).toEqual({ value: "b2-a1", fromCache: 2, compiled: 0 });
});

test("a package reinstalled with another layout is found where it is now (no resolution is kept)", () => {
  expect(hookRun().value).toBe("b1-a1");
  // The old file (beta/index.js) no longer exists.
  fs.rmSync(path.join(nodeModules, "beta"), { recursive: true });
  writePackage("beta", "lib.js", 'exports.value = "b3";\n');
  expect(hookRun()).toEqual({ value: "b3-a1", fromCache: 1, compiled: 1 });
});

test("ES modules that require() loads are left to Node (Node 20.19+ loads them through the same hook)", () => {
  // This suite's Node has require(esm), which Node 20 has since 20.19.
  const probe = spawnSync(process.execPath, ["-e", "process.stdout.write(String(typeof process.features.require_module))"], { encoding: "utf8" });
  expect(probe.stdout).toBe("boolean");
  writePackage("gamma", "index.mjs", "export const value = 'g1';\n");
  fs.writeFileSync(path.join(nodeModules, "gamma", "package.json"), JSON.stringify({ name: "gamma", type: "module", main: "index.mjs" }));
  fs.writeFileSync(path.join(nodeModules, "gamma", "other.js"), "export const value = 'g2';\n");
  fs.writeFileSync(path.join(work, "main.js"), 'module.exports = require("gamma").value + require("gamma/other.js").value + require("alpha").value;\n');
  expect(hookRun()).toEqual({ value: "g1g2b1-a1", fromCache: 0, compiled: 2 });
  expect(hookRun()).toEqual({ value: "g1g2b1-a1", fromCache: 2, compiled: 0 });
});

test("Node 22: Node's own compile cache, under the cache directory, and no hook; the next run's modules come from it", () => {
  const debug = { NODE_DEBUG_NATIVE: "COMPILE_CACHE" };
  const first = run(node22(), debug);
  expect(first).toMatchObject({ value: "b1-a1", mode: "node", hooked: false, fromCache: 0, compiled: 0 });
  expect(fs.readdirSync(path.join(cacheDir, "compile")).length).toBeGreaterThan(0);
  const second = run(node22(), debug);
  expect(second.value).toBe("b1-a1");
  for (const pkg of ["alpha", "beta"]) expect(second.stderr).toContain(`cache for ${path.join(nodeModules, pkg, "index.js")} was accepted`);
});

/**
 * ts-morph is loaded by `iac eject` and `iac fix` only: every other command
 * must not pay its load time. Each command runs in its own process with a
 * require hook that records whether anything asked for ts-morph.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-lazy-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `iac <args>` (dist/, built by jest's globalSetup) and says whether ts-morph was required. */
function loadsTsMorph(args: string[]): { loaded: boolean; status: number | null; stderr: string } {
  const marker = path.join(tmp, `loaded-${args[0]}-${Date.now()}`);
  const hook = [
    "const Module = require('module');",
    "const load = Module._load;",
    `Module._load = function (request, ...rest) { if (request === 'ts-morph' || /[\\\\/]node_modules[\\\\/]ts-morph[\\\\/]/.test(request)) require('fs').writeFileSync(${JSON.stringify(marker)}, request); return load.call(this, request, ...rest); };`,
  ].join("\n");
  const hookFile = path.join(tmp, "hook.js");
  fs.writeFileSync(hookFile, hook);
  const run = spawnSync(process.execPath, ["-r", hookFile, path.join(ROOT, "bin", "iac.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { loaded: fs.existsSync(marker), status: run.status, stderr: run.stderr };
}

test("iac build does not load ts-morph", () => {
  const r = loadsTsMorph(["build", "examples/todo", "--stage", "lazy", "--out", path.join(tmp, "cdk.out")]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.loaded).toBe(false);
}, 120_000);

test("iac graph does not load ts-morph", () => {
  const r = loadsTsMorph(["graph", "examples/media", "--format", "json"]);
  expect(r.status).toBe(0);
  expect(r.loaded).toBe(false);
}, 60_000);

test("iac eject does load it (so the hook above can see a load)", () => {
  const r = loadsTsMorph(["eject", "examples/todo", "--stage", "lazy", "--out", path.join(tmp, "ejected")]);
  expect(r.status).toBe(0);
  expect(r.loaded).toBe(true);
}, 120_000);

/**
 * ts-morph is loaded by `iac eject` and `iac fix` only: every other command
 * must not pay its load time. Each command runs in its own process with a
 * require hook that records whether anything asked for ts-morph.
 */
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../support/iac-cli";
import { copyTempApp, tempDir } from "../support/temp-app";

const tmp = tempDir("iac-lazy-");

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
  const run = runCli(args, { nodeArgs: ["-r", hookFile] });
  return { loaded: fs.existsSync(marker), status: run.status, stderr: run.stderr };
}

test("iac build does not load ts-morph", () => {
  const r = loadsTsMorph(["build", copyTempApp("examples/todo").dir, "--stage", "lazy", "--out", path.join(tmp, "cdk.out")]);
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
  const r = loadsTsMorph(["eject", copyTempApp("examples/todo").dir, "--stage", "lazy", "--out", path.join(tmp, "ejected")]);
  expect(r.status).toBe(0);
  expect(r.loaded).toBe(true);
}, 120_000);

/**
 * The `iac dev` watcher (src/local/dev/watch.ts) against editors' atomic
 * saves: a temp file written and renamed over the original, by another
 * process. The temp file can vanish while the watcher looks at it; that must
 * not crash the watcher (it did: existsSync, then statSync on a file renamed
 * in between). Run in plain Node processes, as `iac dev` runs, so an
 * uncaught exception in a watch callback ends the watcher.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");

const WATCHER = `
const path = require("path");
const { watchApp } = require(path.join(process.argv[2], "dist", "local", "dev", "watch.js"));
let reloads = 0;
const stop = watchApp(process.argv[3], { onCode: () => reloads++, onDataJson: () => {} });
process.stdin.on("data", () => { stop(); console.log(JSON.stringify({ alive: true, reloaded: reloads > 0 })); process.exit(0); });
console.log("watching");
`;

const EDITOR = `
const fs = require("fs");
const path = require("path");
const entry = path.join(process.argv[2], "index.ts");
// Save atomically under a name that is not code (as many editors do), then rename it over the original.
for (let i = 0; i < 3000; i++) {
  fs.writeFileSync(entry + ".tmp", "export const v = " + i + ";\\n");
  fs.renameSync(entry + ".tmp", entry);
}
`;

test("atomic saves from another process (temp file renamed over the original) never crash the watcher, and reload the app", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-watch-"));
  const scripts = fs.mkdtempSync(path.join(os.tmpdir(), "iac-watch-scripts-"));
  fs.writeFileSync(path.join(dir, "index.ts"), "export const v = 0;\n");
  fs.writeFileSync(path.join(scripts, "watcher.js"), WATCHER);
  fs.writeFileSync(path.join(scripts, "editor.js"), EDITOR);
  const watcher = spawn(process.execPath, [path.join(scripts, "watcher.js"), REPO, dir]);
  let out = "";
  let err = "";
  watcher.stdout.on("data", (c: Buffer) => (out += c.toString()));
  watcher.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => watcher.once("exit", resolve));
  await new Promise<void>((resolve) => watcher.stdout.once("data", () => resolve()));
  const editor = spawnSync(process.execPath, [path.join(scripts, "editor.js"), dir], { encoding: "utf8" });
  expect(editor.status).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  watcher.stdin.end("stop\n");
  const code = await exited;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(scripts, { recursive: true, force: true });
  expect(err).toBe("");
  expect(code).toBe(0);
  expect(JSON.parse(out.trim().split("\n").pop() as string)).toEqual({ alive: true, reloaded: true });
}, 60_000);

/**
 * `iac build --out <dir>` where the folder cannot be created: a located
 * error and exit 1, quickly (Node's recursive mkdir, which aws-cdk-lib
 * calls, never returns for `/proc/nope` and spun a core forever).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./run-cli";

function build(out: string): { status: number | null; stderr: string; ms: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-out-"));
  fs.cpSync(path.join(ROOT, "templates", "js-api"), dir, { recursive: true, filter: (src) => !/[\\/](\.iac|cdk\.out|node_modules)([\\/]|$)/.test(src) });
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin", "iac.js"), "build", dir, "--stage", "qa", "--out", out], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, stderr: run.stderr, ms: Date.now() - started };
}

(fs.existsSync("/proc/self") ? test : test.skip)("--out /proc/nope fails with exit 1 instead of spinning", () => {
  const run = build("/proc/nope");
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("IAC8201");
  expect(run.stderr).toContain("the cloud assembly cannot be written to /proc/nope: cannot create /proc/nope (ENOENT)");
  expect(run.ms).toBeLessThan(30_000);
});

test("--out below a regular file fails with exit 1, naming the file", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-out-file-")), "plain.txt");
  fs.writeFileSync(file, "not a folder");
  const run = build(path.join(file, "out"));
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${file} is not a directory`);
});

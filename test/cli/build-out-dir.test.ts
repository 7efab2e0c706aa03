/**
 * `iac build --out <dir>` where the folder cannot be created: a located
 * error and exit 1, quickly (Node's recursive mkdir, which aws-cdk-lib
 * calls, never returns for `/proc/nope`: it spins a core).
 */
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../support/iac-cli";
import { copyTempApp, tempDir } from "../support/temp-app";

function build(out: string): { status: number | null; stderr: string; ms: number } {
  const app = copyTempApp("templates/js-api");
  const run = runCli(["build", app.dir, "--stage", "qa", "--out", out], { timeoutMs: 60_000 });
  return { status: run.status, stderr: run.stderr, ms: run.ms };
}

test("--out /proc/nope fails with exit 1 instead of spinning", () => {
  // The folder Node's recursive mkdir never returns for is Linux's: the suite runs on Linux.
  if (!fs.existsSync("/proc/self")) throw new Error("this test needs Linux's /proc (it checks a folder under it cannot be created)");
  const run = build("/proc/nope");
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("IAC8201");
  expect(run.stderr).toContain("the cloud assembly cannot be written to /proc/nope: cannot create /proc/nope (ENOENT)");
  expect(run.ms).toBeLessThan(30_000);
});

test("--out below a regular file fails with exit 1, naming the file", () => {
  const file = path.join(tempDir("iac-cli-out-file-"), "plain.txt");
  fs.writeFileSync(file, "not a folder");
  const run = build(path.join(file, "out"));
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${file} is not a directory`);
});

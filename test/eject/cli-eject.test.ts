/** `iac eject`: output, exit codes, refusals. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../support/iac-cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-eject-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("iac eject writes the project and says what to run next (exit 0)", () => {
  const out = path.join(tmp, "todo-cdk");
  const r = runCli(["eject", "examples/todo", "--out", out, "--stage", "cli"]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("todo-cli: CDK app written to");
  expect(r.stdout).toMatch(/^ {2}lib\/todo-stack\.ts$/m);
  expect(r.stdout).toContain("npx cdk diff todo-cli");
  expect(fs.existsSync(path.join(out, "bin", "app.ts"))).toBe(true);
}, 120_000);

test("iac eject --format json prints the result", () => {
  const r = runCli(["eject", "examples/media", "--out", path.join(tmp, "media-cdk"), "--stage", "cli", "--format", "json"]);
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.ok).toBe(true);
  expect(json.stackName).toBe("media-cli");
  expect(json.files).toEqual([
    ".gitignore",
    "README.md",
    "bin/app.ts",
    "cdk.json",
    "lib/app-function.ts",
    "lib/media-stack.ts",
    "package.json",
    "tsconfig.json",
  ]);
}, 120_000);

test("iac eject refuses a folder it did not write (exit 1, IAC8301) and writes nothing", () => {
  const out = path.join(tmp, "occupied");
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, "notes.txt"), "mine");
  const r = runCli(["eject", "examples/todo", "--out", out]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("error IAC8301");
  expect(fs.readdirSync(out)).toEqual(["notes.txt"]);
}, 60_000);

test("iac eject of an app with errors writes nothing (exit 1)", () => {
  const app = path.join(tmp, "broken");
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "package.json"), '{ "name": "broken", "main": "index.ts" }\n');
  fs.writeFileSync(path.join(app, "index.ts"), 'import { schedule } from "iac";\nschedule.every("5 minuts", async () => undefined);\n');
  const out = path.join(tmp, "broken-cdk");
  const r = runCli(["eject", app, "--out", out]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("error IAC2002");
  expect(fs.existsSync(out)).toBe(false);
}, 60_000);

test("iac eject without --out is a usage error (exit 1)", () => {
  const r = runCli(["eject", "examples/todo"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/Missing required argument: out/);
}, 60_000);

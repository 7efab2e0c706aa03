/** `iac fix`: what it prints, its exit codes, --dry-run and --only through the command line. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../support/iac-cli";

const FIXTURES = path.join(__dirname, "..", "fixtures", "fix");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-fix-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function copy(kind: string): string {
  const dir = path.join(tmp, kind);
  fs.cpSync(path.join(FIXTURES, kind, "app"), dir, { recursive: true });
  return dir;
}

test("iac fix --dry-run prints the unified diff on stdout, writes nothing (exit 0)", () => {
  const dir = copy("rate");
  const before = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
  const r = runCli(["fix", dir, "--dry-run"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(fs.readFileSync(path.join(FIXTURES, "rate", "expected.diff"), "utf8"));
  expect(r.stderr).toBe("1 fix in 1 file (not written: --dry-run)\n");
  expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toBe(before);
}, 60_000);

test("iac fix lists each fix at its location and confirms the analysis is clean (exit 0)", () => {
  const dir = copy("label");
  const r = runCli(["fix", dir]);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(
    [
      'index.ts:4:43 IAC3001 replace "lable1" with "label1"',
      "index.ts:9:64 IAC3001 rename label Label2 to label2",
      "fixed 2 problems in 1 file; the analysis no longer reports them",
      "",
    ].join("\n"),
  );
  expect(runCli(["fix", dir]).stdout).toBe("nothing to fix\n");
}, 60_000);

test("iac fix exits 1 when errors without a fix remain, and says which", () => {
  const dir = copy("cron");
  fs.appendFileSync(path.join(dir, "index.ts"), 'schedule.cron("0 25 * * ? *", async () => undefined);\n');
  const r = runCli(["fix", dir]);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('IAC2003 replace "0 12 * * *" with "0 12 * * ? *"');
  expect(r.stderr).toMatch(/index\.ts:7:15 error IAC2003 invalid cron "0 25 \* \* \? \*": hours: 25/);
}, 60_000);

test("iac fix --only with a code it cannot fix is an error (exit 1, IAC8311)", () => {
  const r = runCli(["fix", copy("storage-event"), "--only", "IAC6102"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("error IAC8311 iac fix has no fix for IAC6102");
}, 60_000);

test("iac fix --format json", () => {
  const r = runCli(["fix", copy("data-event"), "--dry-run", "--format", "json"]);
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.fixes).toEqual([{ code: "IAC3003", location: { file: "index.ts", line: 3, column: 9 }, title: 'replace "creatd:todo:*" with "created:todo:*"' }]);
  expect(json.diff).toBe(fs.readFileSync(path.join(FIXTURES, "data-event", "expected.diff"), "utf8"));
}, 60_000);

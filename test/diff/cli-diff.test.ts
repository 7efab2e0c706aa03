// `iac diff` as a user runs it, on fixture pairs laid out as `iac build`
// writes them (graph.json beside the cloud assembly).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../support/iac-cli";
import { baseSide, headSide, writeAssembly } from "./fixtures";

let tmp: string;
let base: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-diff-"));
  base = writeAssembly(path.join(tmp, "base"), baseSide());
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function diffCli(head: "storage-write" | "refactor", ...extra: string[]) {
  const dir = writeAssembly(path.join(tmp, head), headSide(head));
  return runCli(["diff", dir, "--base", base, ...extra]);
}

describe("iac diff", () => {
  test("text output lists the widened permission with its source location; exit 0 without --fail-on", () => {
    const r = diffCli("storage-write");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("3 changes: 2 permissions, 1 safe");
    expect(r.stdout).toContain("at src/lib/reports.ts:7:9 storage.write via src/index.ts:39:11");
  });

  test("--fail-on permissions exits 1; --fail-on destructive exits 0", () => {
    expect(diffCli("storage-write", "--fail-on", "permissions").status).toBe(1);
    expect(diffCli("storage-write", "--fail-on", "destructive").status).toBe(0);
  });

  test("--format json is the report", () => {
    const r = diffCli("storage-write", "--format", "json");
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ safe: 1, permissions: 2, destructive: 0, total: 3 });
    expect(report.base.kind).toBe("assembly");
  });

  test("no changes: says so and exits 0 even with --fail-on any", () => {
    const r = diffCli("refactor", "--fail-on", "any", "--format", "markdown");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/no infrastructure changes/);
  });

  test("a base that is neither path nor git ref is a plain error, exit 1", () => {
    const dir = writeAssembly(path.join(tmp, "h"), headSide("refactor"));
    const r = runCli(["diff", dir, "--base", "no-such-ref"], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/IAC7301.*no-such-ref is neither a file, a directory, nor a git ref/);
  });
});

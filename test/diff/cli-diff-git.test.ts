// `iac diff --base HEAD~1` on a temporary git repository: the real pipeline
// (analyzer, synth, bundling) builds both sides; the base in a temporary
// worktree that must be gone afterwards, leaving the user's tree as it was.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../support/iac-cli";
import { SHOP_SOURCE, SHOP_WITH_PHOTOS_SOURCE } from "./fixtures";

let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", ...args], { cwd: repo, encoding: "utf8" });
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "iac-diff-git-"));
  git("init", "-q");
  write(".gitignore", ".iac/\ncdk.out/\n");
  write("app/package.json", JSON.stringify({ name: "shop", version: "1.0.0", private: true, main: "index.ts" }));
  write("app/index.ts", SHOP_SOURCE);
  git("add", "-A");
  git("commit", "-q", "-m", "items");
  // The change under review: a new route that writes files.
  write("app/index.ts", SHOP_WITH_PHOTOS_SOURCE);
  git("commit", "-q", "-am", "photos");
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("iac diff --base HEAD~1", () => {
  test("builds the previous commit in a temporary worktree and reports the new route, bucket and permission", () => {
    // In GitHub Actions: locations link to the checked-out commit, under the app's folder.
    const env = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/shop", GITHUB_SHA: git("rev-parse", "HEAD").trim() };
    const r = runCli(["diff", "app", "--base", "HEAD~1", "--format", "json", "--fail-on", "permissions"], { cwd: repo, env });
    expect(r.stderr).not.toMatch(/error/);
    const report = JSON.parse(r.stdout);
    const brief = report.changes
      .filter((c: { source: string }) => c.source === "graph")
      .map((c: { class: string; action: string; subject: string }) => `${c.class} ${c.action} ${c.subject}`);
    expect(brief).toEqual([
      "safe added storage bucket",
      'permissions widened http: storage.write on path prefix "photos/"',
      "safe added POST /items/:id/photo",
    ]);
    const widened = report.changes[1];
    expect(widened.causes[0].location).toEqual({ file: "index.ts", line: 8, column: 9 });
    expect(report.changes.some((c: { source: string; subject: string }) => c.source === "template" && c.subject === "Bucket (AWS::S3::Bucket)")).toBe(true);
    expect(report.base).toMatchObject({ spec: "HEAD~1", kind: "git-ref", commit: git("rev-parse", "HEAD~1").trim() });
    expect(report.links).toEqual({
      head: `https://github.com/acme/shop/blob/${env.GITHUB_SHA}/app/`,
      base: `https://github.com/acme/shop/blob/${git("rev-parse", "HEAD~1").trim()}/app/`,
    });
    expect(report.warnings).toEqual({ added: [], unchanged: [], resolved: [], baseKnown: true });
    expect(r.status).toBe(1);
    // The worktree is gone and the user's tree is untouched.
    expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(git("status", "--porcelain")).toBe("");
  });
});

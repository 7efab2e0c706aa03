/**
 * `iac test` hands Jest's own flags to Jest (docs/cli.md): a name filter,
 * a path pattern, --passWithNoTests, --ci and -u with snapshots,
 * --coverage, --json with --outputFile, and the watch modes, which rerun
 * after an edit. Spawned as users run it, on one app with two test files.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { removeDir, runIac, startIac, until, writeApp } from "./support/cli";

const INDEX = 'import { api } from "iac";\napi.get("/hello", (_req, res) => res.json({ hello: "world" }));\n';
const NOTES = [
  'import { api } from "iac";',
  'import "./index";',
  'test("notes: hello answers", async () => {',
  '  expect((await api.get("/hello").invoke()).body).toEqual({ hello: "world" });',
  "});",
  'test("other: arithmetic", () => {',
  "  expect(1 + 1).toBe(2);",
  "});",
  "",
].join("\n");
const SNAP = ['test("a snapshot", () => {', '  expect({ greeting: "hi" }).toMatchSnapshot();', "});", ""].join("\n");

let dir: string;
beforeAll(() => {
  dir = writeApp({ "package.json": '{ "name": "flags" }\n', "index.ts": INDEX, "notes.test.ts": NOTES, "snap.test.ts": SNAP }, "iac-test-flags-");
});
afterAll(() => removeDir(dir));

test("-t runs only the tests whose name matches; the others are skipped", async () => {
  const run = await runIac(["test", dir, "-t", "notes:", "--no-analysis"]);
  expect(run.stderr).toMatch(/Tests:\s+2 skipped, 1 passed, 3 total/);
  expect(run.code).toBe(0);
});

test("a path pattern selects test files; none matching fails unless --passWithNoTests", async () => {
  const notes = await runIac(["test", "notes", dir, "--no-analysis", "--ci"]);
  expect(notes.stderr).toMatch(/Test Suites:\s+1 passed, 1 total/);
  const none = await runIac(["test", "nothing-matches", dir, "--no-analysis"]);
  expect(none.code).toBe(1);
  expect(none.stdout + none.stderr).toContain("No tests found");
  const allowed = await runIac(["test", "nothing-matches", dir, "--no-analysis", "--passWithNoTests"]);
  expect(allowed.code).toBe(0);
});

test("--ci does not write a new snapshot (the test fails); -u writes and then updates it", async () => {
  const snapFile = path.join(dir, "__snapshots__", "snap.test.ts.snap");
  const ci = await runIac(["test", "snap", dir, "--no-analysis", "--ci"]);
  expect(ci.code).toBe(1);
  expect(ci.stderr).toMatch(/New snapshot was not written/);
  expect(fs.existsSync(snapFile)).toBe(false);

  expect((await runIac(["test", "snap", dir, "--no-analysis", "--ci=false"])).code).toBe(0);
  expect(fs.readFileSync(snapFile, "utf8")).toContain('"greeting": "hi"');
  fs.writeFileSync(path.join(dir, "snap.test.ts"), SNAP.replace('"hi"', '"hello"'));
  expect((await runIac(["test", "snap", dir, "--no-analysis", "--ci"])).code).toBe(1);
  const updated = await runIac(["test", "snap", dir, "--no-analysis", "-u"]);
  expect(updated.code).toBe(0);
  expect(updated.stderr).toMatch(/1 snapshot updated/);
  expect(fs.readFileSync(snapFile, "utf8")).toContain('"greeting": "hello"');
});

test("--json --outputFile writes Jest's result object; --coverage writes coverage/", async () => {
  const out = path.join(dir, "results.json");
  const run = await runIac(["test", "notes", dir, "--no-analysis", "--json", "--outputFile", out, "--coverage"]);
  expect(run.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(out, "utf8"))).toMatchObject({ success: true, numPassedTests: 2 });
  expect(fs.existsSync(path.join(dir, "coverage"))).toBe(true);
});

test("Jest's options that iac sets itself are not passed: --config is an unknown flag", async () => {
  const run = await runIac(["test", dir, "--config", "{}"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Unknown argument: config/);
});

test("a value Jest refuses is exit 1 in Jest's words, before any test runs", async () => {
  const run = await runIac(["test", dir, "--no-analysis", "--shard", "abc"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("iac test: Jest refused the options: The shard option requires a string in the format of <n>/<m>.");
  expect(run.stderr).not.toMatch(/internal error|Tests:/);
});

/** Starts `iac test ...args`, waits for `runs` reports of Jest, edits `notes.test.ts` between them. */
async function watchReruns(args: string[], cwd: string): Promise<void> {
  const child = startIac(["test", ...args, "--no-analysis"], { cwd });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const reports = (): number => (out.match(/Tests:\s+/g) ?? []).length;
  try {
    await until(() => (reports() >= 1 ? true : undefined), `the first run (printed: ${out})`, 60_000);
    fs.writeFileSync(path.join(cwd, "notes.test.ts"), NOTES.replace("1 + 1).toBe(2)", "2 + 2).toBe(4)"));
    await until(() => (reports() >= 2 ? true : undefined), "the run after the edit", 60_000);
    expect(out).not.toMatch(/internal error/);
  } finally {
    child.kill("SIGKILL");
    fs.writeFileSync(path.join(cwd, "notes.test.ts"), NOTES);
  }
}

test("--watchAll reruns after an edit", async () => {
  await watchReruns(["notes", ".", "--watchAll"], dir);
});

test("--watch (changed files, in a git repository) reruns after an edit", async () => {
  const repo = writeApp({ "package.json": '{ "name": "watched" }\n', "index.ts": INDEX, "notes.test.ts": NOTES }, "iac-test-watch-");
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
    git("init", "-q");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "empty");
    await watchReruns(["--watch"], repo);
  } finally {
    removeDir(repo);
  }
});

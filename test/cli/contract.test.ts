/**
 * The command line checks what it was given before it does anything: an
 * unknown or misspelled flag or command stops with exit 1, a "did you mean"
 * and no effect (nothing written in the app folder, no build, no deploy);
 * user mistakes are exit 1 with a plain message, never exit 2 (a bug in iac).
 * Spawned as users run it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLES, runCli } from "../support/iac-cli";

/** Every file under `dir`, relative, sorted: what a command may not have changed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const full = path.join(d, e.name);
      out.push(path.relative(dir, full));
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

let app: string;
let empty: string;

beforeAll(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-contract-"));
  fs.cpSync(path.join(EXAMPLES, "todo"), app, { recursive: true, filter: (src) => !/[\\/](node_modules|\.iac|cdk\.out)$/.test(src) });
  empty = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-empty-"));
});

afterAll(() => {
  fs.rmSync(app, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

describe("a misspelled flag or command stops everything before any effect", () => {
  test.each([
    [["build", "APP", "--stag", "qa"], /Unknown argument: stag\ndid you mean --stage \(not stag\)\?/],
    [["build", "APP", "--format", "jsn"], /Invalid values:[\s\S]*Given: "jsn"/],
    [["graph", "APP", "--formt", "json"], /did you mean --format \(not formt\)\?/],
    [["diff", "APP", "--base", "HEAD", "--stgae", "qa"], /did you mean --stage/],
    [["deploy", "APP"], /Missing required argument: stage/],
    [["deploy", "APP", "--stage", "qa", "--yess"], /did you mean --yes/],
    [["destroy", "APP", "--stage", "qa", "--forse"], /Unknown argument: forse/],
    [["dev", "APP", "--prot", "4000"], /did you mean --port \(not prot\)\?/],
    [["test", "APP", "--format", "json"], /Unknown argument: format/],
    [["data", "export", "--dir", "APP", "--stagee", "x"], /did you mean --stage/],
    [["params", "list", "--dir", "APP", "--formatt", "json"], /Unknown argument: formatt/],
    [["bulid", "APP"], /Unknown command: bulid\. Did you mean build\?/],
    [["deplyo", "APP", "--stage", "qa"], /Did you mean deploy\?/],
  ])("iac %j", (args, message) => {
    const before = listing(app);
    const run = runCli(args.map((a) => (a === "APP" ? app : a)));
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(1);
    expect(listing(app)).toEqual(before);
  });

  test("iac init with a misspelled flag writes no file", () => {
    const run = runCli(["init", "my-app", "--dry-run"], { cwd: empty });
    expect(run.stderr).toMatch(/Unknown argument: dry-run/);
    expect(run.status).toBe(1);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  test("bare `iac` lists the commands and exits 0", () => {
    const run = runCli([], { cwd: empty });
    expect(run.status).toBe(0);
    for (const command of ["build", "deploy", "dev", "test", "diff", "init", "graph", "why"]) expect(run.stdout).toMatch(new RegExp(`iac ${command}\\b`));
  });
});

describe("user mistakes are exit 1 with a plain message, never a stack", () => {
  test("iac build on a folder that does not exist", () => {
    const run = runCli(["build", path.join(empty, "nope")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`app directory ${path.join(empty, "nope")} does not exist`);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  test("iac data import of a file that does not exist", () => {
    const run = runCli(["data", "import", path.join(empty, "missing.json"), "--dir", app]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.join(empty, "missing.json")} does not exist`);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  test.each([
    [["dev", "APP", "--port", "abc"], /--port must be a whole number from 0 to 65535 \(0 picks a free port\); got "abc"/],
    [["dev", "APP", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["dev", "APP", "--stage", "Bad_Stage"], /IAC8001 invalid stage name "Bad_Stage"/],
    [["test", "APP", "--stage", "Bad_Stage"], /IAC8001 invalid stage name "Bad_Stage"/],
    [["data", "export", "--dir", "APP", "--stage", "UPPER"], /IAC8001 invalid stage name "UPPER"/],
    [["params", "set", "KEY", "v", "--local", "--stage", "no_underscores", "--dir", "APP"], /IAC8001 invalid stage name/],
    [["build", "APP", "--stage", "QA"], /IAC8001 invalid stage name "QA"/],
    [["deploy", "APP", "--stage", "Prod"], /IAC8001 invalid stage name "Prod"/],
    [["test", "APP", "--workers", "0"], /--workers must be a whole number of test files, 1 or more \(got 0\)/],
    [["test", "(", "APP"], /the pattern "\(" is not a valid regular expression/],
  ])("iac %j: exit 1, a plain message, nothing started or written", (args, message) => {
    const before = listing(app);
    const run = runCli(args.map((a) => (a === "APP" ? app : a)));
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.status).toBe(1);
    expect(listing(app)).toEqual(before);
  });

  test("a package.json that does not parse: iac dev, iac test and iac build say so, exit 1", () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-badpkg-"));
    try {
      fs.writeFileSync(path.join(broken, "package.json"), "{ nope");
      fs.writeFileSync(path.join(broken, "index.ts"), 'import { api } from "iac";\napi.get("/", (req, res) => res.json({}));\n');
      for (const command of ["dev", "test"]) {
        const run = runCli([command, broken, ...(command === "dev" ? ["--port", "0"] : [])]);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`${path.join(broken, "package.json")} is not valid JSON`);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      }
      const build = runCli(["build", broken]);
      expect(build.status).toBe(1);
      expect(build.stderr).toMatch(/IAC8006 package\.json is not valid JSON/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  test("a local params file that does not parse: iac dev, iac test and iac params list --local say so, exit 1", () => {
    const params = path.join(app, ".iac", "dev", "params.json");
    fs.mkdirSync(path.dirname(params), { recursive: true });
    fs.writeFileSync(params, "{ nope");
    try {
      for (const args of [
        ["dev", app, "--port", "0"],
        ["test", app],
        ["params", "list", "--local", "--dir", app],
      ]) {
        const run = runCli(args);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`${params} is not valid JSON`);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    } finally {
      fs.rmSync(path.join(app, ".iac"), { recursive: true, force: true });
    }
  });

  test("iac init into a file, or over an app without --force: exit 1, nothing written", () => {
    const file = path.join(empty, "a-file");
    fs.writeFileSync(file, "x");
    const run = runCli(["init", file, "--template", "ts-api"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("is a file, not a folder");
    expect(fs.readFileSync(file, "utf8")).toBe("x");
    fs.rmSync(file);
  });

  test("a path iac cannot write (a folder that does not exist, a file on the way): exit 1, one line naming it", () => {
    const file = path.join(empty, "plain-file");
    fs.writeFileSync(file, "x");
    try {
      const cases: [string[], string][] = [
        [
          ["data", "export", path.join(empty, "no-dir", "out.json"), "--dir", app],
          `iac data: cannot open ${path.join(empty, "no-dir", "out.json")}: no such file or folder`,
        ],
        [
          ["init", path.join(file, "app"), "--template", "js-api"],
          `iac init: cannot mkdir ${path.join(file, "app")}: a part of the path is a file, not a folder`,
        ],
        [
          ["build", app, "--out", path.join(file, "out")],
          `IAC8201 the cloud assembly cannot be written to ${path.join(file, "out")}: ${file} is not a directory`,
        ],
        [
          ["test", app, "--no-analysis", "--json", "--outputFile", path.join(empty, "no-dir", "r.json")],
          `iac test: cannot open ${path.join(empty, "no-dir", "r.json")}: no such file or folder`,
        ],
      ];
      for (const [args, line] of cases) {
        const run = runCli(args);
        expect(run.stderr).toContain(line);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(run.status).toBe(1);
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test("the library's build() without a stage returns a diagnostic instead of throwing", async () => {
    const { build } = await import("../../src/compiler");
    const result = await build(app, { stage: undefined as unknown as string });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "IAC8001", severity: "error", message: expect.stringContaining("no stage given") })]);
  });
});

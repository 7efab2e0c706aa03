/**
 * `--format json` (docs/cli.md): every command that offers it prints one
 * JSON document on stdout, an object with `ok`, and `diagnostics` when `ok`
 * is false; each command's documented shape, checked by spawning the CLI.
 * Cloud commands (deploy, destroy, params without --local) run here without
 * AWS, so their failure documents are checked by spawning, their success
 * documents are the library's reports (test/deploy covers those).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLES, runCli, type CliRun } from "../support/iac-cli";

let root: string;
let app: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-json-"));
  app = path.join(root, "todo");
  fs.cpSync(path.join(EXAMPLES, "todo"), app, { recursive: true, filter: (src) => !/[\\/](node_modules|\.iac|cdk\.out)$/.test(src) });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The one document on stdout; fails on anything else there. */
function document(run: CliRun): Record<string, unknown> {
  const parsed: unknown = JSON.parse(run.stdout);
  expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)).toBe(true);
  return parsed as Record<string, unknown>;
}

const diagnostic = expect.objectContaining({
  code: expect.stringMatching(/^IAC\d{4}$/),
  severity: expect.stringMatching(/^(error|warning|info)$/),
  message: expect.any(String),
});

/** A failure document: ok false, exit 1, located-or-not diagnostics with codes. */
function expectFailure(run: CliRun, code?: string): Record<string, unknown> {
  expect(run.status).toBe(1);
  const doc = document(run);
  expect(doc.ok).toBe(false);
  expect(doc.diagnostics).toEqual(expect.arrayContaining([diagnostic]));
  if (code) expect(doc.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code, severity: "error" })]));
  return doc;
}

/** Environment without AWS credentials or config (test/deploy/cli-credentials.test.ts does the same). */
function noAws(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const home = path.join(root, "home");
  fs.mkdirSync(home, { recursive: true });
  return { ...env, HOME: home, AWS_EC2_METADATA_DISABLED: "true" };
}

describe("--format json", () => {
  test("iac graph: { ok, graph, diagnostics }", () => {
    const run = runCli(["graph", app, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(document(run)).toEqual({
      ok: true,
      graph: expect.objectContaining({ version: 1, app: expect.objectContaining({ name: "todo" }) }),
      diagnostics: expect.any(Array),
    });
    expectFailure(runCli(["graph", path.join(root, "missing"), "--format", "json"]), "IAC8001");
  });

  test("iac build: the build result without the graph; a failure is { ok: false, diagnostics }", () => {
    const run = runCli(["build", app, "--out", path.join(root, "out"), "--format", "json"]);
    expect(run.status).toBe(0);
    const doc = document(run);
    expect(doc).toMatchObject({ ok: true, stackName: "todo-dev", diagnostics: expect.any(Array), ephemeral: false, durationMs: expect.any(Number) });
    for (const key of ["assemblyDir", "templatePath", "graphPath"]) expect(fs.existsSync(String(doc[key]))).toBe(true);
    expect(doc.functions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "http", bundleBytes: expect.any(Number), timeoutMs: expect.any(Number) })]),
    );
    expect(doc).not.toHaveProperty("graph");
    const broken = fs.mkdtempSync(path.join(root, "broken-"));
    fs.writeFileSync(path.join(broken, "index.ts"), 'import { api } from "iac";\napi.get("/x", (req, res) => {\n');
    expectFailure(runCli(["build", broken, "--format", "json"]), "IAC8002");
  });

  test("iac why: { ok: true, answer }; no match: { ok: false, message, diagnostics }", () => {
    const run = runCli(["why", "data:write", app, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(document(run)).toEqual({ ok: true, answer: expect.any(Object) });
    const none = expectFailure(runCli(["why", "no-such-thing", app, "--format", "json"]), "IAC8201");
    expect(none.message).toEqual(expect.any(String));
  });

  test("iac diff: the report, with ok and diagnostics", () => {
    const graph = path.join(root, "base-graph.json");
    fs.writeFileSync(graph, JSON.stringify(document(runCli(["graph", app, "--format", "json"])).graph));
    const run = runCli(["diff", app, "--base", graph, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(document(run)).toMatchObject({
      ok: true,
      stage: "dev",
      changes: expect.any(Array),
      summary: expect.objectContaining({ total: expect.any(Number) }),
      diagnostics: expect.any(Array),
      templateCompared: false,
    });
  });

  test("iac init: the templates; a created app with files, missing dependencies and next steps; a refusal", () => {
    const list = runCli(["init", "--format", "json"], { cwd: root });
    expect(list.status).toBe(0);
    expect(document(list)).toEqual({ ok: true, templates: expect.arrayContaining([{ name: "ts-api", description: expect.any(String) }]) });
    const made = runCli(["init", "made", "--template", "js-api", "--format", "json"], { cwd: root });
    expect(made.status).toBe(0);
    expect(document(made)).toEqual({
      ok: true,
      dir: path.join(root, "made"),
      name: "made",
      template: "js-api",
      files: expect.arrayContaining(["package.json", "index.js", ".gitignore"]),
      missing: ["iac"],
      next: ["cd made", "npm install", "npx iac dev"],
    });
    expectFailure(runCli(["init", "made", "--template", "js-api", "--format", "json"], { cwd: root }), "IAC8201");
  });

  test("iac data import: { ok, stage, items, written }", () => {
    const file = path.join(root, "items.json");
    fs.writeFileSync(file, JSON.stringify([{ key: "todo:json", value: { name: "from json" } }]));
    const run = runCli(["data", "import", file, "--dir", app, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(document(run)).toEqual({ ok: true, stage: "dev", items: 1, written: 1 });
    fs.writeFileSync(file, "{ not json");
    expectFailure(runCli(["data", "import", file, "--dir", app, "--format", "json"]), "IAC8201");
  });

  test("iac params set/list --local: { ok, stage, local, ... }, never a secret's value", () => {
    const set = runCli(["params", "set", "TOKEN", "hush", "--secret", "--local", "--dir", app, "--format", "json"]);
    expect(set.status).toBe(0);
    expect(document(set)).toEqual({ ok: true, stage: "dev", local: true, name: "TOKEN", secret: true, file: path.join(app, ".iac", "dev", "params.json") });
    runCli(["params", "set", "PLAIN", "seen", "--local", "--dir", app]);
    const list = runCli(["params", "list", "--local", "--dir", app, "--format", "json"]);
    expect(list.status).toBe(0);
    expect(document(list)).toEqual({
      ok: true,
      stage: "dev",
      local: true,
      file: path.join(app, ".iac", "dev", "params.json"),
      params: [
        { name: "PLAIN", value: "seen", secret: false },
        { name: "TOKEN", secret: true },
      ],
    });
    expect(list.stdout).not.toContain("hush");
    expectFailure(runCli(["params", "set", "bad name", "x", "--local", "--dir", app, "--format", "json"]));
  });

  test("iac params list, deploy and destroy without AWS: the failure document says what to configure", () => {
    const env = noAws();
    const spawn = (args: string[]) => runCli(args, { clearEnv: env });
    expectFailure(spawn(["params", "list", "--stage", "qa", "--dir", app, "--format", "json"]), "IAC7401");
    const deploy = expectFailure(spawn(["deploy", app, "--stage", "qa", "--format", "json"]), "IAC7401");
    expect(deploy).toMatchObject({ stage: "qa", changes: [], outputs: {} });
    const destroy = expectFailure(spawn(["destroy", app, "--stage", "prod", "--format", "json"]), "IAC7405");
    expect(destroy).toMatchObject({ stage: "prod", existed: false, retained: [] });
  });

  test("iac test --json is Jest's result object; when the analysis stops the run, { ok: false, success: false, diagnostics }", () => {
    const run = runCli(["test", app, "--json"]);
    expect(run.status).toBe(0);
    expect(document(run)).toMatchObject({ success: true, numTotalTests: expect.any(Number) });
    const broken = fs.mkdtempSync(path.join(root, "broken-test-"));
    fs.writeFileSync(path.join(broken, "index.ts"), 'import { api } from "iac";\napi.get("/x", (req, res) => {\n');
    const stopped = expectFailure(runCli(["test", broken, "--json"]), "IAC8002");
    expect(stopped.success).toBe(false);
  });

  test("commands that print no result of their own do not offer --format", () => {
    for (const args of [
      ["dev", app],
      ["test", app],
      ["data", "export", "--dir", app],
    ]) {
      const run = runCli([...args, "--format", "json"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Unknown argument: format/);
      expect(run.stdout).toBe("");
    }
  });
});

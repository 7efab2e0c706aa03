/**
 * The analysis in the dev loop and before `iac test`, through the CLI as
 * users run it: `iac dev` shows what `iac build` would refuse as it appears
 * and goes away (and keeps serving), and says what the next deploy would
 * add; `iac test` stops before Jest on an app `iac build` refuses.
 */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { removeDir, runIac, startIac, until, writeApp } from "./support/cli";

const PKG = JSON.stringify({ name: "shop", main: "index.ts" });
const HEAD = `import { api, data } from "iac";\n\napi.get("/items", async (req, res) => {\n  res.json({ version: VERSION, items: (await data.get("item:*")).items });\n});\n`;
const source = (version: string, more = ""): string => `${HEAD.replace("VERSION", JSON.stringify(version))}${more}`;
const COMPUTED = `\nconst someVar = process.env.MORE_PATH ?? "/more";\napi.get(someVar, (req, res) => res.json({ more: true }));\n`;
const LABEL2 = `\napi.get("/recent", async (req, res) => {\n  res.json(await data.getByLabel("label2", "day:*"));\n});\n`;

describe("iac dev runs the analysis", () => {
  let dir: string;
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";
  let url: string;
  const entry = (): string => path.join(dir, "index.ts");
  const served = async (route: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${url}${route}`);
    return { status: res.status, body: await res.json() };
  };
  const version = async (): Promise<unknown> => Reflect.get(Object((await served("/items")).body), "version");

  beforeAll(async () => {
    dir = writeApp({ "package.json": PKG, "index.ts": source("v1") }, "iac-dev-analysis-");
    child = startIac(["dev", dir, "--port", "0"]);
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    url = await until(() => /at (http:\/\/localhost:\d+)/.exec(stdout)?.[1], "the URL");
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    removeDir(dir);
  });

  test("at start: what the app needs, and no problems", async () => {
    const line = await until(() => /^analysis: .*$/m.exec(stdout)?.[0], "the first analysis");
    expect(line).toMatch(/^analysis: 1 route, data \(no label index\), 1 function \(\d+ ms\), no problems$/);
    expect(stderr).not.toMatch(/IAC\d{4}/);
  });

  test("a computed route: the located error appears, iac build would fail, and the new version is served", async () => {
    fs.writeFileSync(entry(), source("v2", COMPUTED));
    // index.ts line 8, column 9: `someVar` in api.get(someVar, ...).
    await until(() => (/index\.ts:8:9 error IAC1001 the route path of api\.get is not a static string/.test(stderr) ? true : undefined), "IAC1001");
    expect(stderr).toContain("> 8 | api.get(someVar, (req, res) => res.json({ more: true }));");
    await until(() => (/^analysis: 1 error, 0 warnings: `iac build` would fail/m.test(stdout) ? true : undefined), "the verdict");
    // A dev loop: the app keeps running, the edit included.
    await until(async () => ((await version()) === "v2" ? true : undefined), "version v2");
    expect(await served("/more")).toEqual({ status: 200, body: { more: true } });
  });

  test("fixed: the diagnostic is reported gone, and iac build would accept the app again", async () => {
    const before = stderr.length;
    fs.writeFileSync(entry(), source("v3"));
    await until(
      () => (/^fixed: index\.ts:8:9 error IAC1001 the route path of api\.get is not a static string$/m.test(stdout) ? true : undefined),
      "the fixed line",
    );
    await until(() => (/^analysis: 0 errors, 0 warnings: `iac build` would accept the app$/m.test(stdout) ? true : undefined), "the all-clear");
    expect(stderr.slice(before)).not.toMatch(/IAC1001/);
    // The route that came and went with the error is no infrastructure change: errors are never a baseline.
    expect(stdout).not.toMatch(/^infrastructure: .*\/more/m);
    await until(async () => ((await version()) === "v3" ? true : undefined), "version v3");
  });

  test("a new label: the next deploy adds a GSI", async () => {
    fs.writeFileSync(entry(), source("v4", LABEL2));
    await until(() => (/^infrastructure: new label index label2: the next deploy adds a GSI$/m.test(stdout) ? true : undefined), "the label2 line");
    expect(stdout).toMatch(/^infrastructure: new route GET \/recent$/m);
    expect((await served("/recent")).status).toBe(200);
  });

  test("an edit that does not build: the syntax error once, under iac build's code (IAC8002, not esbuild's IAC7001)", async () => {
    const before = stderr.length;
    fs.writeFileSync(entry(), `${source("v5", LABEL2)}\napi.get("/broken", (req, res) => {\n`);
    await until(() => (/index\.ts:\d+:\d+ error IAC8002 syntax error/.test(stderr.slice(before)) ? true : undefined), "the syntax error");
    fs.writeFileSync(entry(), source("v5", LABEL2));
    await until(async () => ((await version()) === "v5" ? true : undefined), "version v5");
    const said = stderr.slice(before);
    expect(said.match(/error IAC8002/g)).toHaveLength(1);
    expect(said).not.toMatch(/IAC7001/);
  });

  test("an analysis that changes nothing prints nothing", async () => {
    const lines = stdout.split("\n").filter((l) => /^(analysis|fixed|infrastructure):/.test(l)).length;
    fs.writeFileSync(entry(), source("v6", LABEL2));
    await until(async () => ((await version()) === "v6" ? true : undefined), "version v6");
    // The analysis runs after the rebuild; give it time to report, then nothing new may have been said.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stdout.split("\n").filter((l) => /^(analysis|fixed|infrastructure):/.test(l))).toHaveLength(lines);
  });
});

describe("iac test runs the analysis first", () => {
  const TEST_FILE = `import { api } from "iac";\nimport "./index";\n\ntest("items answer", async () => {\n  const res = await api.get("/items").invoke();\n  expect(res.status).toBe(200);\n});\n`;

  test("an app with a computed route: the located error, exit 1, no tests run; --no-analysis runs them", async () => {
    const dir = writeApp({ "package.json": PKG, "index.ts": source("v1", COMPUTED), "index.test.ts": TEST_FILE }, "iac-test-analysis-");
    try {
      const run = await runIac(["test", dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/index\.ts:8:9 error IAC1001 the route path of api\.get is not a static string/);
      expect(run.stderr).toContain("no tests were run");
      expect(run.stderr).not.toMatch(/Tests:/);

      const skipped = await runIac(["test", dir, "--no-analysis"]);
      expect(skipped.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
      expect(skipped.stderr).not.toMatch(/IAC1001/);
      expect(skipped.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });

  test("warnings are printed and the tests run", async () => {
    // A label name that is not static: warning IAC3002 (every label index assumed).
    const more = `\napi.get("/by/:label", async (req, res) => {\n  res.json(await data.getByLabel(req.params.label as "label1", "x:*"));\n});\n`;
    const dir = writeApp({ "package.json": PKG, "index.ts": source("v1", more), "index.test.ts": TEST_FILE }, "iac-test-analysis-");
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).toMatch(/index\.ts:\d+:\d+ warning IAC3002/);
      expect(run.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
      expect(run.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});

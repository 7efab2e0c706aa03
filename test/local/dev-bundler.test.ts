/**
 * How `iac dev` resolves what the app imports (src/local/dev/bundler.ts):
 * the SDK names become the version's SDK instance; a package comes from the
 * importing file's own Node lookup (nested node_modules included), else from
 * iac's node_modules (what Lambda's image provides, like the AWS SDK), and
 * always by `require` semantics (a dual package's CommonJS build), loaded
 * once per process so its state outlives a reload, as Node's module cache
 * keeps it.
 */
import * as fs from "fs";
import * as path from "path";
import { notExactly } from "../../src/local/dev/bundler";
import { removeDir, startDev, until, writeApp } from "./support/cli";

describe("notExactly: the externals plugin's filter", () => {
  const filter = notExactly(["iac", "@serverless/cloud"]);
  test.each([
    ["iac", false],
    ["@serverless/cloud", false],
    ["./local", false],
    ["../up", false],
    ["/abs/file", false],
    ["iac/subpath", true],
    ["iacx", true],
    ["ia", true],
    ["i", true],
    ["@serverless/cloud/nextjs", true],
    ["@serverless/clou", true],
    ["@serverless", true],
    ["@aws-sdk/client-s3", true],
    ["express", true],
  ])("%s -> %s", (specifier, matched) => {
    expect(filter.test(specifier)).toBe(matched);
  });
});

const pkg = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, version: "1.0.0", ...extra });

test("packages: the importer's own lookup, iac's as the fallback, require semantics, one instance across reloads", async () => {
  const dir = writeApp({
    "package.json": pkg("resolving"),
    "node_modules/counter/package.json": pkg("counter"),
    "node_modules/counter/index.js": "let n = 0;\nmodule.exports = () => ++n;\n",
    // A dual package: `import` from CommonJS code gets its CommonJS build, as Node's require does.
    "node_modules/dual/package.json": pkg("dual", { exports: { import: "./esm.mjs", require: "./cjs.js" } }),
    "node_modules/dual/esm.mjs": 'export default "esm";\n',
    "node_modules/dual/cjs.js": 'module.exports = "cjs";\n',
    "node_modules/which/package.json": pkg("which"),
    "node_modules/which/index.js": 'module.exports = "outer";\n',
    // A workspace folder with its own copy: its files get that copy.
    "lib/node_modules/which/package.json": pkg("which"),
    "lib/node_modules/which/index.js": 'module.exports = "inner";\n',
    "lib/inner.ts": 'import which from "which";\nexport const inner = which;\n',
    "index.ts": [
      'import { api } from "iac";',
      'import { data } from "@serverless/cloud";',
      'import counter from "counter";',
      'import dual from "dual";',
      'import which from "which";',
      // Not installed by the app: iac's own copy, as the Lambda image provides the AWS SDK.
      'import picomatch from "picomatch";',
      'import { inner } from "./lib/inner";',
      'api.get("/probe", async (_req, res) => res.json({ rev: 1, count: counter(), dual, outer: which, inner, glob: picomatch("*.txt")("a.txt"), data: typeof data.get }));',
      "",
    ].join("\n"),
  });
  const dev = await startDev(dir, ["--no-analysis"]);
  try {
    const first = await (await fetch(`${dev.url}/probe`)).json();
    expect(first).toEqual({ rev: 1, count: 1, dual: "cjs", outer: "outer", inner: "inner", glob: true, data: "function" });
    const index = path.join(dir, "index.ts");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("rev: 1", "rev: 2"));
    // The new version's code, the package's module state kept.
    const second = await until(async () => {
      const body = (await (await fetch(`${dev.url}/probe`)).json()) as { rev: number; count: number };
      return body.rev === 2 ? body : undefined;
    }, "the reloaded version");
    expect(second).toMatchObject({ rev: 2, dual: "cjs", outer: "outer", inner: "inner" });
    // Polls of version 1 while it reloaded counted too; a fresh copy would say 1.
    expect(second.count).toBeGreaterThanOrEqual(2);
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});

test("an import of a subpath of the SDK's name is an ordinary package import, reported where it is when missing", async () => {
  const dir = writeApp({
    "package.json": pkg("subpath"),
    "index.ts": 'import { api } from "iac";\nimport "iac/nothing-here";\napi.get("/", (_req, res) => res.json({}));\n',
  });
  const dev = await startDev(dir, ["--no-analysis"]);
  try {
    await until(() => (/nothing to serve yet/.test(dev.output()) ? true : undefined), "the build failure");
    expect(dev.output()).toMatch(/index\.ts:2:\d+.*IAC7001[\s\S]*iac\/nothing-here|iac\/nothing-here[\s\S]*index\.ts:2/);
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});

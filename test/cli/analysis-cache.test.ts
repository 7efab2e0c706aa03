// The analysis cache (src/analysis-cache.ts): an unchanged rebuild reuses
// `.iac/analysis.json`; any change to what the analysis read misses. A hit is
// made visible by tampering with the stored graph's function timeouts (the
// build result lists them): a hit builds the tampered 1 s timeouts, a miss
// the app's own. (Not the app name: iac.app.json pins it over the graph's.)
// Through the library in this process: the cache is build()'s, and `iac
// build` only calls it (its command line is tested in build.test.ts).
import * as fs from "fs";
import * as path from "path";
import { build as buildApp } from "../../src/compiler";
import { copyTempApp } from "../support/temp-app";

function copyTodo(): { root: string; dir: string } {
  return copyTempApp("examples/todo");
}

interface Summary {
  stackName: string;
  templatePath: string;
  functions: { timeoutMs: number }[];
}

const TAMPERED_TIMEOUT_MS = 1000;

/** build() in this process, as `iac build <dir> --stage <stage> --out <dir>/out` calls it: the cache is the library's. */
async function build(dir: string, stage = "qa"): Promise<Summary> {
  const result = await buildApp(dir, { stage, outDir: path.join(dir, "out"), pinIdentity: true });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

function tamper(dir: string): void {
  const file = path.join(dir, ".iac", "analysis.json");
  const stamp = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const f of stamp.graph.functions) f.timeoutMs = TAMPERED_TIMEOUT_MS;
  fs.writeFileSync(file, JSON.stringify(stamp));
}

/** Whether a build used the tampered analysis (a cache hit after `tamper`). */
function tampered(summary: Summary): boolean {
  return summary.functions.length > 0 && summary.functions.every((f) => f.timeoutMs === TAMPERED_TIMEOUT_MS);
}

function edit(file: string, change: (text: string) => string): void {
  fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
}

describe("analysis cache", () => {
  it("an unchanged rebuild reuses the stored analysis; the template is byte-identical to a fresh analysis", async () => {
    const { dir } = copyTodo();
    const first = await build(dir);
    const template = fs.readFileSync(first.templatePath);
    fs.rmSync(path.join(dir, "out"), { recursive: true });
    // Analysis from the cache, synthesis from scratch: same bytes.
    expect(fs.readFileSync((await build(dir)).templatePath)).toEqual(template);
    tamper(dir);
    expect(tampered(await build(dir))).toBe(true);
  });

  it("editing a source file, package.json, tsconfig.json or iac.config misses", async () => {
    const { dir } = copyTodo();
    await build(dir);
    const edits: Array<() => void> = [
      () => edit(path.join(dir, "src", "todos.ts"), (t) => `${t}\n// edited\n`),
      () => edit(path.join(dir, "package.json"), (t) => t.replace(/\n$/, "\n\n")),
      () => edit(path.join(dir, "tsconfig.json"), (t) => `${t}\n`),
      () => fs.writeFileSync(path.join(dir, "iac.config.ts"), 'import { defineConfig } from "iac/compiler";\nexport default defineConfig({});\n'),
      () => fs.writeFileSync(path.join(dir, "src", "new-file.ts"), "export const x = 1;\n"),
    ];
    for (const change of edits) {
      tamper(dir);
      change();
      expect(tampered(await build(dir))).toBe(false);
    }
  });

  it("a semantic edit shows in the graph", async () => {
    const { dir } = copyTodo();
    await build(dir);
    edit(path.join(dir, "index.ts"), (t) => t.replace('api.get("/todos"', 'api.get("/items"'));
    await build(dir);
    expect(fs.readFileSync(path.join(dir, ".iac", "graph.json"), "utf8")).toContain('"/items"');
  });

  it("a file outside the app dir that the app imports is part of the key (added, edited, removed)", async () => {
    const { root, dir } = copyTodo();
    fs.mkdirSync(path.join(root, "common"));
    const shared = path.join(root, "common", "extra.ts");
    fs.writeFileSync(shared, "export const extra = 1;\n");
    edit(path.join(dir, "index.ts"), (t) => `import { extra } from "../common/extra";\nvoid extra;\n${t}`);
    await build(dir);
    tamper(dir);
    expect(tampered(await build(dir))).toBe(true);
    edit(shared, (t) => `${t}// edited\n`);
    expect(tampered(await build(dir))).toBe(false);
    tamper(dir);
    // Now resolved elsewhere: common/extra/index.ts replaces common/extra.ts.
    fs.rmSync(shared);
    fs.mkdirSync(path.join(root, "common", "extra"));
    fs.writeFileSync(path.join(root, "common", "extra", "index.ts"), "export const extra = 2;\n");
    expect(tampered(await build(dir))).toBe(false);
  });

  it("another stage rebuilds the template; a corrupt or missing stamp is a miss", async () => {
    const { dir } = copyTodo();
    const qa = fs.readFileSync((await build(dir)).templatePath, "utf8");
    const prod = await build(dir, "prod");
    expect(prod.stackName).toBe("todo-prod");
    expect(fs.readFileSync(prod.templatePath, "utf8")).not.toEqual(qa);
    fs.writeFileSync(path.join(dir, ".iac", "analysis.json"), "{not json");
    expect((await build(dir)).stackName).toBe("todo-qa");
    fs.rmSync(path.join(dir, ".iac", "analysis.json"));
    expect((await build(dir)).stackName).toBe("todo-qa");
    expect(fs.existsSync(path.join(dir, ".iac", "analysis.json"))).toBe(true);
  });

  it("an app with errors is not stored: the error is reported again", async () => {
    const { dir } = copyTodo();
    edit(path.join(dir, "index.ts"), (t) => t.replace('"60 minutes"', '"60 minuts"'));
    for (let i = 0; i < 2; i++) {
      const result = await buildApp(dir, { stage: "qa", outDir: path.join(dir, "out") });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([expect.stringMatching(/^IAC2\d{3}$/)]);
    }
    expect(fs.existsSync(path.join(dir, ".iac", "analysis.json"))).toBe(false);
  });
});

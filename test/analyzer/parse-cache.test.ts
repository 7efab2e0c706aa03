/**
 * The parse cache `iac dev`'s analysis worker installs (program.ts): after a
 * save only the changed module is parsed again, and the analysis is the one
 * a fresh process gives.
 */
import * as fs from "fs";
import * as path from "path";
import { analyzeApp } from "../../src/analyzer";
import { ParseCache, useParseCache } from "../../src/analyzer/program";
import { cleanup, writeApp } from "./helpers";

function route(i: number, body = "res.json({ i })"): string {
  return `import { api, data } from "iac";\nimport { helper } from "../lib/helper";\napi.get("/r${i}", async (req, res) => { await helper(); ${body}; });\n`;
}

function files(): Record<string, string> {
  const out: Record<string, string> = {
    "package.json": JSON.stringify({ name: "cached", main: "index.ts" }),
    "lib/helper.ts": `import { data } from "iac";\nexport async function helper() { return data.get("item:*"); }\n`,
  };
  const imports: string[] = [];
  for (let i = 0; i < 5; i++) {
    out[`routes/r${i}.ts`] = route(i);
    imports.push(`import "./routes/r${i}";`);
  }
  out["index.ts"] = `${imports.join("\n")}\n`;
  return out;
}

afterEach(() => useParseCache(undefined));
afterAll(cleanup);

test("a second analysis re-parses only the changed module and equals an uncached analysis", () => {
  const dir = writeApp(files());
  const cache = new ParseCache();
  useParseCache(cache);
  analyzeApp(dir);
  expect(cache.parsed).toBe(7);
  expect(cache.reused).toBe(0);

  fs.writeFileSync(path.join(dir, "routes", "r2.ts"), route(2, 'await data.getByLabel("label2", "x:*"); res.json({})'));
  const cached = analyzeApp(dir);
  expect(cache.parsed).toBe(1);
  expect(cache.reused).toBe(6);
  expect(cached.graph.resources.find((r) => r.kind === "data")).toMatchObject({ labels: ["label2"] });

  useParseCache(undefined);
  expect(JSON.stringify(analyzeApp(dir))).toBe(JSON.stringify(cached));
});

test("a syntax error is reported from a kept module as from a fresh parse, and modules no longer imported are dropped", () => {
  const dir = writeApp(files());
  const cache = new ParseCache();
  useParseCache(cache);
  fs.writeFileSync(path.join(dir, "routes", "r1.ts"), `import { api } from "iac";\napi.get("/r1", (req, res) => {\n`);
  const first = analyzeApp(dir);
  const again = analyzeApp(dir);
  expect(cache.reused).toBe(7);
  expect(again.diagnostics.map((d) => d.code)).toContain("IAC8002");
  expect(again.diagnostics).toEqual(first.diagnostics);

  expect(cache.size).toBe(7);
  fs.writeFileSync(path.join(dir, "index.ts"), `import "./routes/r0";\n`);
  analyzeApp(dir);
  // The entry, r0 and the helper.
  expect(cache.size).toBe(3);
});

test("other compiler options parse everything again", () => {
  const dir = writeApp(files());
  const cache = new ParseCache();
  useParseCache(cache);
  analyzeApp(dir);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2017" } }));
  analyzeApp(dir);
  expect(cache.reused).toBe(0);
  expect(cache.parsed).toBe(7);
});

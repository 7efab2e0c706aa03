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

test("modules whose signature is unchanged are not read again, and any write is seen, even one that keeps the size and the modification time", () => {
  const dir = writeApp(files());
  // Modified long ago, as the files of a project usually are: not racy.
  const old = new Date(Date.now() - 60_000);
  for (const f of ["index.ts", "lib/helper.ts", ...[0, 1, 2, 3, 4].map((i) => `routes/r${i}.ts`)]) fs.utimesSync(path.join(dir, f), old, old);
  const cache = new ParseCache();
  useParseCache(cache);
  analyzeApp(dir);
  analyzeApp(dir);
  expect(cache.unread).toBe(7);

  // Same length, same modification time put back: only the change time (which no one can set) tells.
  const file = path.join(dir, "routes", "r3.ts");
  const before = fs.readFileSync(file, "utf8");
  const after = before.replace("/r3", "/x3");
  expect(after.length).toBe(before.length);
  fs.writeFileSync(file, after);
  fs.utimesSync(file, old, old);
  const changed = analyzeApp(dir);
  expect(cache.parsed).toBe(1);
  expect(cache.unread).toBe(6);
  const api = changed.graph.resources.find((r) => r.kind === "api");
  expect(api?.kind === "api" && api.routes.map((r) => r.path)).toContain("/x3");
});

test("a module written just before it was read is read again at the next analysis (a coarse file system could hide a write within the same tick)", () => {
  const dir = writeApp(files());
  const cache = new ParseCache();
  useParseCache(cache);
  analyzeApp(dir);
  analyzeApp(dir);
  // Every file was written a moment ago: none is trusted by its signature alone.
  expect(cache.unread).toBe(0);
  expect(cache.reused).toBe(7);
});

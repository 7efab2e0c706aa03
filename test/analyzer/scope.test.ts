/**
 * Scope rules the resolver applies itself (rather than asking the checker):
 * hoisting, block scopes, shadowing by parameters, catch and loop variables,
 * function expression names, and exports read from syntax. Each case
 * registers GET /x; the expectation is whether its data read is the SDK's.
 */
import type { AnalyzeResult } from "../../src/analyzer";
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

function dataOps(r: AnalyzeResult): string[] {
  return r.graph.usages.filter((u) => u.resource === "data").map((u) => `${u.handler} ${u.operation}`);
}

const sdk = `import { api, data } from "iac";\n`;

const found: [string, Record<string, string>][] = [
  [
    "a function declared after its use",
    { "index.ts": `${sdk}setup();\nfunction setup() { api.get("/x", async () => load()); }\nfunction load() { return data.get("k"); }` },
  ],
  [
    "a var hoisted out of a block (js)",
    { "index.js": `const cloud = require("iac");\nif (cloud) { var db = cloud.data; }\ncloud.api.get("/x", async () => db.get("k"));` },
  ],
  ["a block binding ends at its block", { "index.ts": `${sdk}api.get("/x", async () => { { const data = new Map(); void data; } return data.get("k"); });` }],
  [
    "a catch variable ends at its clause",
    { "index.ts": `${sdk}api.get("/x", async () => { try { void 0; } catch (data) { void data; } return data.get("k"); });` },
  ],
  ["a loop variable ends at its loop", { "index.ts": `${sdk}api.get("/x", async () => { for (const data of [1]) void data; return data.get("k"); });` }],
  ["an object property named like the binding", { "index.ts": `${sdk}api.get("/x", async () => { const o = { data: 1 }; void o; return data.get("k"); });` }],
  [
    "a class member named like the binding",
    { "index.ts": `${sdk}class Box { data = 1; }\napi.get("/x", async () => { void new Box(); return data.get("k"); });` },
  ],
  [
    "the outer binding inside a named function expression",
    { "index.ts": `${sdk}api.get("/x", async function handler() { void handler; return data.get("k"); });` },
  ],
  [
    "export * of an app module that re-exports its imports",
    {
      "index.ts": `import { api, data } from "./a";\napi.get("/x", async () => data.get("k"));`,
      "a.ts": `export * from "./b";`,
      "b.ts": `import { api, data } from "iac";\nexport { api, data };`,
    },
  ],
  [
    "export default of a local",
    {
      "index.ts": `import cloud from "./sdk";\ncloud.api.get("/x", async () => cloud.data.get("k"));`,
      "sdk.ts": `import * as sdk from "iac";\nconst s = sdk;\nexport default s;`,
    },
  ],
  [
    "an exported const holding the SDK, next to a type of that name",
    {
      "index.ts": `import { db } from "./sdk";\nimport { api } from "iac";\napi.get("/x", async () => db.get("k"));`,
      "sdk.ts": `import { data } from "iac";\nexport type db = number;\nexport const db = data;`,
    },
  ],
];

describe.each(found)("the SDK through %s", (_name, files) => {
  test("the data read is found", () => {
    expect(dataOps(analyzeFiles(files))).toEqual(["route:GET /x get"]);
  });
});

const shadowed: [string, Record<string, string>][] = [
  ["a destructured parameter", { "index.ts": `${sdk}api.get("/x", async ({ data }: { data: Map<string, string> }) => data.get("k"));` }],
  [
    "a function expression's own name",
    { "index.ts": `${sdk}api.get("/x", async function data() { return (data as unknown as Map<string, string>).get("k"); });` },
  ],
  [
    "a catch variable",
    { "index.ts": `${sdk}api.get("/x", async () => { try { return 1; } catch (data) { return (data as Map<string, string>).get("k"); } });` },
  ],
  ["a loop variable", { "index.ts": `${sdk}api.get("/x", async () => { for (const data of [new Map()]) return data.get("k"); });` }],
  [
    "a var declared in a nested block of the handler (js)",
    { "index.js": `const { api, data } = require("iac");\napi.get("/x", async () => { if (api) { var data = new Map(); } return data.get("k"); });` },
  ],
  [
    "a block-level function in strict code",
    { "index.ts": `${sdk}api.get("/x", async () => { { function data() { return 1; } return (data as unknown as Map<string, string>).get("k"); } });` },
  ],
];

describe.each(shadowed)("shadowed by %s", (_name, files) => {
  test("no data usage", () => {
    expect(dataOps(analyzeFiles(files))).toEqual([]);
  });
});

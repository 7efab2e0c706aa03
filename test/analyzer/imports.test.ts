/**
 * Every way an app can bind the SDK, and the ways it can look like it does
 * without doing so. Each case registers GET /x and reads data in it; the
 * expectation is whether both are found.
 */
import * as fs from "fs";
import * as path from "path";
import { analyzeApp, type AnalyzeResult } from "../../src/analyzer";
import { analyzeFiles, cleanup, writeApp } from "./helpers";

afterAll(cleanup);

function routes(r: AnalyzeResult): string[] {
  return r.graph.resources.flatMap((x) => (x.kind === "api" ? x.routes.map((route) => route.id) : []));
}
function dataOps(r: AnalyzeResult): string[] {
  return r.graph.usages.filter((u) => u.resource === "data").map((u) => `${u.handler} ${u.operation}`);
}

/** Modules where a wrongly joined relative path would land: same names, no SDK. */
function decoys(...files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, `export const api = { get() {} };\nexport const data = { get() {} };`]));
}

const found: [string, Record<string, string>][] = [
  ["named", { "index.ts": `import { api, data } from "iac";\napi.get("/x", async () => data.get("k"));` }],
  ["renamed", { "index.ts": `import { api as http, data as db } from "iac";\nhttp.get("/x", async () => db.get("k"));` }],
  ["namespace", { "index.ts": `import * as cloud from "iac";\ncloud.api.get("/x", async () => cloud.data.get("k"));` }],
  ["default cloud export", { "index.ts": `import cloud from "iac";\ncloud.api.get("/x", async () => cloud.data.get("k"));` }],
  ["default plus named", { "index.ts": `import cloud, { data } from "iac";\ncloud.api.get("/x", async () => data.get("k"));` }],
  ["@serverless/cloud alias", { "index.ts": `import { api, data } from "@serverless/cloud";\napi.get("/x", async () => data.get("k"));` }],
  ["CommonJS destructuring (js)", { "index.js": `const { api, data } = require("iac");\napi.get("/x", async () => data.get("k"));` }],
  ["CommonJS destructuring (ts)", { "index.ts": `const { api, data } = require("@serverless/cloud");\napi.get("/x", async () => data.get("k"));` }],
  ["CommonJS renamed destructuring", { "index.js": `const { api: a, data: d } = require("iac");\na.get("/x", async () => d.get("k"));` }],
  ["require(...).api", { "index.js": `const api = require("iac").api;\nconst data = require("iac").data;\napi.get("/x", async () => data.get("k"));` }],
  ["whole require", { "index.js": `const cloud = require("@serverless/cloud");\ncloud.api.get("/x", async () => cloud.data.get("k"));` }],
  ["import = require", { "index.ts": `import cloud = require("iac");\ncloud.api.get("/x", async () => cloud.data.get("k"));` }],
  ["nested destructuring", { "index.ts": `import * as sdk from "iac";\nconst { api, data } = sdk;\napi.get("/x", async () => data.get("k"));` }],
  ["const alias", { "index.ts": `import { api as a, data as d } from "iac";\nconst api = a; const data = d;\napi.get("/x", async () => data.get("k"));` }],
  ["element access", { "index.ts": `import cloud from "iac";\ncloud["api"].get("/x", async () => cloud["data"]["get"]("k"));` }],
  [
    "re-export through the app's module",
    { "index.ts": `import { api, data } from "./sdk";\napi.get("/x", async () => data.get("k"));`, "sdk.ts": `export { api, data } from "iac";` },
  ],
  [
    "export * through the app's module",
    { "index.ts": `import { api, data } from "./sdk";\napi.get("/x", async () => data.get("k"));`, "sdk.ts": `export * from "@serverless/cloud";` },
  ],
  [
    "re-export of a local import, renamed",
    {
      "index.ts": `import { myApi, store } from "./sdk";\nmyApi.get("/x", async () => store.get("k"));`,
      "sdk.ts": `import { api, data } from "iac";\nexport { api as myApi, data as store };`,
    },
  ],
  [
    "two hops of re-exports",
    {
      "index.ts": `import { api, data } from "./a";\napi.get("/x", async () => data.get("k"));`,
      "a.ts": `export * from "./b";`,
      "b.ts": `export { api, data } from "iac";`,
    },
  ],
  [
    "namespace of an app module that re-exports",
    { "index.ts": `import * as lib from "./sdk";\nlib.api.get("/x", async () => lib.data.get("k"));`, "sdk.ts": `export { api, data } from "iac";` },
  ],
  [
    "CommonJS re-export module (js)",
    {
      "index.js": `const { api, data } = require("./sdk");\napi.get("/x", async () => data.get("k"));`,
      "sdk.js": `const cloud = require("iac");\nmodule.exports = { api: cloud.api, data: cloud.data };`,
    },
  ],
  [
    "a folder's index module",
    {
      "index.ts": `import { api } from "iac";\nimport { load } from "./lib";\napi.get("/x", async () => load());`,
      "lib/index.ts": `import { data } from "iac";\nexport const load = () => data.get("k");`,
    },
  ],
  [
    "a module in a parent folder (../)",
    {
      "index.ts": `import "./routes/x";`,
      "routes/x.ts": `import { api, data } from "../lib/sdk";\napi.get("/x", async () => data.get("k"));`,
      "lib/sdk.ts": `export { api, data } from "iac";`,
      ...decoys("routes/lib/sdk.ts", "routes/sdk.ts"),
    },
  ],
  [
    "two folders up (../../)",
    {
      "index.ts": `import "./a/b/x";`,
      "a/b/x.ts": `import { api, data } from "../../sdk";\napi.get("/x", async () => data.get("k"));`,
      "sdk.ts": `export { api, data } from "iac";`,
      ...decoys("a/sdk.ts", "a/b/sdk.ts"),
    },
  ],
  [
    "a specifier with .. inside it",
    {
      "index.ts": `import { api, data } from "./lib/../sdk";\napi.get("/x", async () => data.get("k"));`,
      "sdk.ts": `export { api, data } from "iac";`,
      ...decoys("lib/sdk.ts"),
    },
  ],
  [
    "./ then a nested folder",
    {
      "index.ts": `import { api, data } from "./lib/deep/sdk";\napi.get("/x", async () => data.get("k"));`,
      "lib/deep/sdk.ts": `export { api, data } from "iac";`,
      ...decoys("deep/sdk.ts", "lib/sdk.ts", "sdk.ts"),
    },
  ],
  [
    "a .js specifier naming a TypeScript module, and a .tsx module",
    {
      "index.ts": `import { api } from "iac";\nimport { load } from "./store.js";\nimport { view } from "./view";\napi.get("/x", async () => [await load(), view()]);`,
      "store.ts": `import { data } from "iac";\nexport async function load() { return data.get("k"); }`,
      "view.tsx": `export function view() { return null; }`,
    },
  ],
  [
    "require of an app module from TypeScript",
    {
      "index.ts": `const { api, data } = require("./sdk");\napi.get("/x", async () => data.get("k"));`,
      "sdk.ts": `import { api, data } from "iac";\nexport { api, data };`,
    },
  ],
  [
    "dynamic import() of an app module",
    {
      "index.ts": `import { api } from "iac";\napi.get("/x", async () => (await import("./store")).load());`,
      "store.ts": `import { data } from "iac";\nexport async function load() { return data.get("k"); }`,
    },
  ],
  [
    "CommonJS exports.x (js)",
    {
      "index.js": `const sdk = require("./sdk");\nsdk.api.get("/x", async () => sdk.data.get("k"));`,
      "sdk.js": `const { api, data } = require("iac");\nexports.api = api;\nexports.data = data;`,
    },
  ],
  ["ESM .mjs entry", { "index.mjs": `import { api, data } from "iac";\napi.get("/x", async () => data.get("k"));` }],
  ["CJS .cjs entry", { "index.cjs": `const { api, data } = require("iac");\napi.get("/x", async () => data.get("k"));` }],
];

describe.each(found)("SDK bound by %s", (_name, files) => {
  test("the route and the data read are found", () => {
    const r = analyzeFiles(files);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(routes(r)).toEqual(["route:GET /x"]);
    expect(dataOps(r)).toEqual(["route:GET /x get"]);
  });
});

const notFound: [string, Record<string, string>][] = [
  [
    "an app module named data shadows nothing",
    {
      "index.ts": `import { api } from "iac";\nimport * as data from "./lib/data";\napi.get("/x", async () => data.get("k"));`,
      "lib/data.ts": `export function get(k: string) { return k; }`,
    },
  ],
  ["a local variable named data", { "index.ts": `import { api } from "iac";\napi.get("/x", async () => { const data = new Map(); return data.get("k"); });` }],
  [
    "a parameter named data",
    { "index.ts": `import { api } from "iac";\nconst read = (data: Map<string, string>) => data.get("k");\napi.get("/x", async () => read(new Map()));` },
  ],
  ["an npm package exporting data", { "index.ts": `import { api } from "iac";\nimport { data } from "some-lib";\napi.get("/x", async () => data.get("k"));` }],
  [
    "a named import shadowed in an inner scope",
    {
      "index.ts": `import { api, data as d } from "iac";\napi.get("/x", async () => { const data = { get: (k: string) => k }; return data.get("k"); });\nvoid d;`,
    },
  ],
];

describe.each(notFound)("not the SDK: %s", (_name, files) => {
  test("the route is found but no data usage", () => {
    const r = analyzeFiles(files);
    expect(routes(r)).toEqual(["route:GET /x"]);
    expect(dataOps(r)).toEqual([]);
    expect(r.graph.resources.find((x) => x.kind === "data")).toBeUndefined();
  });
});

test("a module that is not the SDK but exports api registers nothing", () => {
  const r = analyzeFiles({
    "index.ts": `import { api } from "./fake";\napi.get("/x", () => 1);`,
    "fake.ts": `export const api = { get: (p: string, h: () => number) => h };`,
  });
  expect(r.graph.resources).toEqual([]);
});

describe("modules saved with a byte-order mark", () => {
  const entry = `import { api } from "iac";\nimport { read } from "./lib";\napi.get("/x", async () => read());\n`;
  const lib = `import { data } from "iac";\nexport const read = () => data.get("k");\n`;
  const utf16be = (text: string): Buffer => Buffer.from(text, "utf16le").swap16();

  test.each([
    ["UTF-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(entry)]), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lib)])],
    [
      "UTF-16 LE",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entry, "utf16le")]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lib, "utf16le")]),
    ],
    ["UTF-16 BE", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(entry)]), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(lib)])],
  ])("%s: read as TypeScript reads them, locations as without the mark", (_, entryBytes, libBytes) => {
    const plain = analyzeFiles({ "index.ts": entry, "lib.ts": lib });
    const dir = writeApp({});
    fs.writeFileSync(path.join(dir, "index.ts"), entryBytes);
    fs.writeFileSync(path.join(dir, "lib.ts"), libBytes);
    const marked = analyzeApp(dir);
    expect(marked.diagnostics).toEqual([]);
    expect(routes(marked)).toEqual(["route:GET /x"]);
    expect(dataOps(marked)).toEqual(["route:GET /x get"]);
    expect(marked.graph.usages.map((u) => u.location)).toEqual(plain.graph.usages.map((u) => u.location));
    expect(marked.graph.handlers.map((h) => h.location)).toEqual(plain.graph.handlers.map((h) => h.location));
  });
});

/**
 * Registrations wherever they live, and the order Express will see them in.
 */
import type { AnalyzeResult } from "../../src/analyzer";
import type { ApiResource } from "../../src/graph";
import { analyzeFiles, cleanup, codes } from "./helpers";

afterAll(cleanup);

function api(r: AnalyzeResult): ApiResource {
  const found = r.graph.resources.find((x): x is ApiResource => x.kind === "api");
  if (!found) throw new Error(`no api resource; diagnostics: ${JSON.stringify(r.diagnostics)}`);
  return found;
}
/** Routes and middleware in registration order: `GET /a`, `use /admin`, `use!` (error middleware). */
function entries(r: AnalyzeResult): string[] {
  const a = api(r);
  return [
    ...a.routes.map((x) => ({ o: x.order, s: `${x.method} ${x.path}` })),
    ...a.middleware.map((m) => ({ o: m.order, s: `use${m.errorHandler ? "!" : ""}${m.path ? ` ${m.path}` : ""}` })),
  ]
    .sort((x, y) => x.o - y.o)
    .map((x) => x.s);
}

const cases: [string, Record<string, string>, string[]][] = [
  [
    "setup() in another module, called from the entry",
    {
      "index.ts": `import { api } from "iac";\nimport { setup } from "./routes";\napi.get("/first", () => 1);\nsetup();\napi.get("/last", () => 1);`,
      "routes.ts": `import { api } from "iac";\nexport function setup() { api.get("/middle", () => 1); }`,
    },
    ["GET /first", "GET /middle", "GET /last"],
  ],
  [
    "setup(api) receiving the SDK as a parameter registers through a non-SDK name",
    {
      "index.ts": `import { api } from "iac";\nimport { routes } from "./routes";\nroutes();\napi.get("/b", () => 1);`,
      "routes.ts": `import { api as a } from "iac";\nexport const routes = () => { a.get("/a", () => 1); };`,
    },
    ["GET /a", "GET /b"],
  ],
  [
    "imported modules register before the importer's body (ESM hoisting)",
    {
      "index.ts": `import { api } from "iac";\napi.get("/entry", () => 1);\nimport "./side";`,
      "side.ts": `import { api } from "iac";\napi.get("/side", () => 1);`,
    },
    ["GET /side", "GET /entry"],
  ],
  [
    "CommonJS require runs where it stands",
    {
      "index.js": `const { api } = require("iac");\napi.get("/before", () => 1);\nrequire("./side");\napi.get("/after", () => 1);`,
      "side.js": `const { api } = require("iac");\napi.get("/side", () => 1);`,
    },
    ["GET /before", "GET /side", "GET /after"],
  ],
  [
    "module.exports = function setup",
    {
      "index.js": `const setup = require("./setup");\nconst { api } = require("iac");\nsetup();\napi.get("/b", () => 1);`,
      "setup.js": `const { api } = require("iac");\nmodule.exports = function setup() { api.get("/a", () => 1); };`,
    },
    ["GET /a", "GET /b"],
  ],
  [
    "setup re-exported through an index module",
    {
      "index.ts": `import { setupAll } from "./lib";\nsetupAll();`,
      "lib/index.ts": `export { setupAll } from "./setup";`,
      "lib/setup.ts": `import { api } from "iac";\nimport { more } from "./more";\nexport function setupAll() { api.get("/one", () => 1); more(); }`,
      "lib/more.ts": `import { api } from "iac";\nexport function more() { api.get("/two", () => 1); }`,
    },
    ["GET /one", "GET /two"],
  ],
  [
    "registrations in a forEach callback",
    { "index.ts": `import { api } from "iac";\napi.get("/0", () => 1);\n[1].forEach(() => { api.get("/cb", () => 1); });\napi.get("/2", () => 1);` },
    ["GET /0", "GET /cb", "GET /2"],
  ],
  [
    "api.use with a path, error middleware by arity, upload",
    {
      "index.ts": `import { api } from "iac";\nfunction onError(err: unknown, req: unknown, res: unknown, next: unknown) {}\napi.use("/admin", (req: unknown, res: unknown, next: () => void) => next());\napi.upload("/files", () => 1);\napi.use(onError);`,
    },
    ["use /admin", "POST /files", "use!"],
  ],
  [
    "every HTTP method",
    {
      "index.ts": `import { api } from "iac";\nconst h = () => 1;\napi.get("/r", h); api.post("/r", h); api.put("/r", h); api.patch("/r", h); api.delete("/r", h); api.options("/r", h); api.head("/r", h); api.all("/r", h);`,
    },
    ["GET /r", "POST /r", "PUT /r", "PATCH /r", "DELETE /r", "OPTIONS /r", "HEAD /r", "ALL /r"],
  ],
  [
    "api.use with several middleware, arrays flattened",
    { "index.ts": `import { api } from "iac";\nconst a = () => 1, b = () => 1, c = () => 1;\nconst mws = [b, c];\napi.use(a, mws);\napi.get("/x", h => h);` },
    ["use", "use", "use", "GET /x"],
  ],
];

describe.each(cases)("%s", (_name, files, expected) => {
  test("registrations are found in order", () => {
    const r = analyzeFiles(files);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(entries(r)).toEqual(expected);
  });
});

test("a route chain lists middleware then handler, where each function is defined", () => {
  const r = analyzeFiles({
    "index.ts": `import { api } from "iac";\nimport { auth } from "./auth";\nimport { list } from "./handlers";\nconst checks = [auth];\napi.get("/todos", checks, (req: unknown, res: unknown, next: () => void) => next(), list);`,
    "auth.ts": `export function auth(req: unknown, res: unknown, next: () => void) { next(); }`,
    "handlers.ts": `\n\nexport const list = async () => 1;`,
  });
  const route = api(r).routes[0];
  expect(route.chain).toEqual([
    { file: "auth.ts", line: 1, column: 1 },
    { file: "index.ts", line: 5, column: 27 },
    { file: "handlers.ts", line: 3, column: 21 },
  ]);
  expect(route.location).toEqual({ file: "index.ts", line: 5, column: 1 });
});

test("route options: timeout from the options object, through a const", () => {
  const r = analyzeFiles({
    "index.ts": `import { api } from "iac";\nconst SLOW = { timeout: 20 * 1000 };\napi.get("/a", { timeout: 5000 }, () => 1);\napi.get("/b", SLOW, () => 1);\napi.get("/c", () => 1);`,
  });
  expect(api(r).routes.map((x) => x.options)).toEqual([{ timeoutMs: 5000 }, { timeoutMs: 20000 }, {}]);
  expect(r.graph.functions.find((f) => f.id === "http")?.timeoutMs).toBe(20000);
});

test("a registration nothing calls at start-up is kept, after the others, with a warning", () => {
  const r = analyzeFiles({ "index.ts": `import { api } from "iac";\nexport function later() { api.get("/late", () => 1); }\napi.get("/now", () => 1);` });
  expect(entries(r)).toEqual(["GET /now", "GET /late"]);
  expect(codes(r)).toEqual(["IAC1008"]);
});

test("duplicate routes get #2 and a warning pointing at the first", () => {
  const r = analyzeFiles({ "index.ts": `import { api } from "iac";\napi.get("/a", () => 1);\napi.get("/a", () => 2);` });
  expect(api(r).routes.map((x) => x.id)).toEqual(["route:GET /a", "route:GET /a#2"]);
  expect(r.diagnostics).toEqual([
    expect.objectContaining({
      code: "IAC1002",
      location: { file: "index.ts", line: 3, column: 1 },
      related: [{ message: "first declared here", location: { file: "index.ts", line: 2, column: 1 } }],
    }),
  ]);
});

test("the testing interface (api.get(url).invoke()) is not a registration", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, schedule } from "iac";\nexport async function t() { await api.get("/x").invoke(); await schedule.every("1 hour").invoke(); }`,
  });
  expect(r.graph.resources).toEqual([]);
  expect(r.diagnostics).toEqual([]);
});

/**
 * Attribution of SDK uses to the handlers that can reach them.
 */
import { analyzeApp, type AnalyzeResult } from "../../src/analyzer";
import { analyzeFiles, cleanup, codes, writeApp } from "./helpers";

afterAll(cleanup);

/** `handler operation via-files`. */
function attributed(r: AnalyzeResult): string[] {
  return r.graph.usages.map(
    (u) => `${u.handler} ${u.resource}.${u.operation}${u.via.length ? ` via ${u.via.map((v) => `${v.file}:${v.line}`).join(">")}` : ""}`,
  );
}

test("through helpers across modules, with the call sites taken", () => {
  const r = analyzeFiles({
    "index.ts": `import { api } from "iac";\nimport { list } from "./handlers";\napi.get("/todos", list);`,
    "handlers.ts": `import { loadAll } from "./repo";\nexport async function list() {\n  return loadAll();\n}`,
    "repo.ts": `import { data } from "iac";\nexport const loadAll = () => fetchAll("todo");\nfunction fetchAll(c: string) {\n  return data.get(\`\${c}:*\`);\n}`,
  });
  expect(attributed(r)).toEqual(["route:GET /todos data.get via handlers.ts:3>repo.ts:2"]);
  expect(r.diagnostics).toEqual([]);
});

test("a helper shared by two handlers is attributed to both", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, schedule, data } from "iac";\nconst save = (x: string) => data.set("t:" + x, 1);\napi.post("/t", async () => save("a"));\nschedule.every("1 day", async () => { await save("b"); });`,
  });
  expect(attributed(r)).toEqual(["route:POST /t data.set via index.ts:3", "schedule:rate(1 day) data.set via index.ts:4"]);
});

test("module top level and start-up code run in every function: APP_HANDLER, no warning", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, data, params } from "iac";\nimport { init } from "./init";\nconst key = params.API_KEY;\ninit();\napi.get("/", () => key);`,
    "init.ts": `import { data } from "iac";\nexport function init() { void data.seed("data.json"); }`,
  });
  expect(attributed(r)).toEqual(["@app data.seed via index.ts:4", "@app params.read"]);
  expect(r.diagnostics).toEqual([]);
});

test("a computed callee loses the trail: APP_HANDLER with a warning", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, storage } from "iac";\nfunction a() { return storage.read("x"); }\nconst table: Record<string, () => unknown> = {};\ntable["a"] = a;\napi.get("/:name", (req: { params: { name: string } }) => table[req.params.name]());`,
  });
  expect(attributed(r)).toEqual(["@app storage.read"]);
  expect(codes(r)).toEqual(["IAC6101"]);
});

test("middleware factories, callbacks and object-literal methods are followed", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, data, events, storage } from "iac";
const repo = { async load(k: string) { return data.get("u:" + k); } };
function auth(role: string) {
  return async (req: unknown, res: unknown, next: () => void) => { await events.publish("auth", { role }); next(); };
}
async function thumb(p: string) { return storage.write("thumbs/" + p, Buffer.from("")); }
api.get("/me", auth("user"), async () => repo.load("me"));
api.post("/thumbs", async () => Promise.all(["a"].map(thumb)));`,
  });
  expect(attributed(r)).toEqual(["route:GET /me data.get via index.ts:7", "route:GET /me events.publish", "route:POST /thumbs storage.write via index.ts:8"]);
});

test("routes of an Express app mounted with http.use belong to the mount, also across modules", () => {
  const r = analyzeFiles({
    "index.js": `const { http, schedule, data } = require("iac");\nconst app = require("./app");\nhttp.use(app);\nschedule.every("1 day", () => data.remove("a:1"));`,
    "app.js": `const express = require("express");\nconst { data } = require("iac");\nconst app = express();\napp.get("/", async (req, res) => res.json(await data.get("a:1")));\nmodule.exports = app;`,
  });
  expect(attributed(r)).toEqual(["http data.get", "schedule:rate(1 day) data.remove"]);
});

test("a recursive helper terminates", () => {
  const r = analyzeFiles({
    "index.ts": `import { api, data } from "iac";\nfunction walk(n: number): unknown { return n ? walk(n - 1) : data.get("a:1"); }\napi.get("/", () => walk(3));`,
  });
  expect(attributed(r)).toEqual(["route:GET / data.get via index.ts:3"]);
});

test("deterministic: analysing the same app twice gives byte-identical JSON", () => {
  const dir = writeApp({
    "index.ts": `import { api, data, schedule, events } from "iac";\nimport "./b";\nimport "./a";\napi.get("/z", () => data.get("z:1"));\napi.get("/a", () => data.set("a:1", 1, { label2: "x" }));\nschedule.cron("0 0 ? * MON *", () => events.publish("e", {}));`,
    "a.ts": `import { api, storage } from "iac";\napi.post("/upload", () => storage.write("u/x", "1"));`,
    "b.ts": `import { events, data } from "iac";\nevents.on("e", () => data.remove("z:1"));`,
    "static/index.html": "<p>x</p>",
  });
  const first = JSON.stringify(analyzeApp(dir));
  const second = JSON.stringify(analyzeApp(dir));
  expect(second).toBe(first);
  expect(first).toContain("route:POST /upload");
});

test("repository classes: methods of an instance, `this.` calls, inherited and static methods are followed to the handlers that reach them", () => {
  const r = analyzeFiles({
    "index.ts": [
      'import { api } from "iac";',
      'import { tasks, Audit } from "./repo";',
      'api.get("/tasks", () => tasks.open());',
      'api.post("/tasks", () => tasks.add());',
      'api.get("/audit", () => Audit.recent());',
    ].join("\n"),
    "repo.ts": [
      'import { data, events } from "iac";',
      "class Base {",
      "  protected key(id: string) { return `task:${id}`; }",
      "  protected save(id: string) { return data.set(this.key(id), { id }); }",
      "}",
      "class TaskRepo extends Base {",
      '  open() { return data.getByLabel("label1", "open:*"); }',
      '  add = async () => { await this.save("1"); await events.publish("task.added", {}); };',
      "}",
      "export class Audit {",
      '  static recent() { return data.get("audit:*"); }',
      "}",
      "export const tasks = new TaskRepo();",
    ].join("\n"),
  });
  expect(r.diagnostics).toEqual([]);
  const handlerOf = (op: string) => r.graph.usages.filter((u) => `${u.resource}.${u.operation}` === op).map((u) => u.handler);
  expect(handlerOf("data.getByLabel")).toEqual(["route:GET /tasks"]);
  expect(handlerOf("data.set")).toEqual(["route:POST /tasks"]);
  expect(handlerOf("events.publish")).toEqual(["route:POST /tasks"]);
  expect(handlerOf("data.query")).toEqual(["route:GET /audit"]);
});

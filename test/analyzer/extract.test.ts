/**
 * One table per SDK area: source in, the resources and usages it yields out.
 */
import type { AnalyzeResult } from "../../src/analyzer";
import type { Resource, Usage } from "../../src/graph";
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

function resource(r: AnalyzeResult, id: string): Resource | undefined {
  return r.graph.resources.find((x) => x.id === id);
}
/** Usages without locations: `handler resource.operation scope`. */
function usages(r: AnalyzeResult): string[] {
  return r.graph.usages.map((u: Usage) => `${u.handler} ${u.resource}.${u.operation} ${JSON.stringify(u.scope)}`);
}
const app = (body: string): Record<string, string> => ({
  "index.ts": `import { api, data, schedule, storage, events, params, http, logs } from "iac";\n${body}`,
});

describe("schedule", () => {
  test.each([
    [`schedule.every("5 minutes", async () => {});`, "schedule:rate(5 minutes)", "rate(5 minutes)", "5 minutes"],
    [`schedule.every("1 minutes", async () => {});`, "schedule:rate(1 minute)", "rate(1 minute)", "1 minutes"],
    [`schedule.rate("2 hours", async () => {});`, "schedule:rate(2 hours)", "rate(2 hours)", "2 hours"],
    [`schedule.cron("0 0 ? * tue *", async () => {});`, "schedule:cron(0 0 ? * TUE *)", "cron(0 0 ? * TUE *)", "0 0 ? * tue *"],
    [`const EVERY = "1 day";\nschedule.every(EVERY, { timeout: 120000 }, async () => {});`, "schedule:rate(1 day)", "rate(1 day)", "1 day"],
  ])("%s", (src, id, expression, source) => {
    const r = analyzeFiles(app(src));
    expect(r.diagnostics).toEqual([]);
    expect(resource(r, id)).toMatchObject({ kind: "schedule", expression, source, handler: id });
    expect(r.graph.handlers.find((h) => h.id === id)?.kind).toBe("schedule");
  });

  test("two schedules with one expression get #2 and share a function", () => {
    const r = analyzeFiles(app(`schedule.every("1 hour", () => {});\nschedule.every("60 minutes", () => {});\nschedule.every("1 hours", () => {});`));
    expect(r.graph.resources.map((x) => x.id)).toEqual(["schedule:rate(1 hour)", "schedule:rate(1 hour)#2", "schedule:rate(60 minutes)"]);
    expect(r.graph.functions.map((f) => [f.id, f.handlers])).toEqual([
      ["schedule-rate-1-hour", ["schedule:rate(1 hour)", "schedule:rate(1 hour)#2"]],
      ["schedule-rate-60-minutes", ["schedule:rate(60 minutes)"]],
    ]);
  });
});

describe("data", () => {
  test.each([
    [`data.get("config")`, `data.get {"collections":[""]}`],
    [`data.get("todo:1")`, `data.get {"collections":["todo"]}`],
    ["data.get(`todo:${id}`)", `data.get {"collections":["todo"]}`],
    ["data.get(`todo:${id}`, true)", `data.get {"collections":["todo"]}`],
    [`data.get("todo:*")`, `data.query {"collections":["todo"]}`],
    [`data.get("todo:>a")`, `data.query {"collections":["todo"]}`],
    [`data.get("todo:a|c")`, `data.query {"collections":["todo"]}`],
    ["data.get(`todo:${id}*`)", `data.query {"collections":["todo"]}`],
    [`data.get(id)`, `data.get {}`],
    ["data.get(`${id}:x`)", `data.get {}`],
    [`data.get(["todo:1", "user:2"])`, `data.get {"collections":["todo","user"]}`],
    [`data.get(["todo:1", id])`, `data.get {}`],
    // A label query's collections are the namespaces of the label values it reads (the index's partitions).
    [`data.get("open:*", { label: "label2" })`, `data.getByLabel {"collections":["open"],"labels":["label2"]}`],
    [`data.getByLabel("label1", "status:open:*")`, `data.getByLabel {"collections":["status"],"labels":["label1"]}`],
    ['data.getByLabel("label1", `status:${id}:*`, { limit: 10, reverse: true })', `data.getByLabel {"collections":["status"],"labels":["label1"]}`],
    [`data.getByLabel("label1", "open")`, `data.getByLabel {"collections":[""],"labels":["label1"]}`],
    [`data.getByLabel("label1", id)`, `data.getByLabel {"labels":["label1"]}`],
    [`data.set("todo:1", {}, { label1: "status:open", label3: "x", ttl: 60 })`, `data.set {"collections":["todo"],"labels":["label1","label3"]}`],
    [
      `data.set([{ key: "a:1", value: 1, label2: "x" }, { key: "b:1", value: 2 }], { overwrite: true })`,
      `data.set {"collections":["a","b"],"labels":["label2"]}`,
    ],
    [`data.remove(["todo:1", "todo:2"])`, `data.remove {"collections":["todo"]}`],
    [`data.add("counter:views", 1)`, `data.add {"collections":["counter"]}`],
    [`data.add("stats:x", "hits", 1)`, `data.add {"collections":["stats"]}`],
    [`data.seed("data.json")`, `data.seed {}`],
    ["const KEY = `cfg:${'main'}`;\n  data.get(KEY)", `data.get {"collections":["cfg"]}`],
  ])("%s", (call, expected) => {
    const r = analyzeFiles(app(`const id = String(Math.random());\napi.get("/x", async () => {\n  ${call};\n});`));
    expect(r.diagnostics).toEqual([]);
    expect(usages(r)).toEqual([`route:GET /x ${expected}`]);
  });

  // A `start` key is looked up on the table (the index continues after that item's label value): a get of that key.
  test.each([
    [`data.getByLabel("label1", "status:open:*", { start: "todo:5" })`, `data.get {"collections":["todo"]}`],
    [`data.getByLabel("label1", "status:open:*", { start: id })`, `data.get {}`],
    [`data.get("status:open:*", { label: "label1", start: id })`, `data.get {}`],
    [`const start = "todo:5";\n  data.getByLabel("label1", "status:open:*", { start })`, `data.get {"collections":["todo"]}`],
    [`data.getByLabel("label1", "status:open:*", { ...opts })`, `data.get {}`],
    [`data.getByLabel("label1", "status:open:*", opts)`, `data.get {}`],
  ])("%s", (call, expected) => {
    const r = analyzeFiles(app(`const id = String(Math.random());\nconst opts = JSON.parse("{}");\napi.get("/x", async () => {\n  ${call};\n});`));
    expect(r.diagnostics).toEqual([]);
    expect(usages(r).sort()).toEqual([`route:GET /x data.getByLabel {"collections":["status"],"labels":["label1"]}`, `route:GET /x ${expected}`].sort());
  });

  test("the data resource collects collections and labels", () => {
    const r = analyzeFiles(
      app(
        `api.get("/x", async () => { await data.get("todo:*"); await data.set("user:1", {}, { label2: "a" }); await data.getByLabel("label1", "x"); await data.get("plain"); });`,
      ),
    );
    expect(resource(r, "data")).toMatchObject({ labels: ["label1", "label2"], collections: ["todo", "user"], stream: false });
  });

  test.each([
    [`data.on("created", h)`, "data-listener:created", { events: ["created"] }],
    [`data.on("*", h)`, "data-listener:*", { events: ["created", "deleted", "updated"] }],
    [`data.on("updated:todo:*", h)`, "data-listener:updated:todo:*", { events: ["updated"], namespace: "todo" }],
    [`data.on("deleted:todo:abc*", h)`, "data-listener:deleted:todo:abc*", { events: ["deleted"], namespace: "todo", key: "abc*" }],
    [`data.on("created:user_*", h)`, "data-listener:created:user_*", { events: ["created"], key: "user_*" }],
    [
      `data.on(["created:todo:*", "updated:todo:*"], { timeout: 30000 }, h)`,
      "data-listener:created:todo:*,updated:todo:*",
      { events: ["created", "updated"], namespace: "todo", timeoutMs: 30000 },
    ],
  ])("%s", (src, id, expected) => {
    const r = analyzeFiles(app(`const h = async () => {};\n${src};`));
    expect(r.diagnostics).toEqual([]);
    expect(resource(r, id)).toEqual({ kind: "data-listener", id, handler: id, location: { file: "index.ts", line: 3, column: 1 }, ...expected });
    expect(resource(r, "data")).toMatchObject({ stream: true });
    expect(r.graph.functions.map((f) => f.id)).toEqual(["data-listeners"]);
  });
});

describe("storage", () => {
  test.each([
    [`storage.write("uploads/a.png", buf)`, `storage.write {"prefixes":["uploads/a.png"]}`, false],
    ["storage.write(`/uploads/${id}`, buf)", `storage.write {"prefixes":["uploads/"]}`, false],
    ["storage.write(`public/${id}`, buf)", `storage.write {"prefixes":["public/"]}`, true],
    [`storage.write(id, buf)`, `storage.write {}`, true],
    [`storage.read("a/b")`, `storage.read {"prefixes":["a/b"]}`, false],
    [`storage.readBuffer("a/b")`, `storage.read {"prefixes":["a/b"]}`, false],
    [`storage.exists("x")`, `storage.exists {"prefixes":["x"]}`, false],
    [`storage.stat("x")`, `storage.stat {"prefixes":["x"]}`, false],
    [`storage.list("dir", { recursive: true })`, `storage.list {"prefixes":["dir"]}`, false],
    [`storage.remove("x")`, `storage.remove {"prefixes":["x"]}`, false],
    [`storage.copy("in/a", "out")`, `storage.copy {"prefixes":["in/a","out"]}`, false],
    [`storage.move("in/a", "public")`, `storage.move {"prefixes":["in/a","public"]}`, true],
    [`storage.getDownloadUrl("x", 60)`, `storage.getDownloadUrl {"prefixes":["x"]}`, false],
    [`storage.getUploadUrl("inbox/x")`, `storage.getUploadUrl {"prefixes":["inbox/x"]}`, false],
  ])("%s", (call, expected, isPublic) => {
    const r = analyzeFiles(app(`const id = String(Math.random()); const buf = Buffer.from("");\napi.post("/x", async () => { await ${call}; });`));
    expect(r.diagnostics).toEqual([]);
    expect(usages(r)).toEqual([`route:POST /x ${expected}`]);
    expect(resource(r, "storage")).toMatchObject({ public: isPublic });
  });

  test.each([
    [`storage.on("write:uploads/*", h)`, "storage-listener:write:uploads/*", ["write"], "uploads/*"],
    [`storage.on("remove:**/*.png", h)`, "storage-listener:remove:**/*.png", ["remove"], "**/*.png"],
    [`storage.on("*", h)`, "storage-listener:*", ["remove", "write"], "**"],
    [`storage.on("write", h)`, "storage-listener:write", ["write"], "**"],
  ])("%s", (src, id, evs, glob) => {
    const r = analyzeFiles(app(`const h = async () => {};\n${src};`));
    expect(r.diagnostics).toEqual([]);
    expect(resource(r, id)).toMatchObject({ kind: "storage-listener", events: evs, glob, handler: id });
    expect(r.graph.functions.map((f) => f.id)).toEqual(["storage-listeners"]);
  });
});

describe("events", () => {
  test("publish, delayed publish and subscriptions", () => {
    const r = analyzeFiles(
      app(
        `api.post("/x", async () => {\n  await events.publish("order.created", { id: 1 });\n  await events.publish("order.remind", { after: "1 day" }, { id: 1 });\n});\nevents.on("order.created", async () => {});\nevents.on("order.created", { timeout: 5000 }, async () => {});`,
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(usages(r)).toEqual([`route:POST /x events.publish {"names":["order.created"]}`, `route:POST /x events.publishDelayed {"names":["order.remind"]}`]);
    expect(resource(r, "events")).toMatchObject({ published: ["order.created", "order.remind"], delayed: true });
    expect(r.graph.resources.filter((x) => x.kind === "event-subscription").map((x) => x.id)).toEqual(["event:order.created", "event:order.created#2"]);
    expect(r.graph.functions.find((f) => f.id === "events-order-created")?.handlers).toEqual(["event:order.created", "event:order.created#2"]);
  });
});

describe("params", () => {
  test("names read, reserved excluded from the resource, computed reads make it dynamic", () => {
    const r = analyzeFiles(
      app(
        `api.get("/x", async () => {\n  const key = params.API_KEY;\n  const { DB_URL, SECRET: s } = params;\n  return [key, DB_URL, s, params["TOKEN"], params.CLOUD_URL];\n});`,
      ),
    );
    expect(resource(r, "params")).toMatchObject({ names: ["API_KEY", "DB_URL", "SECRET", "TOKEN"], dynamic: false });
    expect(usages(r).map((u) => u.split(" ").pop())).toEqual([
      '{"names":["API_KEY"]}',
      '{"names":["DB_URL"]}',
      '{"names":["SECRET"]}',
      '{"names":["TOKEN"]}',
      '{"names":["CLOUD_URL"]}',
    ]);
  });

  test("params[x] is dynamic, with a warning", () => {
    const r = analyzeFiles(app(`api.get("/x", async (req: { query: { n: string } }) => params[req.query.n]);`));
    expect(resource(r, "params")).toMatchObject({ names: [], dynamic: true });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC5004"]);
  });
});

describe("http", () => {
  test.each([
    [`import express from "express";\nconst app = express();\napp.get("/", (req, res) => res.end());\nhttp.use(app);`, "express"],
    [`import Koa = require("koa");\nconst app = new Koa();\nhttp.use(app.callback());`, "koa"],
    [`const connect = require("connect");\nhttp.use(connect());`, "connect"],
    [`http.use((req: unknown, res: { end(): void }) => res.end());`, "unknown"],
  ])("%s", (src, framework) => {
    const r = analyzeFiles(app(src));
    expect(r.diagnostics).toEqual([]);
    expect(resource(r, "http")).toMatchObject({ mount: { handler: "http", framework } });
    expect(r.graph.handlers.map((h) => [h.id, h.kind])).toEqual([["http", "http-app"]]);
    expect(r.graph.functions.map((f) => f.id)).toEqual(["http"]);
  });

  test("http.on(404, file) with the file in static/", () => {
    const r = analyzeFiles({ ...app(`http.on(404, "index.html");`), "static/index.html": "<h1>hi</h1>" });
    expect(r.diagnostics).toEqual([]);
    expect(resource(r, "http")).toMatchObject({ notFound: { file: "index.html" } });
  });
});

describe("logs and static", () => {
  test.each([
    [`logs.retain(30, "days")`, 30, []],
    [`logs.retain(2, "weeks")`, 14, []],
    [`logs.retain(1, "year")`, 365, []],
    [`logs.retain(10, "days")`, 14, ["IAC5022"]],
  ])("%s", (src, days, expectedCodes) => {
    const r = analyzeFiles(app(src));
    expect(r.graph.app.logRetentionDays).toBe(days);
    expect(r.diagnostics.map((d) => d.code)).toEqual(expectedCodes);
  });

  test("static files with size and sha256, hidden files skipped", () => {
    const r = analyzeFiles({ ...app(""), "static/index.html": "hello", "static/css/site.css": "", "static/.DS_Store": "x" });
    expect(resource(r, "static")).toEqual({
      kind: "static",
      id: "static",
      location: { file: "static", line: 1, column: 1 },
      files: [
        { path: "css/site.css", size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { path: "index.html", size: 5, sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
      ],
    });
  });
});

describe("app info", () => {
  test("name from package.json (scope stripped), entry from main, language and format", () => {
    const r = analyzeFiles({
      "package.json": JSON.stringify({ name: "@acme/My_App", main: "src/server.js" }),
      "src/server.js": `const { api } = require("iac");\napi.get("/", () => 1);`,
    });
    expect(r.graph.app).toEqual({ name: "my-app", entry: "src/server.js", language: "js", moduleFormat: "cjs" });
  });

  test("main pointing at built output falls back to the TypeScript source beside it", () => {
    const r = analyzeFiles({
      "package.json": JSON.stringify({ name: "x", main: "src/index.js" }),
      "src/index.ts": `import { api } from "iac";\napi.get("/", () => 1);`,
    });
    expect(r.graph.app).toMatchObject({ entry: "src/index.ts", language: "ts", moduleFormat: "esm" });
  });

  test("the app's own tsconfig paths are honoured", () => {
    const r = analyzeFiles({
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@lib/*": ["src/lib/*"] } } }),
      "index.ts": `import { setup } from "@lib/setup";\nsetup();`,
      "src/lib/setup.ts": `import { api } from "iac";\nexport function setup() { api.get("/aliased", () => 1); }`,
    });
    expect(r.graph.handlers.map((h) => h.id)).toEqual(["route:GET /aliased"]);
  });
});

/**
 * The SDK as a value, followed where the app's own code makes it a static
 * fact: through parameters (the app's callers are all known), constructor
 * fields, destructuring, object properties and what factories return. Each
 * pattern's routes, tables and permissions are found, attributed to the
 * handlers that reach them, and nothing is diagnosed. What is not followed
 * is in escape.test.ts; code nothing calls is granted nothing.
 */
import type { AnalyzeResult } from "../../src/analyzer";
import { APP_HANDLER } from "../../src/graph";
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

/** `handler resource.operation scope` for every usage, sorted. */
function usages(r: AnalyzeResult): string[] {
  return r.graph.usages.map((u) => `${u.handler} ${u.resource}.${u.operation}${Object.keys(u.scope).length ? ` ${JSON.stringify(u.scope)}` : ""}`).sort();
}

function routes(r: AnalyzeResult): string[] {
  const api = r.graph.resources.find((x) => x.kind === "api");
  return api?.kind === "api" ? api.routes.map((x) => `${x.method} ${x.path}`) : [];
}

function codes(r: AnalyzeResult): string[] {
  return r.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`);
}

test('a factory handed data (`makeRepo(data, "user")`): its methods\' calls go to the routes that call them', () => {
  const r = analyzeFiles({
    "index.js": [
      'import { api, data } from "@serverless/cloud";',
      'import { makeRepo } from "./repo.js";',
      'const users = makeRepo(data, "user");',
      'api.get("/users/:id", async (req, res) => res.json(await users.find(req.params.id)));',
      'api.put("/users/:id", async (req, res) => res.json(await users.save(req.params.id, req.body)));',
      "",
    ].join("\n"),
    "repo.js": [
      "export function makeRepo(db, prefix) {",
      "  return {",
      "    find: (id) => db.get(`${prefix}:${id}`),",
      "    save(id, value) { return db.set(`${prefix}:${id}`, value); },",
      "  };",
      "}",
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual([]);
  expect(r.graph.resources.some((x) => x.kind === "data")).toBe(true);
  // The prefix is a parameter: a caller we cannot see may pass another, so the key is not narrowed.
  expect(usages(r)).toEqual(["route:GET /users/:id data.get", "route:PUT /users/:id data.set"]);
});

test("a repository class handed data in its constructor (`this.db = db`), in JavaScript", () => {
  const r = analyzeFiles({
    "index.js": [
      'import { api, data } from "@serverless/cloud";',
      'import { NoteRepo } from "./repo.js";',
      "const notes = new NoteRepo(data);",
      'api.get("/notes", async (req, res) => res.json(await notes.list()));',
      "",
    ].join("\n"),
    "repo.js": 'export class NoteRepo {\n  constructor(db) { this.db = db; }\n  list() { return this.db.getByLabel("label1", "note:*"); }\n}\n',
  });
  expect(codes(r)).toEqual([]);
  expect(r.graph.resources.find((x) => x.kind === "data")).toMatchObject({ labels: ["label1"] });
  expect(usages(r)).toEqual(['route:GET /notes data.getByLabel {"collections":["note"],"labels":["label1"]}']);
});

test("a TypeScript parameter property, and a subclass that passes data to super()", () => {
  const r = analyzeFiles({
    "index.ts": [
      'import { api, data, storage } from "iac";',
      'import { Photos } from "./photos";',
      "const photos = new Photos(data, storage);",
      'api.get("/photos/:id", async (req, res) => res.json(await photos.find(req.params.id)));',
      'api.delete("/photos/:id", async (req, res) => res.json(await photos.drop(req.params.id)));',
      "",
    ].join("\n"),
    "photos.ts": [
      'import type { data as Data, storage as Storage } from "iac";',
      "class Repo {",
      "  constructor(protected readonly db: typeof Data) {}",
      "  find(id: string) { return this.db.get(`photo:${id}`); }",
      "}",
      "export class Photos extends Repo {",
      "  private files: typeof Storage;",
      "  constructor(db: typeof Data, files: typeof Storage) {",
      "    super(db);",
      "    this.files = files;",
      "  }",
      "  async drop(id: string) {",
      "    await this.files.remove(`photos/${id}`);",
      "    return this.db.remove(`photo:${id}`);",
      "  }",
      "}",
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual([]);
  expect(usages(r)).toEqual([
    'route:DELETE /photos/:id data.remove {"collections":["photo"]}',
    'route:DELETE /photos/:id storage.remove {"prefixes":["photos/"]}',
    'route:GET /photos/:id data.get {"collections":["photo"]}',
  ]);
});

test("api handed to route modules, two levels deep (`registerRoutes(api)`): every route found, in order", () => {
  const r = analyzeFiles({
    "index.ts": [
      'import { api } from "iac";',
      'import { registerRoutes } from "./routes";',
      "registerRoutes(api);",
      'api.get("/health", (req, res) => res.send("ok"));',
      "",
    ].join("\n"),
    "routes/index.ts": [
      'import type { api as Api } from "iac";',
      'import users from "./users";',
      "export function registerRoutes(app: typeof Api) {",
      '  app.get("/", (req, res) => res.send("home"));',
      "  users(app);",
      "}",
      "",
    ].join("\n"),
    "routes/users.ts": [
      'import { data, type api as Api } from "iac";',
      "export default (router: typeof Api) => {",
      '  router.get("/users", async (req, res) => res.json(await data.get("user:*")));',
      '  router.post("/users", async (req, res) => res.json(await data.set(`user:${req.body.id}`, req.body)));',
      "};",
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual([]);
  expect(routes(r)).toEqual(["GET /", "GET /users", "POST /users", "GET /health"]);
  expect(usages(r)).toEqual(['route:GET /users data.query {"collections":["user"]}', 'route:POST /users data.set {"collections":["user"]}']);
});

test("the SDK in an object parameter, destructured (`setup({ api, schedule })`), and schedule handed to a helper", () => {
  const r = analyzeFiles({
    "index.js": [
      'const cloud = require("@serverless/cloud");',
      'const { setup } = require("./setup");',
      "setup({ api: cloud.api, schedule: cloud.schedule, data: cloud.data });",
      "",
    ].join("\n"),
    "setup.js": [
      "function jobs(s, db) {",
      '  s.every("1 hour", async () => { await db.remove("tmp:*"); });',
      "}",
      "exports.setup = ({ api, schedule, data }) => {",
      '  api.get("/items", async (req, res) => res.json(await data.get("item:*")));',
      "  jobs(schedule, data);",
      "};",
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual([]);
  expect(routes(r)).toEqual(["GET /items"]);
  expect(r.graph.resources.find((x) => x.kind === "schedule")).toBeDefined();
  expect(usages(r)).toEqual(['route:GET /items data.query {"collections":["item"]}', 'schedule:rate(1 hour) data.remove {"collections":["tmp"]}']);
});

test("methods destructured off data, an object property holding data, and an instance handed to a helper", () => {
  const r = analyzeFiles({
    "index.ts": [
      'import { api, data } from "iac";',
      "const { get } = data;",
      "const deps = { db: data };",
      "class Audit { log(what: string) { return deps.db.set(`audit:${Date.now()}`, what); } }",
      "function record(audit: Audit, what: string) { return audit.log(what); }",
      'api.get("/a", async (req, res) => res.json(await get("a:1")));',
      'api.post("/b", async (req, res) => res.json(await record(new Audit(), "b")));',
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual([]);
  expect(usages(r)).toEqual(['route:GET /a data.get {"collections":["a"]}', 'route:POST /b data.set {"collections":["audit"]}']);
});

test("one parameter handed two different interfaces: not followed, diagnosed at each call, everything assumed", () => {
  const r = analyzeFiles({
    "index.js": [
      'import { api, data, storage } from "@serverless/cloud";',
      "function wipe(store) { return store.remove('x'); }",
      'api.delete("/a", async (req, res) => res.json(await wipe(data)));',
      'api.delete("/b", async (req, res) => res.json(await wipe(storage)));',
      "",
    ].join("\n"),
  });
  expect(codes(r)).toEqual(["IAC6102 index.js:3", "IAC6102 index.js:4"]);
  expect(usages(r)).toEqual(expect.arrayContaining([`${APP_HANDLER} data.remove`, `${APP_HANDLER} storage.remove`]));
});

describe("code nothing calls grants nothing", () => {
  test("an unused helper and a helper only it calls: no permission, an info that says why", () => {
    const r = analyzeFiles({
      "index.ts": [
        'import { api, data, storage } from "iac";',
        'async function purge() { await data.remove("user:1"); await wipeFiles(); }',
        'const wipeFiles = () => storage.remove("avatars/1");',
        'api.get("/users", async (req, res) => res.json(await data.get("user:*")));',
        "",
      ].join("\n"),
    });
    expect(usages(r)).toEqual(['route:GET /users data.query {"collections":["user"]}']);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location?.line])).toEqual([
      ["IAC6103", "info", 2],
      ["IAC6103", "info", 3],
    ]);
    expect(r.diagnostics[0].message).toBe("data.remove is in code that nothing in the app calls, so no function is granted it");
  });

  test("a deleted route's leftover handler module, and an unused class method", () => {
    const r = analyzeFiles({
      "index.ts": [
        'import { api } from "iac";',
        'import { Repo } from "./repo";',
        'import "./old";',
        "const repo = new Repo();",
        'api.get("/x", async (req, res) => res.json(await repo.load()));',
        "",
      ].join("\n"),
      "old.ts":
        'import { events } from "iac";\nexport async function oldHandler(req: unknown, res: { send(x: unknown): void }) { res.send(await events.publish("gone", {})); }\n',
      "repo.ts": 'import { data } from "iac";\nexport class Repo {\n  load() { return data.get("x:1"); }\n  unused() { return data.set("x:1", 1); }\n}\n',
    });
    expect(usages(r)).toEqual(['route:GET /x data.get {"collections":["x"]}']);
    expect(r.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`)).toEqual(["IAC6103 old.ts:2", "IAC6103 repo.ts:4"]);
  });

  test("a function picked from an object by a computed key is referred to, so every function is granted it, naming where", () => {
    const r = analyzeFiles({
      "index.ts": [
        'import { api, storage } from "iac";',
        'const actions: Record<string, () => unknown> = { read: () => storage.read("x") };',
        'api.get("/:name", (req: { params: { name: string } }) => actions[req.params.name]());',
        "",
      ].join("\n"),
    });
    expect(usages(r)).toEqual([`${APP_HANDLER} storage.read {"prefixes":["x"]}`]);
    const d = r.diagnostics.find((x) => x.code === "IAC6101");
    expect(d).toMatchObject({ severity: "warning", location: { file: "index.ts", line: 2 }, related: [{ location: { file: "index.ts", line: 3 } }] });
  });
});

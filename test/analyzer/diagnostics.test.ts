/**
 * Each diagnostic the analyzer raises: code, severity, location and hint.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeApp } from "../../src/analyzer";
import type { Diagnostic } from "../../src/graph";
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

const app = (body: string): Record<string, string> => ({
  "index.ts": `import { api, data, schedule, storage, events, params, http, logs } from "iac";\nconst h = async () => {};\n${body}`,
});

const cases: [string, string, Partial<Diagnostic>][] = [
  ["route path not static", "const p = String(1);\napi.get(p, h);", { code: "IAC1001", severity: "error", location: { file: "index.ts", line: 4, column: 9 } }],
  ["route path from a template with a variable", "const v = String(1);\napi.get(`/x/${v}`, h);", { code: "IAC1001", severity: "error" }],
  ["route path without a leading slash", `api.get("users", h);`, { code: "IAC1003", severity: "warning", hint: 'did you mean "/users"?' }],
  ["route without a handler", `api.get("/x", { timeout: 1000 });`, { code: "IAC1004", severity: "error" }],
  ["api.use path not static", "const p = String(1);\napi.use(`${p}/x`, h);", { code: "IAC1005", severity: "error" }],
  ["route timeout not static", 'const t = Number(1);\napi.get("/x", { timeout: t }, h);', { code: "IAC1006", severity: "warning" }],
  ["route timeout above 29 s", `api.get("/x", { timeout: 60000 }, h);`, { code: "IAC1007", severity: "warning" }],
  [
    "http.use twice",
    `http.use(h);\nhttp.use(h);`,
    { code: "IAC1011", severity: "error", related: [{ message: "first mounted here", location: { file: "index.ts", line: 3, column: 1 } }] },
  ],
  ["http.on with another status", `http.on(500, "500.html");`, { code: "IAC1012", severity: "error" }],
  ["http.on file missing", `http.on(404, "index.html");`, { code: "IAC1013", severity: "warning" }],
  ["schedule expression not static", "const e = String(1);\nschedule.every(e, h);", { code: "IAC2001", severity: "error" }],
  [
    "invalid rate",
    `schedule.every("5 minuts", h);`,
    { code: "IAC2002", severity: "error", hint: 'did you mean "5 minutes"?', location: { file: "index.ts", line: 3, column: 16 } },
  ],
  ["invalid cron", `schedule.cron("0 25 ? * * *", h);`, { code: "IAC2003", severity: "error" }],
  ["five-field cron", `schedule.cron("0 9 * * MON", h);`, { code: "IAC2003", severity: "error", hint: 'did you mean "0 9 ? * MON *"?' }],
  ["* in both cron day fields", `schedule.cron("0 0 * * * *", h);`, { code: "IAC2004", severity: "error", hint: 'did you mean "0 0 * * ? *"?' }],
  ["schedule without a handler", `schedule.every("1 hour", { timeout: 1000 });`, { code: "IAC2005", severity: "error" }],
  ["schedule timeout above 300 s", `schedule.every("1 hour", { timeout: 600000 }, h);`, { code: "IAC2007", severity: "warning" }],
  ["label outside label1..label5 (option)", `api.get("/x", () => data.set("a:1", 1, { label6: "x" }));`, { code: "IAC3001", severity: "error" }],
  ["label outside label1..label5 (getByLabel)", `api.get("/x", () => data.getByLabel("status", "open:*"));`, { code: "IAC3001", severity: "error" }],
  ["label outside label1..label5 (get with label)", `api.get("/x", () => data.get("open:*", { label: "label0" }));`, { code: "IAC3001", severity: "error" }],
  ["label name not static", 'const l = String(1);\napi.get("/x", () => data.getByLabel(l, "open:*"));', { code: "IAC3002", severity: "warning" }],
  ["invalid data.on event", `data.on("create:todo:*", h);`, { code: "IAC3003", severity: "error", hint: 'did you mean "created"?' }],
  ["data.on event not static", "const e = String(1);\ndata.on(e, h);", { code: "IAC3004", severity: "error" }],
  ["data.on without handler", `data.on("created");`, { code: "IAC3005", severity: "error" }],
  ["invalid storage.on event", `storage.on("put:x/*", h);`, { code: "IAC4001", severity: "error" }],
  ["storage.on without handler", `storage.on("write:x/*");`, { code: "IAC4002", severity: "error" }],
  ["events.on name not static", "const n = String(1);\nevents.on(n, h);", { code: "IAC5001", severity: "error" }],
  ["events.on without handler", `events.on("x");`, { code: "IAC5002", severity: "error" }],
  ["events.publish name not static", 'const n = String(1);\napi.get("/x", () => events.publish(n, {}));', { code: "IAC5003", severity: "warning" }],
  ["computed param name", 'const n = String(1);\napi.get("/x", () => params[n]);', { code: "IAC5004", severity: "warning" }],
  ["logs.retain with a bad unit", `logs.retain(3, "fortnights");`, { code: "IAC5021", severity: "error" }],
  ["logs.retain twice", `logs.retain(30, "days");\nlogs.retain(60, "days");`, { code: "IAC5023", severity: "warning" }],
  [
    "unattributable call (a function picked from an object by a computed key)",
    `const ops: Record<string, () => unknown> = { load: () => data.get("a:1") };\napi.get("/x", (req: { query: { op: string } }) => ops[req.query.op]());`,
    { code: "IAC6101", severity: "warning" },
  ],
  ["an SDK call in code nothing calls", `function unused() { return data.get("a:1"); }\napi.get("/x", () => "x");`, { code: "IAC6103", severity: "info" }],
  ["syntax error", `api.get("/x", h;`, { code: "IAC8002", severity: "error", location: { file: "index.ts", line: 3, column: 16 } }],
];

test.each(cases)("%s", (_name, body, expected) => {
  const r = analyzeFiles(app(body));
  expect(r.diagnostics).toEqual([expect.objectContaining(expected)]);
  const d = r.diagnostics[0];
  expect(d.message.length).toBeGreaterThan(10);
  if (d.severity === "error" || d.code.startsWith("IAC1") || d.code.startsWith("IAC2")) expect(d.location?.file).toBe("index.ts");
});

describe("entry resolution", () => {
  test("no entry: IAC8001 and an empty graph, no throw", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-empty-"));
    const r = analyzeApp(dir);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC8001"]);
    expect(r.graph.resources).toEqual([]);
    expect(r.graph.version).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });

  test("a directory that does not exist: IAC8001, no throw", () => {
    const r = analyzeApp(path.join(os.tmpdir(), "iac-does-not-exist-here"));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC8001"]);
  });

  test("main pointing nowhere with no index: IAC8001 at package.json", () => {
    const r = analyzeFiles({ "package.json": JSON.stringify({ main: "server.js" }) });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "IAC8001", location: { file: "package.json", line: 1, column: 1 } })]);
  });

  test("main pointing nowhere with an index.ts: warning and the index is used", () => {
    const r = analyzeFiles({ "package.json": JSON.stringify({ main: "dist/server.js" }), "index.ts": `import { api } from "iac";\napi.get("/", () => 1);` });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC8005"]);
    expect(r.graph.app.entry).toBe("index.ts");
  });

  test("broken package.json and tsconfig are reported, analysis goes on", () => {
    const r = analyzeFiles({
      "package.json": "{ nope",
      "tsconfig.json": '{ "compilerOptions": { "target": 42 } }',
      "index.ts": `import { api } from "iac";\napi.get("/", () => 1);`,
    });
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(["IAC8003", "IAC8006"]);
    expect(r.graph.handlers.map((h) => h.id)).toEqual(["route:GET /"]);
  });

  test("weird code does not crash the analyzer", () => {
    const r = analyzeFiles({
      "index.ts": `import * as cloud from "iac";\nconst { api, ...rest } = cloud;\nconst [a] = [api];\n(cloud as any)[Symbol.iterator];\nlet x = api; x = rest as any;\napi.get(...(["/x", () => 1] as const));\nfunction f(): any { return f()()(); }\nconst o = { ...o2 }; const o2 = { ...o };\nexport default class extends Object {}\nrest.data.get(o.data);`,
    });
    expect(r.graph.version).toBe(1);
  });
});

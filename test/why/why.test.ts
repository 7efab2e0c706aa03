/**
 * `why(graph, query)` on the todo example: permissions, functions, labels,
 * resources and collections answered with the source locations in the
 * graph (SDK call, helper chain, route); and `iac why` spawned for real.
 */
import * as path from "path";
import { analyze, why, type WhyAnswer } from "../../src/compiler";
import type { AppGraph } from "../../src/graph";
import { runCli } from "../support/iac-cli";

const TODO = path.join(__dirname, "..", "..", "examples", "todo");
let graph: AppGraph;

beforeAll(async () => {
  graph = (await analyze(TODO)).graph;
});

function answer(query: string, fn?: string): WhyAnswer {
  const r = why(graph, query, { function: fn });
  if (!r.ok) throw new Error(r.message);
  return r.answer;
}

const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;

test("data:write --function http: the data.set and data.remove calls, through which helper, from which route", () => {
  const a = answer("data:write", "http");
  expect(a.kind).toBe("permission");
  expect(a.reasons.map((r) => [at(r.location), r.what, r.via.map(at), r.handler?.title, r.function])).toEqual([
    ["src/todos.ts:79:9", 'data.set on collection "todo"; label label1', ["index.ts:16:22"], "POST /todos/:id", "http"],
    ["src/todos.ts:89:9", 'data.remove on collection "todo"', ["index.ts:22:9"], "DELETE /todos/:id", "http"],
  ]);
  expect(a.reasons[0].actions).toEqual(["dynamodb:PutItem", "dynamodb:UpdateItem"]);
});

test("a read-only function has no reason to write", () => {
  const a = answer("data:write", "schedule-rate-60-minutes");
  expect(a.reasons).toEqual([]);
  expect(a.summary).toContain("does not allow it");
});

test("an IAM action and an operation name select the same calls", () => {
  expect(answer("dynamodb:DeleteItem").reasons.map((r) => at(r.location))).toEqual(["src/todos.ts:89:9"]);
  expect(answer("data.remove").reasons.map((r) => at(r.location))).toEqual(["src/todos.ts:89:9"]);
});

test("a function: the registration that made it, and the calls behind its permissions", () => {
  const a = answer("schedule-rate-60-minutes");
  expect(a.reasons.map((r) => [at(r.location), r.what])).toEqual([["index.ts:29:1", "schedule every 60 minutes"]]);
  expect(a.uses?.map((u) => [at(u.location), u.what, u.via.map(at)])).toEqual([
    ["src/todos.ts:94:27", 'data.getByLabel on label label1; namespace "status"', ["src/alerts.ts:5:25"]],
  ]);
});

test("a label index and a collection", () => {
  const label = answer("label1");
  expect(label.kind).toBe("label");
  expect(new Set(label.reasons.map((r) => r.function))).toEqual(new Set(["http", "schedule-rate-60-minutes"]));
  const todo = answer("todo");
  expect(todo.kind).toBe("collection");
  expect(todo.reasons.every((r) => r.what.includes('collection "todo"'))).toBe(true);
  // A label namespace is not a collection: no key of the app is in collection "status".
  const status = why(graph, "status", {});
  expect(status.ok && status.answer.kind).not.toBe("collection");
});

test("the table: every data call, across functions", () => {
  const a = answer("data");
  expect(a.kind).toBe("resource");
  expect(a.reasons.length).toBe(graph.usages.filter((u) => u.resource === "data").length);
});

test("an unknown query is an error with suggestions", () => {
  const r = why(graph, "schedule-rate-60");
  expect(r).toEqual({ ok: false, message: 'nothing in the app is called "schedule-rate-60"', hint: expect.stringContaining('"schedule-rate-60-minutes"') });
  expect(why(graph, "data:write", { function: "htp" }).ok).toBe(false);
});

test("iac why (CLI): text with file:line:col and exit 0; json is the library's answer; unknown query exits 1", () => {
  const text = runCli(["why", "data:write", "examples/todo", "--function", "http"]);
  expect(text.status).toBe(0);
  expect(text.stdout).toContain('src/todos.ts:79:9  data.set on collection "todo"; label label1');
  expect(text.stdout).toContain("reached from POST /todos/:id (index.ts:15:1), function http");
  const json = runCli(["why", "storage", "examples/todo", "--format", "json"]);
  expect(json.status).toBe(1);
  expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
});

describe("a kind by its name or its AWS name", () => {
  const loc = (line: number) => ({ file: "index.ts", line, column: 1 });
  const small: AppGraph = {
    version: 1,
    app: { name: "small", entry: "index.ts", language: "ts", moduleFormat: "cjs" },
    resources: [
      {
        kind: "static",
        id: "static",
        location: loc(1),
        files: [
          { path: "a.html", size: 1, sha256: "0" },
          { path: "b.css", size: 1, sha256: "1" },
        ],
      },
      { kind: "storage", id: "storage", location: loc(2), public: false },
      {
        kind: "storage-listener",
        id: "storage-listener:write:uploads/*",
        events: ["write"],
        glob: "uploads/**",
        handler: "storage-listener:write:uploads/*",
        location: loc(3),
      },
    ],
    handlers: [{ id: "storage-listener:write:uploads/*", kind: "storage-listener", title: "on write uploads/*", location: loc(3) }],
    usages: [
      { handler: "storage-listener:write:uploads/*", resource: "storage", operation: "read", scope: { prefixes: ["uploads/"] }, location: loc(4), via: [] },
    ],
    functions: [{ id: "storage-listeners", kind: "storage-listener", handlers: ["storage-listener:write:uploads/*"], timeoutMs: 30_000 }],
  };
  const ask = (q: string): WhyAnswer => {
    const r = why(small, q);
    if (!r.ok) throw new Error(r.message);
    return r.answer;
  };

  test("bucket is storage: its listeners and its calls", () => {
    const a = ask("bucket");
    expect(a.subject).toBe("an S3 bucket (storage)");
    expect(a.reasons.map((r) => [r.what, at(r.location)])).toEqual([
      ["storage-listener on write uploads/*", "index.ts:3:1"],
      ['storage.read on "uploads/*"', "index.ts:4:1"],
    ]);
    expect(ask("Storage").reasons).toEqual(a.reasons);
  });

  test("static files with nothing registering them exist because the folder holds files", () => {
    const a = ask("static");
    expect(a.subject).toBe("static files on the CDN");
    expect(a.reasons.map((r) => r.what)).toEqual(["static/ holds 2 file(s)"]);
  });

  test("a kind the stage does not have, or a word that is no kind's, is not answered as a kind", () => {
    expect(why(small, "table")).toMatchObject({ ok: false });
    expect(why(small, "toString")).toMatchObject({ ok: false });
  });
});

/**
 * The graph of each example app, as a snapshot reviewed as a diff
 * (`npx jest test/analyzer/examples -u` after an intended change), plus the
 * facts each example exists to show, which must hold whatever the snapshot.
 */
import * as path from "path";
import { analyzeApp } from "../../src/analyzer";
import type { AppGraph, Resource } from "../../src/graph";

const root = path.join(__dirname, "..", "..", "examples");

function byKind<K extends Resource["kind"]>(graph: AppGraph, kind: K): Extract<Resource, { kind: K }>[] {
  return graph.resources.filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

describe.each(["todo", "media", "legacy"])("examples/%s", (name) => {
  const result = analyzeApp(path.join(root, name));

  test("analyses without errors or warnings", () => {
    expect(result.diagnostics).toEqual([]);
  });

  test("graph snapshot", () => {
    expect(JSON.parse(JSON.stringify(result.graph))).toMatchSnapshot();
  });
});

test("todo: routes with params and query, error middleware, a label, an hourly schedule, static files", () => {
  const { graph } = analyzeApp(path.join(root, "todo"));
  const [api] = byKind(graph, "api");
  expect(api.routes.map((r) => r.method)).toEqual(expect.arrayContaining(["GET", "POST", "DELETE"]));
  expect(api.routes.some((r) => r.path.includes(":"))).toBe(true);
  expect(api.middleware.some((m) => m.errorHandler)).toBe(true);
  expect(byKind(graph, "data")[0].labels.length).toBeGreaterThan(0);
  expect(byKind(graph, "schedule").map((s) => s.expression)).toEqual(["rate(60 minutes)"]);
  expect(byKind(graph, "static")[0].files.length).toBeGreaterThan(0);
});

test("media: storage listener, delayed events, data listener, cron, params", () => {
  const { graph } = analyzeApp(path.join(root, "media"));
  expect(byKind(graph, "storage-listener")).toHaveLength(1);
  expect(byKind(graph, "events")[0].delayed).toBe(true);
  expect(byKind(graph, "data")[0].stream).toBe(true);
  expect(byKind(graph, "schedule")[0].expression).toMatch(/^cron\(/);
  expect(byKind(graph, "params")[0].names.length).toBeGreaterThan(0);
  expect(graph.usages.filter((u) => u.handler === "@app")).toEqual([]);
});

test("legacy: CommonJS, @serverless/cloud, an Express app mounted with http.use and a 404 fallback", () => {
  const { graph } = analyzeApp(path.join(root, "legacy"));
  expect(graph.app).toMatchObject({ language: "js", moduleFormat: "cjs" });
  expect(byKind(graph, "http")[0]).toMatchObject({ mount: { framework: "express" }, notFound: { file: "index.html" } });
  expect(byKind(graph, "params")[0].names).toEqual(["API_KEY"]);
  // The Express app's routes run in the mount's handler, not in every function.
  expect(graph.usages.length).toBeGreaterThan(0);
  expect(graph.usages.filter((u) => u.handler !== "http")).toEqual([]);
});

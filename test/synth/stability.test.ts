/**
 * Determinism (same graph → byte-identical template, whatever the output
 * dir) and stateful stability: a series of edits to the app's code (handlers
 * added, renamed, moved between files, deleted) never changes the table's or
 * the bucket's logical ID or key schema, nor the ids of unaffected functions.
 */
import * as fs from "fs";
import type { AppGraph, Route } from "../../src/graph";
import { planFunctions } from "../../src/graph";
import { BUCKET_LOGICAL_ID, TABLE_LOGICAL_ID } from "../../src/synth";
import { loadGraph, synthGraph } from "./helpers";

function edited(edit: (g: AppGraph) => void): AppGraph {
  const g = loadGraph("everything");
  edit(g);
  g.functions = planFunctions(g.resources);
  return g;
}

function api(g: AppGraph): { routes: Route[] } {
  const r = g.resources.find((x) => x.kind === "api");
  if (!r || r.kind !== "api") throw new Error("fixture has no api");
  return r;
}

const EDITS: Record<string, (g: AppGraph) => void> = {
  "a route added": (g) => {
    const routes = api(g).routes;
    routes.push({ ...routes[0], id: "route:GET /health", path: "/health", handler: "route:GET /health", order: 9 });
    g.handlers.push({ id: "route:GET /health", kind: "route", title: "GET /health", location: { file: "src/health.js", line: 1, column: 1 } });
  },
  "a route renamed": (g) => {
    const r = api(g).routes[0];
    r.path = "/purchases";
    r.id = r.handler = "route:GET /purchases";
    for (const u of g.usages) if (u.handler === "route:GET /orders") u.handler = r.id;
  },
  "handlers moved to other files": (g) => {
    for (const r of g.resources) if ("handler" in r) r.location = { file: "src/moved.js", line: 99, column: 3 };
    for (const h of g.handlers) h.location = { file: "src/moved.js", line: 7, column: 1 };
  },
  "schedules and listeners deleted": (g) => {
    g.resources = g.resources.filter((r) => !["schedule", "data-listener", "storage-listener", "event-subscription"].includes(r.kind));
    g.usages = g.usages.filter((u) => u.handler === "@app" || u.handler.startsWith("route:"));
  },
  "everything but one route deleted": (g) => {
    api(g).routes.splice(1);
    g.resources = g.resources.filter((r) => r.kind !== "schedule");
  },
};

describe("determinism", () => {
  test("the same graph builds byte-identical templates and asset manifests in different output dirs", async () => {
    const a = await synthGraph(loadGraph("everything"));
    const b = await synthGraph(loadGraph("everything"));
    expect(a.result.assemblyDir).not.toBe(b.result.assemblyDir);
    expect(b.json).toBe(a.json);
    const assets = (dir: string): string => fs.readFileSync(`${dir}/shop-qa.assets.json`, "utf8");
    expect(assets(b.result.assemblyDir)).toBe(assets(a.result.assemblyDir));
    expect(fs.readdirSync(b.result.assemblyDir).sort()).toEqual(fs.readdirSync(a.result.assemblyDir).sort());
  });
});

describe("stateful stability under code edits", () => {
  let base: Record<string, any>;
  let baseHttpId: string;
  beforeAll(async () => {
    const { template, result } = await synthGraph(loadGraph("everything"));
    base = template.toJSON().Resources;
    baseHttpId = result.functions.find((f) => f.id === "http")?.logicalId ?? "";
  });

  test.each(Object.keys(EDITS))("%s", async (name) => {
    const { template, result } = await synthGraph(edited(EDITS[name]));
    const res = template.toJSON().Resources;
    expect(res[TABLE_LOGICAL_ID].Type).toBe("AWS::DynamoDB::Table");
    expect(res[TABLE_LOGICAL_ID].Properties.KeySchema).toEqual(base[TABLE_LOGICAL_ID].Properties.KeySchema);
    expect(res[TABLE_LOGICAL_ID].Properties.GlobalSecondaryIndexes).toEqual(base[TABLE_LOGICAL_ID].Properties.GlobalSecondaryIndexes);
    expect(res[TABLE_LOGICAL_ID].DeletionPolicy).toBe("Retain");
    expect(res[BUCKET_LOGICAL_ID].Type).toBe("AWS::S3::Bucket");
    expect(res[BUCKET_LOGICAL_ID].DeletionPolicy).toBe("Retain");
    // The HTTP function is the same resource whatever its routes are.
    expect(result.functions.find((f) => f.id === "http")?.logicalId).toBe(baseHttpId);
  });

  test("a pure move of handlers between files changes nothing at all", async () => {
    const { json } = await synthGraph(edited(EDITS["handlers moved to other files"]));
    const { json: baseJson } = await synthGraph(loadGraph("everything"));
    expect(json).toBe(baseJson);
  });
});

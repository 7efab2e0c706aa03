// Loads the hand-written fixture pairs under test/fixtures/diff: one shared
// base (graph + template) and one head per case; a case may carry each
// side's diagnostics (`base.diagnostics.json`, `head.diagnostics.json`).
import * as fs from "fs";
import * as path from "path";
import type { AppGraph, Diagnostic } from "../../src/graph";
import type { InMemorySide, Template } from "../../src/diff";

export const FIXTURES = path.join(__dirname, "..", "fixtures", "diff");
/** Between them every class (safe, permissions, destructive), nothing at all, and each kind of resource detail. */
export const CASES = [
  "route-added",
  "storage-write",
  "collection-read",
  "security-group",
  "label-dropped",
  "storage-removed",
  "app-renamed",
  "timeout-warnings",
  "refactor",
] as const;
export type CaseName = (typeof CASES)[number];

function read<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8"));
}

function diagnostics(file: string): Diagnostic[] {
  return fs.existsSync(path.join(FIXTURES, file)) ? read<Diagnostic[]>(file) : [];
}

/** The shared base; with a case, that case's base diagnostics. */
export function baseSide(name?: CaseName): InMemorySide {
  return {
    graph: read<AppGraph>("base.graph.json"),
    template: read<Template>("base.template.json"),
    label: "base",
    diagnostics: name ? diagnostics(`${name}/base.diagnostics.json`) : [],
  };
}

export function headSide(name: CaseName): InMemorySide {
  return {
    graph: read<AppGraph>(`${name}/head.graph.json`),
    template: read<Template>(`${name}/head.template.json`),
    label: name,
    diagnostics: diagnostics(`${name}/head.diagnostics.json`),
  };
}

/** Writes a side as `iac build` lays it out: `<dir>/graph.json` and the assembly in `<dir>/assembly`. */
export function writeAssembly(dir: string, side: InMemorySide): string {
  const assembly = path.join(dir, "assembly");
  fs.mkdirSync(assembly, { recursive: true });
  fs.writeFileSync(path.join(dir, "graph.json"), JSON.stringify(side.graph, null, 2));
  fs.writeFileSync(path.join(assembly, "todo-prod.template.json"), JSON.stringify(side.template, null, 2));
  fs.writeFileSync(
    path.join(assembly, "manifest.json"),
    JSON.stringify(
      {
        version: "48.0.0",
        artifacts: {
          "todo-prod": {
            type: "aws:cloudformation:stack",
            environment: "aws://unknown-account/unknown-region",
            properties: { templateFile: "todo-prod.template.json" },
          },
        },
      },
      null,
      2,
    ),
  );
  return assembly;
}

/**
 * The small app the git-based tests commit twice (cli-diff-git, workflow):
 * a route that reads items, then the same app with a route that writes
 * photos to storage (new permissions, a new bucket).
 */
export const SHOP_SOURCE = [
  'import { api, data } from "iac";',
  "",
  'api.get("/items", async (req, res) => {',
  '  res.json(await data.get("item:*"));',
  "});",
  "",
].join("\n");
export const SHOP_WITH_PHOTOS_SOURCE = [
  'import { api, data, storage } from "iac";',
  "",
  'api.get("/items", async (req, res) => {',
  '  res.json(await data.get("item:*"));',
  "});",
  "",
  'api.post("/items/:id/photo", async (req, res) => {',
  "  await storage.write(`photos/${req.params.id}.jpg`, req.body);",
  "  res.sendStatus(204);",
  "});",
  "",
].join("\n");

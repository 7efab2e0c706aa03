/**
 * `data.seed(items, true)` removes every item before it loads (docs/sdk.md,
 * data.seed.overwrite): a Scan of the table and batched deletes. Only a
 * seed whose second argument may be true gets those actions; a seed that
 * keeps existing items (no second argument, or a literal `false`) does not.
 */
import { analyze } from "../../src/compiler";
import { synthGraph } from "../synth/helpers";
import { cleanup, writeApp } from "../analyzer/helpers";
import { permissionsByFunction } from "./support";

afterAll(cleanup);

async function tableActionsOf(route: string): Promise<string[]> {
  const dir = writeApp({
    "package.json": JSON.stringify({ name: "seeder", main: "index.js" }),
    "index.js": ['const { api, data } = require("iac");', `api.post("/seed", async (req, res) => { ${route}; res.json({}); });`, ""].join("\n"),
  });
  const { graph, ok, diagnostics } = await analyze(dir);
  if (!ok) throw new Error(JSON.stringify(diagnostics));
  const { template } = await synthGraph(graph);
  const statements = permissionsByFunction(template).http ?? [];
  return [...new Set(statements.flatMap((s) => s.actions).filter((a) => a.startsWith("dynamodb:")))].sort();
}

test.each([
  ["no second argument", "await data.seed(req.body)"],
  ["a literal false", "await data.seed(req.body, false)"],
])("a seed with %s keeps existing items and may not scan or batch-delete", async (_what, call) => {
  const actions = await tableActionsOf(call);
  expect(actions).toEqual(expect.arrayContaining(["dynamodb:BatchGetItem", "dynamodb:PutItem"]));
  expect(actions).not.toContain("dynamodb:Scan");
  expect(actions).not.toContain("dynamodb:BatchWriteItem");
});

test.each([
  ["a literal true", "await data.seed(req.body, true)"],
  ["a computed flag", "await data.seed(req.body, req.query.reset === 'yes')"],
])("a seed with %s may remove every item first: Scan and BatchWriteItem on the table", async (_what, call) => {
  const actions = await tableActionsOf(call);
  expect(actions).toEqual(expect.arrayContaining(["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:Scan"]));
});

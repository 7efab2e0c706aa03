/**
 * The CDK validation setting, tested once (it costs ~2 s per stack): with
 * validation on, the richest fixture passes CloudFormation's built-in checks
 * and the template is byte-identical to the unvalidated one.
 */
import { loadGraph, synthGraph } from "./helpers";

test("validateTemplate: true passes and writes the same template as validation off", async () => {
  const graph = loadGraph("everything");
  const off = await synthGraph(graph, { validateTemplate: false });
  const on = await synthGraph(graph, { validateTemplate: true });
  expect(on.result.diagnostics).toEqual([]);
  expect(on.json).toBe(off.json);
});

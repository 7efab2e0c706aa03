/**
 * Label queries from usage: `dynamodb:Query` on the index ARNs of the labels
 * used, limited by `dynamodb:LeadingKeys` to the label namespaces the query
 * expressions name (an index's partition key is `labelNpk`, the namespace of
 * the label value; ":" for a value without one), unlimited when one is
 * computed. A `start` key is a get on the table (see extract.test.ts).
 */
import type { Template } from "aws-cdk-lib/assertions";
import { synthGraph } from "../synth/helpers";
import { JOB_FUNCTION, permissionsByFunction, withJobUsages, type Permission } from "./support";

const dynamoStatements = (template: Template): Permission[] =>
  permissionsByFunction(template)[JOB_FUNCTION].filter((s) => s.actions.some((a) => a.startsWith("dynamodb:") && a !== "dynamodb:ListStreams"));

const leading = (keys: string[]) => ({ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": keys } });

test("each index is limited to the namespaces its queries name; a computed one leaves it unlimited", async () => {
  const { template } = await synthGraph(
    withJobUsages("data", [
      { operation: "getByLabel", scope: { labels: ["label1"], collections: ["status"] } },
      { operation: "getByLabel", scope: { labels: ["label1"], collections: ["owner", ""] } },
      { operation: "getByLabel", scope: { labels: ["label2"], collections: ["status"] } },
      { operation: "getByLabel", scope: { labels: ["label3"] } },
    ]),
  );
  const statements = dynamoStatements(template);
  expect(statements).toEqual(
    expect.arrayContaining([
      { effect: "Allow", actions: ["dynamodb:Query"], resources: ["<Table.Arn>/index/label1"], condition: leading([":", "owner", "status"]) },
      { effect: "Allow", actions: ["dynamodb:Query"], resources: ["<Table.Arn>/index/label2"], condition: leading(["status"]) },
    ]),
  );
  const label3 = statements.find((s) => s.resources.includes("<Table.Arn>/index/label3"));
  expect(label3).toBeDefined();
  expect(label3?.condition).toBeUndefined();
  // Label queries alone touch no table item.
  expect(statements.filter((s) => !s.resources.every((r) => r.includes("/index/")))).toEqual([]);
});

test("indexes with the same namespaces share one statement", async () => {
  const { template } = await synthGraph(withJobUsages("data", [{ operation: "getByLabel", scope: { labels: ["label1", "label2"], collections: ["status"] } }]));
  expect(dynamoStatements(template)).toEqual([
    { effect: "Allow", actions: ["dynamodb:Query"], resources: ["<Table.Arn>/index/label1", "<Table.Arn>/index/label2"], condition: leading(["status"]) },
  ]);
});

/**
 * Label queries from usage: `dynamodb:Query` on the index ARNs of the labels
 * used, limited by `dynamodb:LeadingKeys` to the label namespaces the query
 * expressions name (an index's partition key is `labelNpk`, the namespace of
 * the label value; ":" for a value without one), unlimited when one is
 * computed. A `start` key is a get on the table (see extract.test.ts).
 */
import type { Template } from "aws-cdk-lib/assertions";
import type { AppGraph, Usage } from "../../src/graph";
import { loadGraph, synthGraph } from "../synth/helpers";

const JOB = "schedule:cron(0 0 ? * TUE *)";
const JOB_FUNCTION = "schedule-cron-0-0-tue";

function withJobData(data: Pick<Usage, "operation" | "scope">[]): AppGraph {
  const graph = loadGraph("everything");
  const location = { file: "src/jobs.js", line: 10, column: 5 };
  const others = graph.usages.filter((u) => !(u.handler === JOB && u.resource === "data"));
  const mine = data.map((d) => ({ resource: "data", handler: JOB, location, via: [], ...d }) as Usage);
  return { ...graph, usages: [...others, ...mine] };
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

function dynamoStatements(template: Template, fnId: string): Statement[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const fn = Object.values(resources).find((r) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION === fnId);
  const roleId = fn?.Properties.Role["Fn::GetAtt"][0];
  const policies = Object.values(resources).filter((r) => r.Type === "AWS::IAM::Policy" && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId));
  return policies
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => [s.Action].flat().some((a) => a.startsWith("dynamodb:") && a !== "dynamodb:ListStreams"));
}

const index = (label: string) => ({ "Fn::Join": ["", [{ "Fn::GetAtt": ["Table", "Arn"] }, `/index/${label}`]] });

test("each index is limited to the namespaces its queries name; a computed one leaves it unlimited", async () => {
  const { template } = await synthGraph(withJobData([
    { operation: "getByLabel", scope: { labels: ["label1"], collections: ["status"] } },
    { operation: "getByLabel", scope: { labels: ["label1"], collections: ["owner", ""] } },
    { operation: "getByLabel", scope: { labels: ["label2"], collections: ["status"] } },
    { operation: "getByLabel", scope: { labels: ["label3"] } },
  ]));
  const statements = dynamoStatements(template, JOB_FUNCTION);
  expect(statements).toEqual(expect.arrayContaining([
    expect.objectContaining({ Action: "dynamodb:Query", Resource: index("label1"), Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [":", "owner", "status"] } } }),
    expect.objectContaining({ Action: "dynamodb:Query", Resource: index("label2"), Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["status"] } } }),
  ]));
  const label3 = statements.find((s) => JSON.stringify(s.Resource).includes("/index/label3"));
  expect(label3).toBeDefined();
  expect(label3?.Condition).toBeUndefined();
  // Label queries alone touch no table item.
  expect(statements.filter((s) => !JSON.stringify(s.Resource).includes("/index/"))).toEqual([]);
});

test("indexes with the same namespaces share one statement", async () => {
  const { template } = await synthGraph(withJobData([{ operation: "getByLabel", scope: { labels: ["label1", "label2"], collections: ["status"] } }]));
  expect(dynamoStatements(template, JOB_FUNCTION)).toEqual([
    expect.objectContaining({ Action: "dynamodb:Query", Resource: [index("label1"), index("label2")], Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["status"] } } }),
  ]);
});

/**
 * s3:ListBucket, the one bucket-level grant, from usage:
 * - `storage.list` of a folder the code names is limited to it (`s3:prefix`);
 *   of a computed folder or the whole store, not limited;
 * - every operation that may meet a missing key (read, exists, stat, remove,
 *   copy, move) may list the bucket, unlimited: S3 answers a missing key
 *   with 403 to a caller that may not, and the runtime must tell "missing"
 *   from "denied" (the contract reads a missing file as undefined);
 * - remove asks for the object first (HeadObject), so it has s3:GetObject.
 */
import type { Template } from "aws-cdk-lib/assertions";
import type { AppGraph, Usage } from "../../src/graph";
import { loadGraph, synthGraph } from "../synth/helpers";

const JOB = "schedule:cron(0 0 ? * TUE *)";
const JOB_FUNCTION = "schedule-cron-0-0-tue";

/** The everything fixture with the weekly job's storage usages replaced by `storage`. */
function withJobStorage(storage: Pick<Usage, "operation" | "scope">[]): AppGraph {
  const graph = loadGraph("everything");
  const location = { file: "src/jobs.js", line: 10, column: 5 };
  const others = graph.usages.filter((u) => !(u.handler === JOB && u.resource === "storage"));
  const mine = storage.map((s) => ({ resource: "storage", handler: JOB, location, via: [], ...s }) as Usage);
  return { ...graph, usages: [...others, ...mine] };
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

function s3Statements(template: Template, fnId: string): Statement[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const fn = Object.values(resources).find((r) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION === fnId);
  const roleId = fn?.Properties.Role["Fn::GetAtt"][0];
  const policies = Object.values(resources).filter((r) => r.Type === "AWS::IAM::Policy" && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]).filter((s) => [s.Action].flat().some((a) => a.startsWith("s3:")));
}

const listing = (statements: Statement[]) => statements.filter((s) => [s.Action].flat().includes("s3:ListBucket"));

test("listing folders the code names is limited to them", async () => {
  const { template } = await synthGraph(withJobStorage([
    { operation: "list", scope: { prefixes: ["reports"] } },
    { operation: "list", scope: { prefixes: ["exports/2024"] } },
  ]));
  const statements = s3Statements(template, JOB_FUNCTION);
  expect(statements).toHaveLength(1);
  expect(statements[0]).toEqual({
    Action: "s3:ListBucket",
    Effect: "Allow",
    Resource: { "Fn::GetAtt": ["Bucket", "Arn"] },
    Condition: { StringLike: { "s3:prefix": ["exports/2024*", "reports*"] } },
  });
});

test("a computed folder or the whole store lists without a limit", async () => {
  for (const scope of [{}, { prefixes: [""] }, { prefixes: ["reports", ""] }]) {
    const { template } = await synthGraph(withJobStorage([{ operation: "list", scope }]));
    const statements = listing(s3Statements(template, JOB_FUNCTION));
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition).toBeUndefined();
  }
});

test.each(["read", "exists", "stat", "remove", "copy", "move"] as const)("%s may list the bucket, unlimited, so a missing key answers 404", async (operation) => {
  const { template } = await synthGraph(withJobStorage([
    { operation, scope: { prefixes: ["reports/"] } },
    { operation: "list", scope: { prefixes: ["reports"] } },
  ]));
  const statements = s3Statements(template, JOB_FUNCTION);
  const lists = listing(statements);
  expect(lists).toHaveLength(1);
  expect(lists[0].Condition).toBeUndefined();
  // The object actions stay on the prefix; whatever else the operation needs, GetObject (HeadObject) is among them.
  const objects = statements.filter((s) => !lists.includes(s));
  expect(objects.map((s) => s.Resource)).toEqual([{ "Fn::Join": ["", [{ "Fn::GetAtt": ["Bucket", "Arn"] }, "/reports/*"]] }]);
  expect([objects[0].Action].flat()).toContain("s3:GetObject");
});

test("writing alone needs no listing", async () => {
  const { template } = await synthGraph(withJobStorage([{ operation: "write", scope: { prefixes: ["reports/"] } }]));
  expect(listing(s3Statements(template, JOB_FUNCTION))).toEqual([]);
});

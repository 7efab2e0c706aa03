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
import { synthGraph } from "../synth/helpers";
import { JOB_FUNCTION, permissionsByFunction, withJobUsages, type Permission } from "./support";

const s3Statements = (template: Template): Permission[] =>
  permissionsByFunction(template)[JOB_FUNCTION].filter((s) => s.actions.some((a) => a.startsWith("s3:")));
const listing = (statements: Permission[]) => statements.filter((s) => s.actions.includes("s3:ListBucket"));

test("listing folders the code names is limited to them", async () => {
  const { template } = await synthGraph(
    withJobUsages("storage", [
      { operation: "list", scope: { prefixes: ["reports"] } },
      { operation: "list", scope: { prefixes: ["exports/2024"] } },
    ]),
  );
  expect(s3Statements(template)).toEqual([
    { effect: "Allow", actions: ["s3:ListBucket"], resources: ["<Bucket.Arn>"], condition: { StringLike: { "s3:prefix": ["exports/2024*", "reports*"] } } },
  ]);
});

test("a computed folder or the whole store lists without a limit", async () => {
  for (const scope of [{}, { prefixes: [""] }, { prefixes: ["reports", ""] }]) {
    const { template } = await synthGraph(withJobUsages("storage", [{ operation: "list", scope }]));
    const statements = listing(s3Statements(template));
    expect(statements).toHaveLength(1);
    expect(statements[0].condition).toBeUndefined();
  }
});

test.each(["read", "exists", "stat", "remove", "copy", "move"] as const)(
  "%s may list the bucket, unlimited, so a missing key answers 404",
  async (operation) => {
    const { template } = await synthGraph(
      withJobUsages("storage", [
        { operation, scope: { prefixes: ["reports/"] } },
        { operation: "list", scope: { prefixes: ["reports"] } },
      ]),
    );
    const statements = s3Statements(template);
    const lists = listing(statements);
    expect(lists).toHaveLength(1);
    expect(lists[0].condition).toBeUndefined();
    // The object actions stay on the prefix; whatever else the operation needs, GetObject (HeadObject) is among them.
    const objects = statements.filter((s) => !lists.includes(s));
    expect(objects.map((s) => s.resources)).toEqual([["<Bucket.Arn>/reports/*"]]);
    expect(objects[0].actions).toContain("s3:GetObject");
  },
);

test("writing alone needs no listing", async () => {
  const { template } = await synthGraph(withJobUsages("storage", [{ operation: "write", scope: { prefixes: ["reports/"] } }]));
  expect(listing(s3Statements(template))).toEqual([]);
});

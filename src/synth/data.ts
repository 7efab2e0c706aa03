/**
 * The stage's one DynamoDB table (ARCHITECTURE.md "Table"). Its logical ID
 * (`Table`) and key schema are constants: nothing in the app's code can
 * change them, so no edit of handlers or routes ever replaces the table.
 * Labels become GSIs (`labelN` on `labelNpk`/`labelNsk`), one per label the
 * graph lists and no others; the stream exists only when something listens.
 * Long-lived stages turn on deletion protection (the `deletionProtection`
 * stage setting): not even a console click or an API call deletes the table.
 */
import { CfnOutput, RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from "aws-cdk-lib/aws-dynamodb";
import { findResource, pinLogicalId, type SynthContext, type SynthKind } from "./context";

export const TABLE_LOGICAL_ID = "Table";

export function addTable(ctx: SynthContext): void {
  const data = findResource(ctx.graph, "data");
  if (!data) return;
  const longLived = !ctx.options.ephemeral;
  const table = new Table(ctx.stack, "Table", {
    partitionKey: { name: "pk", type: AttributeType.STRING },
    sortKey: { name: "sk", type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: "ttl",
    stream: data.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: longLived },
    deletionProtection: ctx.options.edge.deletionProtection,
    // Long-lived stages keep their data even if the stack is deleted.
    removalPolicy: longLived ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // Sorted so the GSI list (and the template) never depends on graph order.
  for (const label of [...data.labels].sort()) {
    table.addGlobalSecondaryIndex({
      indexName: label,
      partitionKey: { name: `${label}pk`, type: AttributeType.STRING },
      sortKey: { name: `${label}sk`, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  pinLogicalId(table, TABLE_LOGICAL_ID);
  // `iac deploy` seeds an ephemeral stage's data.json into this table.
  new CfnOutput(ctx.stack, "TableName", { value: table.tableName });
  ctx.table = table;
}

/** The table: made first, named in every function's environment; its grants carry partition conditions (iam.ts). */
export const DATA_SYNTH = {
  store: addTable,
  environment: (ctx): Record<string, string> => (ctx.table ? { IAC_TABLE: ctx.table.tableName } : {}),
  grants: { table: "collected", index: "collected" },
} satisfies SynthKind;

/**
 * Delivery of data and storage changes to their listener functions.
 * - `data-listeners` consumes the table's stream: one shard iterator per
 *   shard keeps per-key (hence per-namespace) order; a failing batch is
 *   bisected to isolate the bad record, retried, and finally recorded in the
 *   function's SQS queue (the event-source on-failure destination).
 * - `storage-listeners` receives S3 notifications (asynchronous invokes, so
 *   the function's own retries and DLQ apply). No key filter on the bucket:
 *   the runtime matches each record against the app's globs, and S3 refuses
 *   overlapping filters that several globs would produce.
 */
import { Duration } from "aws-cdk-lib";
import { StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { EventType } from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { resourcesOf, type SynthContext } from "./context";
import { functionsOfKind } from "./events";

export function addDataListeners(ctx: SynthContext): void {
  const table = ctx.table;
  if (!table) return;
  for (const f of functionsOfKind(ctx, "data-listener")) {
    f.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        // One batch per shard at a time: order within a key is the contract.
        parallelizationFactor: 1,
        onFailure: f.dlq ? new SqsDlq(f.dlq) : undefined,
      }),
    );
  }
}

export function addStorageListeners(ctx: SynthContext): void {
  const bucket = ctx.bucket;
  if (!bucket) return;
  const listeners = resourcesOf(ctx.graph, "storage-listener");
  for (const f of functionsOfKind(ctx, "storage-listener")) {
    const mine = listeners.filter((l) => f.plan.handlers.includes(l.handler));
    const destination = new LambdaDestination(f.fn);
    if (mine.some((l) => l.events.includes("write"))) bucket.addEventNotification(EventType.OBJECT_CREATED, destination);
    if (mine.some((l) => l.events.includes("remove"))) bucket.addEventNotification(EventType.OBJECT_REMOVED, destination);
  }
}

/**
 * DynamoDB's TTL process for the local instance. On AWS, DynamoDB deletes
 * an item some time after its `ttl` passes, and the deletion reaches the
 * table's stream as a REMOVE record, so `data.on("deleted")` handlers run
 * for expired items (stream.ts). dynalite never deletes expired items, so
 * the local instance sweeps them itself: same deletion, same `deleted`
 * change with the item as it was.
 *
 * Input: the table's client and name, `now` in epoch seconds. Output: the
 * number of items deleted; each deletion is reported through `onChange`.
 * Invariants: an item is deleted only if it is still expired at the moment
 * of deletion (a write that renewed its ttl meanwhile wins); reads never
 * depend on the sweep (dynamo.ts filters expired items on every read).
 * Only the local instance runs it: it Scans the table, which the runtime's
 * own reads never do.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { itemToRecord, type TableItem } from "./records";
import type { DataChange } from "./types";

export interface SweepOptions {
  client: DynamoDBClient;
  table: string;
  /** Epoch seconds: items whose ttl is at or before it are expired (as dynamo.ts reads them). */
  now: number;
  onChange?: (change: DataChange) => void;
}

export async function sweepExpired(options: SweepOptions): Promise<number> {
  const client = DynamoDBDocumentClient.from(options.client);
  const { table, now } = options;
  let deleted = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: "attribute_exists(#ttl) AND #ttl <= :now",
        ProjectionExpression: "pk, sk",
        ExpressionAttributeNames: { "#ttl": "ttl" },
        ExpressionAttributeValues: { ":now": now },
        ExclusiveStartKey: start,
      }),
    );
    for (const key of page.Items ?? []) {
      const removed = await deleteIfExpired(client, table, key, now);
      if (!removed) continue;
      deleted++;
      options.onChange?.({ name: "deleted", key: removed.key, record: removed });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return deleted;
}

async function deleteIfExpired(client: DynamoDBDocumentClient, table: string, key: Record<string, unknown>, now: number) {
  try {
    const out = await client.send(
      new DeleteCommand({
        TableName: table,
        Key: { pk: key.pk, sk: key.sk },
        ConditionExpression: "attribute_exists(#ttl) AND #ttl <= :now",
        ExpressionAttributeNames: { "#ttl": "ttl" },
        ExpressionAttributeValues: { ":now": now },
        ReturnValues: "ALL_OLD",
      }),
    );
    return itemToRecord(out.Attributes as TableItem | undefined);
  } catch (err) {
    // Renewed or removed since the scan read it.
    if (err instanceof Error && err.name === "ConditionalCheckFailedException") return undefined;
    throw err;
  }
}

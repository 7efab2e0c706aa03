/**
 * DynamoDB stream records (NEW_AND_OLD_IMAGES, as Lambda receives them) to
 * `data.on` events. Records of one namespace run in order; the first handler
 * that throws stops its namespace (later records of it must not overtake the
 * failed one) and makes the whole call reject, so Lambda retries the batch.
 */
import { byNamespace, listenersFor, runListener, toDataEvent } from "./listeners";
import { decodeImage, isExpired, itemToRecord, type AttributeValueJson } from "./records";
import type { DataChange } from "./types";

export interface DynamoDBStreamRecordLike {
  eventName?: string;
  eventSource?: string;
  dynamodb?: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, AttributeValueJson>;
    NewImage?: Record<string, AttributeValueJson>;
    OldImage?: Record<string, AttributeValueJson>;
    SequenceNumber?: string;
  };
}

/** The change a record reports, or undefined for records that are not items of the data table. */
export function changeOfRecord(record: DynamoDBStreamRecordLike): DataChange | undefined {
  const images = record.dynamodb;
  if (!images) return undefined;
  const after = images.NewImage ? itemToRecord(decodeImage(images.NewImage)) : undefined;
  const before = images.OldImage ? itemToRecord(decodeImage(images.OldImage)) : undefined;
  const at = images.ApproximateCreationDateTime ?? Math.floor(Date.now() / 1000);
  switch (record.eventName) {
    case "INSERT":
      return after && { name: "created", key: after.key, record: after };
    case "MODIFY": {
      if (!after) return undefined;
      // Writing over an expired item that DynamoDB had not yet deleted is a creation.
      const previous = before && !isExpired(before, at) ? before : undefined;
      return previous ? { name: "updated", key: after.key, record: after, previous } : { name: "created", key: after.key, record: after };
    }
    case "REMOVE":
      return before && { name: "deleted", key: before.key, record: before };
    default:
      return undefined;
  }
}

/** Delivers changes to matching listeners; per namespace in order. Rejects with the first failure. */
export async function deliverChanges(changes: DataChange[]): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(
    byNamespace(changes).map(async (group) => {
      for (const change of group) {
        const matching = listenersFor(change);
        if (matching.length === 0) continue;
        const event = toDataEvent(change);
        try {
          for (const listener of matching) await runListener(listener, event);
        } catch (err) {
          failures.push(err);
          return;
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}

export async function dispatchDataStream(records: DynamoDBStreamRecordLike[]): Promise<void> {
  const changes: DataChange[] = [];
  for (const record of records) {
    const change = changeOfRecord(record);
    if (change) changes.push(change);
  }
  await deliverChanges(changes);
}

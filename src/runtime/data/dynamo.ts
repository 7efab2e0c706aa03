/**
 * The DynamoDB data backend, on the fixed table layout of docs/ARCHITECTURE.md.
 * Also the embedded backend: pointed at an in-process dynalite (see local.ts).
 *
 * Invariants: reads are consistent on the table (not on label indexes, which
 * DynamoDB only offers eventually consistent); collection and label reads are
 * Query commands on one partition, never Scan; expired items (ttl <= now) are
 * filtered out on every read, because DynamoDB deletes them only eventually
 * and dynalite never does. `onChange` sees every applied write with the live
 * item before it, which is what a NEW_AND_OLD_IMAGES stream carries.
 * The one Scan is `clear` (`data.seed(items, true)` removes all data first),
 * which by its meaning reads the whole table.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { addToItem, writeItem, type WriteOutcome } from "./dynamo-write";
import { Expression } from "./expression";
import { isExpired, itemToRecord, labelAttributes, recordToItem, type TableItem } from "./records";
import type { DataBackend, DataChange, ParsedKey, QueryCursor, QueryPage, QueryRequest, SortCondition, StoredRecord, WriteRequest } from "./types";
import { nowSeconds } from "./values";

/**
 * The client package's CommonJS exports as they are. An ES import of it
 * would copy its ~530 exports into a namespace object (esbuild's interop)
 * at every cold start of a Lambda bundle, about 1 ms.
 */
const { DynamoDBClient: Client } = require("@aws-sdk/client-dynamodb") as typeof import("@aws-sdk/client-dynamodb");

export interface DynamoBackendOptions {
  table: string;
  /** A client to use (tests add middleware to it); else one is made from `endpoint` or the environment. */
  client?: DynamoDBClient;
  endpoint?: string;
  onChange?: (change: DataChange) => void;
}

/** DynamoDB answers at most 1 MB per Query page; the contract caps one answer at 1 MB too. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const MAX_BATCH_ATTEMPTS = 8;
/** BatchWriteItem takes at most 25 requests. */
const MAX_WRITE_BATCH = 25;

export function createDynamoBackend(options: DynamoBackendOptions): DataBackend {
  const base = options.client ?? new Client(options.endpoint ? { endpoint: options.endpoint } : {});
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const table = options.table;

  function report(outcome: WriteOutcome): StoredRecord {
    options.onChange?.({ name: outcome.previous ? "updated" : "created", key: outcome.record.key, record: outcome.record, previous: outcome.previous });
    return outcome.record;
  }

  async function getOne(key: ParsedKey): Promise<StoredRecord | undefined> {
    const out = await client.send(new GetCommand({ TableName: table, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }));
    return itemToRecord(out.Item);
  }

  async function getMany(keys: ParsedKey[]): Promise<(StoredRecord | undefined)[]> {
    const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    let pending: Record<string, unknown>[] = unique.map((k) => ({ pk: k.pk, sk: k.sk }));
    const found = new Map<string, StoredRecord>();
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error("data.get: DynamoDB kept keys unprocessed (throttled); try again");
      if (attempt > 0) await sleep(20 * 2 ** attempt);
      const out = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of out.Responses?.[table] ?? []) {
        const record = itemToRecord(item);
        if (record) found.set(`${record.key.pk}\u0000${record.key.sk}`, record);
      }
      pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
    }
    return keys.map((k) => found.get(`${k.pk}\u0000${k.sk}`));
  }

  async function startKey(request: QueryRequest): Promise<TableItem | undefined> {
    if (!request.start) return undefined;
    const { key } = request.start;
    const item: TableItem = { pk: key.pk, sk: key.sk };
    if (!request.label) return item;
    // A label index continues from (table key + index key). A cursor from a
    // previous page carries the label value; a user's `start` key needs a lookup.
    const label = request.start.label ?? (await getOne(key))?.labels[request.label];
    if (!label) throw new Error(`data query: the start item "${key.pk}:${key.sk}" does not exist or has no ${request.label}`);
    const attrs = labelAttributes(request.label);
    return { ...item, [attrs.pk]: label.pk, [attrs.sk]: label.sk };
  }

  async function deleteBatch(keys: Record<string, unknown>[]): Promise<void> {
    let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error("data.seed: DynamoDB kept deletes unprocessed (throttled); try again");
      if (attempt > 0) await sleep(20 * 2 ** attempt);
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []).flatMap((r) => (r.DeleteRequest?.Key ? [{ DeleteRequest: { Key: r.DeleteRequest.Key } }] : []));
    }
  }

  function cursorOf(record: StoredRecord, label: QueryRequest["label"]): QueryCursor {
    const labelKey = label ? record.labels[label] : undefined;
    return labelKey ? { key: record.key, label: labelKey } : { key: record.key };
  }

  return {
    async get(keys) {
      const records = keys.length === 1 ? [await getOne(keys[0])] : await getMany(keys);
      const now = nowSeconds();
      return records.map((r) => (r && !isExpired(r, now) ? r : undefined));
    },

    async query(request): Promise<QueryPage> {
      const attrs = request.label ? labelAttributes(request.label) : { pk: "pk", sk: "sk" };
      const records: StoredRecord[] = [];
      let bytes = 0;
      let exclusiveStart = await startKey(request);
      let more = true;
      while (records.length < request.limit && more) {
        const e = new Expression();
        const keyCondition = `${e.name(attrs.pk)} = ${e.value(request.pk)}${sortCondition(e, attrs.sk, request.condition)}`;
        const filter = `attribute_not_exists(${e.name("ttl")}) OR ${e.name("ttl")} > ${e.value(nowSeconds())}`;
        const out = await client.send(
          new QueryCommand({
            TableName: table,
            ...(request.label ? { IndexName: request.label } : { ConsistentRead: true }),
            KeyConditionExpression: keyCondition,
            FilterExpression: filter,
            ScanIndexForward: !request.reverse,
            // Limit counts items before the TTL filter: ask only for what is missing.
            Limit: request.limit - records.length,
            ExclusiveStartKey: exclusiveStart,
            ...e.attributes(),
          }),
        );
        for (const item of out.Items ?? []) {
          const record = itemToRecord(item);
          if (!record) continue;
          bytes += Buffer.byteLength(JSON.stringify(recordToItem(record)));
          if (bytes > MAX_ANSWER_BYTES && records.length > 0) return { records, last: cursorOf(records[records.length - 1], request.label) };
          records.push(record);
        }
        exclusiveStart = out.LastEvaluatedKey;
        more = exclusiveStart !== undefined;
      }
      return more && records.length > 0 ? { records, last: cursorOf(records[records.length - 1], request.label) } : { records };
    },

    async set(request: WriteRequest) {
      return report(await writeItem(client, table, request));
    },

    async add(key, field, amount) {
      return report(await addToItem(client, table, key, field, amount));
    },

    /**
     * Deletes every item of the table: a Scan (consistent, page by page)
     * and BatchWriteItem deletes of 25, unprocessed ones retried with
     * backoff. Each live item deleted is a `deleted` change, as DynamoDB's
     * stream reports the deletions (from the scanned image: a write racing
     * the clear may be deleted with an older image reported).
     */
    async clear() {
      let removed = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
        const records = (page.Items ?? []).flatMap((item) => itemToRecord(item) ?? []);
        for (let i = 0; i < records.length; i += MAX_WRITE_BATCH) {
          const chunk = records.slice(i, i + MAX_WRITE_BATCH);
          await deleteBatch(chunk.map((r) => ({ pk: r.key.pk, sk: r.key.sk })));
          const now = nowSeconds();
          for (const record of chunk) {
            if (isExpired(record, now)) continue;
            removed++;
            options.onChange?.({ name: "deleted", key: record.key, record });
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return removed;
    },

    async remove(key) {
      const out = await client.send(new DeleteCommand({ TableName: table, Key: { pk: key.pk, sk: key.sk }, ReturnValues: "ALL_OLD" }));
      const old = itemToRecord(out.Attributes);
      if (!old || isExpired(old, nowSeconds())) return false;
      options.onChange?.({ name: "deleted", key, record: old });
      return true;
    },
  };
}

function sortCondition(e: Expression, sk: string, c: SortCondition): string {
  switch (c.op) {
    case "all":
      return "";
    case "eq":
      return ` AND ${e.name(sk)} = ${e.value(c.value)}`;
    case "prefix":
      return c.value === "" ? "" : ` AND begins_with(${e.name(sk)}, ${e.value(c.value)})`;
    case ">":
    case ">=":
    case "<":
    case "<=":
      return ` AND ${e.name(sk)} ${c.op} ${e.value(c.value)}`;
    case "between":
      return ` AND ${e.name(sk)} BETWEEN ${e.value(c.from)} AND ${e.value(c.to)}`;
    default: {
      const never: never = c;
      throw new Error(`unknown sort condition ${JSON.stringify(never)}`);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

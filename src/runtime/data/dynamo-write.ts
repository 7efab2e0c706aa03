/**
 * Writes on DynamoDB without lost updates. Each write is one conditional
 * UpdateItem that applies only to a live item (merging fields, adding with
 * `if_not_exists(f, 0) + n`), and when the item is absent or expired a
 * conditional PutItem that applies only while it still is. A writer that loses
 * a race retries the pair. `ReturnValues: ALL_OLD` gives the previous item,
 * from which the new one is computed (needed for change events and answers).
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { addNumbers, Expression, isConditionFailed, liveCondition, notLiveCondition } from "./expression";
import { formatKey } from "./keys";
import { isExpired, itemToRecord, labelAttributes, recordToItem } from "./records";
import { LABEL_NAMES, type JsonValue, type ParsedKey, type StoredRecord, type WriteRequest } from "./types";
import { DataValueError, nowSeconds } from "./values";

export interface WriteOutcome {
  record: StoredRecord;
  /** The live item before the write, if any. */
  previous?: StoredRecord;
}

const MAX_ATTEMPTS = 25;

function isObject(v: JsonValue | undefined): v is { [field: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function live(old: StoredRecord | undefined): StoredRecord | undefined {
  return old && !isExpired(old, nowSeconds()) ? old : undefined;
}

/** What a write makes of the previous live item: the same rules the expressions apply. */
function applyWrite(req: WriteRequest, previous: StoredRecord | undefined, now: number): StoredRecord {
  let value: JsonValue;
  if (!req.overwrite && isObject(previous?.value) && isObject(req.value)) {
    const merged = { ...previous.value, ...req.value };
    for (const [f, n] of Object.entries(req.adds)) {
      const old = previous.value[f];
      merged[f] = typeof old === "number" ? addNumbers(old, n) : n;
    }
    value = merged;
  } else {
    value = isObject(req.value) ? { ...req.value, ...req.adds } : req.value;
  }
  const keep = !req.overwrite && previous;
  const ttl = req.ttl ?? (keep ? previous.ttl : undefined);
  return {
    key: req.key,
    value,
    created: previous?.created ?? now,
    modified: now,
    labels: keep ? { ...previous.labels, ...req.labels } : { ...req.labels },
    ...(ttl !== undefined ? { ttl } : {}),
  };
}

/** UpdateItem on a live item, expressing `applyWrite` for the case where `previous` exists. */
async function updateLive(client: DynamoDBDocumentClient, table: string, req: WriteRequest, now: number): Promise<StoredRecord | undefined> {
  const e = new Expression();
  const sets: string[] = [`${e.name("modified")} = ${e.value(now)}`];
  const removes: string[] = [];
  let condition = liveCondition(e, nowSeconds());
  const merging = !req.overwrite && isObject(req.value);
  if (merging && isObject(req.value)) {
    condition += ` AND attribute_type(${e.name("value")}, ${e.value("M")})`;
    for (const [f, v] of Object.entries(req.value)) sets.push(`${e.name("value", f)} = ${e.value(v)}`);
    for (const [f, n] of Object.entries(req.adds)) {
      const path = e.name("value", f);
      sets.push(`${path} = if_not_exists(${path}, ${e.value(0)}) + ${e.value(n)}`);
    }
  } else {
    sets.push(`${e.name("value")} = ${e.value(isObject(req.value) ? { ...req.value, ...req.adds } : req.value)}`);
  }
  for (const name of LABEL_NAMES) {
    const attrs = labelAttributes(name);
    const label = req.labels[name];
    if (label) sets.push(`${e.name(attrs.pk)} = ${e.value(label.pk)}`, `${e.name(attrs.sk)} = ${e.value(label.sk)}`);
    else if (req.overwrite) removes.push(e.name(attrs.pk), e.name(attrs.sk));
  }
  if (req.ttl !== undefined) sets.push(`${e.name("ttl")} = ${e.value(req.ttl)}`);
  else if (req.overwrite) removes.push(e.name("ttl"));
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: req.key.pk, sk: req.key.sk },
        UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
        ConditionExpression: condition,
        ReturnValues: "ALL_OLD",
        ...e.attributes(),
      }),
    );
    return itemToRecord(out.Attributes);
  } catch (err) {
    if (isConditionFailed(err)) return undefined;
    throw err;
  }
}

/** PutItem while no live item (or, when merging objects, no live object) is there; false if that changed. */
async function putFresh(
  client: DynamoDBDocumentClient,
  table: string,
  record: StoredRecord,
  alsoWhenNotObject: boolean,
): Promise<{ ok: boolean; old?: StoredRecord }> {
  const e = new Expression();
  let condition = notLiveCondition(e, nowSeconds());
  if (alsoWhenNotObject) condition += ` OR NOT attribute_type(${e.name("value")}, ${e.value("M")})`;
  try {
    const out = await client.send(
      new PutCommand({ TableName: table, Item: recordToItem(record), ConditionExpression: condition, ReturnValues: "ALL_OLD", ...e.attributes() }),
    );
    return { ok: true, old: itemToRecord(out.Attributes) };
  } catch (err) {
    if (isConditionFailed(err)) return { ok: false };
    throw err;
  }
}

export async function writeItem(client: DynamoDBDocumentClient, table: string, req: WriteRequest): Promise<WriteOutcome> {
  const merging = !req.overwrite && isObject(req.value);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = Date.now();
    const old = await updateLive(client, table, req, now);
    if (old) return { record: applyWrite(req, old, now), previous: old };
    // No live (object) item: create one, unless a concurrent writer just did.
    const fresh = applyWrite(req, undefined, now);
    const put = await putFresh(client, table, fresh, merging);
    if (put.ok) {
      const previous = live(put.old);
      // A live non-object value replaced by a merge keeps its creation time in the answer only.
      return { record: previous ? { ...fresh, created: previous.created } : fresh, previous };
    }
  }
  throw new Error(`data.set("${req.key.pk}:${req.key.sk}") lost ${MAX_ATTEMPTS} races in a row to concurrent writers`);
}

/** Atomic add to the value (field undefined) or to one field of an object value. */
export async function addToItem(
  client: DynamoDBDocumentClient,
  table: string,
  key: ParsedKey,
  field: string | undefined,
  amount: number,
): Promise<WriteOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = Date.now();
    const e = new Expression();
    const path = field === undefined ? e.name("value") : e.name("value", field);
    const typeCheck =
      field === undefined
        ? `attribute_type(${path}, ${e.value("N")})`
        : `attribute_type(${e.name("value")}, ${e.value("M")}) AND (attribute_not_exists(${path}) OR attribute_type(${path}, ${e.value("N")}))`;
    // A number item may be created by the update itself; an object needs its map to exist first.
    const condition =
      field === undefined
        ? `attribute_not_exists(${e.name("pk")}) OR ((attribute_not_exists(${e.name("ttl")}) OR ${e.name("ttl")} > ${e.value(nowSeconds())}) AND ${typeCheck})`
        : `${liveCondition(e, nowSeconds())} AND ${typeCheck}`;
    try {
      const out = await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: `SET ${path} = if_not_exists(${path}, ${e.value(0)}) + ${e.value(amount)}, ${e.name("modified")} = ${e.value(now)}, ${e.name("created")} = if_not_exists(${e.name("created")}, ${e.value(now)})`,
          ConditionExpression: condition,
          ReturnValues: "ALL_OLD",
          ...e.attributes(),
        }),
      );
      const previous = itemToRecord(out.Attributes);
      const value = addValue(previous?.value, field, amount);
      const record: StoredRecord = previous ? { ...previous, value, modified: now } : { key, value, created: now, modified: now, labels: {} };
      return { record, previous };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    // Absent or expired: start from zero, unless the live item is of the wrong type.
    const fresh: StoredRecord = { key, value: addValue(undefined, field, amount), created: now, modified: now, labels: {} };
    const put = await putFreshUnlessWrongType(client, table, fresh, key, field);
    if (put) return { record: fresh, previous: undefined };
  }
  throw new Error(`data.add("${key.pk}:${key.sk}") lost ${MAX_ATTEMPTS} races in a row to concurrent writers`);
}

function addValue(old: JsonValue | undefined, field: string | undefined, amount: number): JsonValue {
  if (field === undefined) return typeof old === "number" ? addNumbers(old, amount) : amount;
  const obj = isObject(old) ? old : {};
  const prev = obj[field];
  return { ...obj, [field]: typeof prev === "number" ? addNumbers(prev, amount) : amount };
}

async function putFreshUnlessWrongType(
  client: DynamoDBDocumentClient,
  table: string,
  fresh: StoredRecord,
  key: ParsedKey,
  field: string | undefined,
): Promise<boolean> {
  const put = await putFresh(client, table, fresh, false);
  if (put.ok) return true;
  // A live item blocked the put; if it is not a number (field), adding can never succeed.
  const got = live(itemToRecord((await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item));
  if (got) {
    const target = field === undefined ? got.value : isObject(got.value) ? got.value[field] : got.value;
    const okType = field === undefined ? typeof target === "number" : isObject(got.value) && (target === undefined || typeof target === "number");
    if (!okType) {
      const where = field === undefined ? "its value" : `field "${field}"`;
      throw new DataValueError(`data.add("${formatKey(key)}"): ${where} is not a number`);
    }
  }
  return false;
}

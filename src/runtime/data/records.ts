/**
 * The fixed table layout (docs/ARCHITECTURE.md): `pk`, `sk`, `value`,
 * `created`/`modified` (epoch ms), `ttl` (epoch s), and for each label
 * `labelNpk`/`labelNsk` (present only when set, so label indexes stay sparse).
 * Converts between that layout and `StoredRecord`, and decodes the
 * AttributeValue JSON of stream images (a small decoder rather than a
 * dependency on @aws-sdk/util-dynamodb, which this package does not declare).
 */
import { LABEL_NAMES, type JsonValue, type ParsedKey, type StoredRecord } from "./types";

/** A table item as the document client reads and writes it. */
export type TableItem = Record<string, unknown>;

export function labelAttributes(label: string): { pk: string; sk: string } {
  return { pk: `${label}pk`, sk: `${label}sk` };
}

export function recordToItem(record: StoredRecord): TableItem {
  const item: TableItem = {
    pk: record.key.pk,
    sk: record.key.sk,
    value: record.value,
    created: record.created,
    modified: record.modified,
  };
  if (record.ttl !== undefined) item.ttl = record.ttl;
  for (const name of LABEL_NAMES) {
    const label = record.labels[name];
    if (label) {
      const attrs = labelAttributes(name);
      item[attrs.pk] = label.pk;
      item[attrs.sk] = label.sk;
    }
  }
  return item;
}

function isJson(v: unknown): v is JsonValue {
  // Values only ever come from the store, which holds what toJson produced.
  return v === null || ["string", "number", "boolean", "object"].includes(typeof v);
}

export function itemToRecord(item: TableItem | undefined): StoredRecord | undefined {
  if (!item || typeof item.pk !== "string" || typeof item.sk !== "string") return undefined;
  const record: StoredRecord = {
    key: { pk: item.pk, sk: item.sk },
    value: isJson(item.value) ? item.value : null,
    created: typeof item.created === "number" ? item.created : 0,
    modified: typeof item.modified === "number" ? item.modified : 0,
    labels: {},
  };
  if (typeof item.ttl === "number") record.ttl = item.ttl;
  for (const name of LABEL_NAMES) {
    const attrs = labelAttributes(name);
    const pk = item[attrs.pk];
    const sk = item[attrs.sk];
    if (typeof pk === "string" && typeof sk === "string") record.labels[name] = { pk, sk };
  }
  return record;
}

export function isExpired(record: { ttl?: number }, nowSeconds: number): boolean {
  return record.ttl !== undefined && record.ttl <= nowSeconds;
}

export function keyOf(item: TableItem): ParsedKey | undefined {
  return typeof item.pk === "string" && typeof item.sk === "string" ? { pk: item.pk, sk: item.sk } : undefined;
}

/** AttributeValue JSON as found in DynamoDB stream records. */
export interface AttributeValueJson {
  S?: string;
  N?: string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValueJson>;
  L?: AttributeValueJson[];
  SS?: string[];
  NS?: string[];
  B?: string | Uint8Array;
  BS?: (string | Uint8Array)[];
}

export function decodeAttribute(v: AttributeValueJson): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL) return null;
  if (v.M !== undefined) return decodeImage(v.M);
  if (v.L !== undefined) return v.L.map(decodeAttribute);
  if (v.SS !== undefined) return [...v.SS];
  if (v.NS !== undefined) return v.NS.map(Number);
  if (v.B !== undefined) return typeof v.B === "string" ? v.B : Buffer.from(v.B).toString("base64");
  if (v.BS !== undefined) return v.BS.map((b) => (typeof b === "string" ? b : Buffer.from(b).toString("base64")));
  return null;
}

export function decodeImage(image: Record<string, AttributeValueJson>): TableItem {
  const out: TableItem = {};
  for (const [k, v] of Object.entries(image)) out[k] = decodeAttribute(v);
  return out;
}

/**
 * Types of the data SDK (what apps see) and of the backend interface (what a
 * store must implement). The backend works on parsed keys and stored records;
 * key syntax, option normalisation and output shaping live in the core.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [field: string]: JsonValue };

export type LabelName = "label1" | "label2" | "label3" | "label4" | "label5";
export const LABEL_NAMES: readonly LabelName[] = ["label1", "label2", "label3", "label4", "label5"];

/** A key split into its partition (collection, or the simple-key partition) and sort part. */
export interface ParsedKey {
  pk: string;
  sk: string;
}

/** What the store holds for one key. `ttl` is epoch seconds; `created`/`modified` epoch ms. */
export interface StoredRecord {
  key: ParsedKey;
  value: JsonValue;
  created: number;
  modified: number;
  labels: Partial<Record<LabelName, ParsedKey>>;
  ttl?: number;
}

/** One write, already validated and normalised by the core. */
export interface WriteRequest {
  key: ParsedKey;
  value: JsonValue;
  /** Object fields to add atomically (`{ field: { $add: n } }`), merged after `value`'s fields. */
  adds: Record<string, number>;
  overwrite: boolean;
  labels: Partial<Record<LabelName, ParsedKey>>;
  ttl?: number;
}

export type SortCondition =
  | { op: "all" }
  | { op: "eq"; value: string }
  | { op: "prefix"; value: string }
  | { op: ">" | ">=" | "<" | "<="; value: string }
  | { op: "between"; from: string; to: string };

export interface QueryRequest {
  /** Absent: the table's own keys; else a label index. */
  label?: LabelName;
  pk: string;
  condition: SortCondition;
  limit: number;
  reverse: boolean;
  /** Continue after this item. */
  start?: QueryCursor;
}

/** Where a query stopped: the last item's key, and on a label query its label value when known. */
export interface QueryCursor {
  key: ParsedKey;
  label?: ParsedKey;
}

export interface QueryPage {
  records: StoredRecord[];
  /** Present when more items may follow. */
  last?: QueryCursor;
}

/**
 * A store for the data SDK. Every method must hide expired records (ttl at or
 * before now) as if they were absent, and `query` must read only the asked
 * partition (a Query, never a Scan).
 */
export interface DataBackend {
  get(keys: ParsedKey[]): Promise<(StoredRecord | undefined)[]>;
  query(request: QueryRequest): Promise<QueryPage>;
  set(request: WriteRequest): Promise<StoredRecord>;
  /** Atomic add to the whole (numeric) value, or to a numeric field of an object value. */
  add(key: ParsedKey, field: string | undefined, amount: number): Promise<StoredRecord>;
  /** True when a live record was removed. */
  remove(key: ParsedKey): Promise<boolean>;
  /** Removes every record of the store (`data.seed(items, true)`); how many live ones it removed. */
  clear(): Promise<number>;
}

/** One applied write, as a NEW_AND_OLD_IMAGES stream reports it. */
export interface DataChange {
  name: DataEventName;
  key: ParsedKey;
  /** The item after the write (the removed item for `deleted`). */
  record: StoredRecord;
  /** The live item before the write (absent for `created` and `deleted`). */
  previous?: StoredRecord;
}

// ---------------------------------------------------------------------------
// What apps see

export type TtlInput = number | string | Date;

export interface SetOptions {
  meta?: boolean;
  overwrite?: boolean;
  ttl?: TtlInput;
  label1?: string;
  label2?: string;
  label3?: string;
  label4?: string;
  label5?: string;
}

export interface BatchSetEntry extends Omit<SetOptions, "meta" | "overwrite"> {
  key: string;
  value: unknown;
}

export interface GetOptions {
  meta?: boolean;
  limit?: number;
  reverse?: boolean;
  start?: string;
  label?: LabelName;
}

/** An item as returned with `meta` (labels rendered back to `ns:value` strings). */
export interface ItemWithMeta<T = JsonValue> {
  key: string;
  value: T;
  created: number;
  modified: number;
  label1?: string;
  label2?: string;
  label3?: string;
  label4?: string;
  label5?: string;
  ttl?: number;
}

/** Query answers carry items; meta fields are present only when asked for. */
export type QueryItem<T = JsonValue> = { key: string; value: T } & Partial<Omit<ItemWithMeta<T>, "key" | "value">>;

export interface QueryResult<T = JsonValue> {
  items: QueryItem<T>[];
  lastKey?: string;
  next?: () => Promise<QueryResult<T>>;
}

export type DataEventName = "created" | "updated" | "deleted";

export interface DataEvent {
  name: DataEventName;
  item: ItemWithMeta;
  previous?: ItemWithMeta;
}

export type DataHandler = (event: DataEvent) => unknown;

export interface DataListenerOptions {
  /** Milliseconds; default 20 s, at most 60 s. */
  timeout?: number;
}

export interface SeedItem extends Omit<BatchSetEntry, "value"> {
  value: unknown;
}

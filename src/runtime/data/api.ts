/**
 * The data SDK's behaviour over any `DataBackend`: argument forms, key and
 * option normalisation, limits, and the shape of answers. Backends see only
 * parsed keys and stored records.
 */
import * as fs from "fs";
import * as path from "path";
import { formatKey, parseExactKey, parseExpression } from "./keys";
import { registerDataListener, toItemWithMeta, type DataListener } from "./listeners";
import { checkSeedDocument, formatJsonPath } from "./seed-format";
import {
  LABEL_NAMES,
  type BatchSetEntry,
  type DataBackend,
  type DataHandler,
  type DataListenerOptions,
  type GetOptions,
  type ItemWithMeta,
  type JsonValue,
  type LabelName,
  type QueryCursor,
  type QueryItem,
  type QueryResult,
  type SeedItem,
  type SetOptions,
  type StoredRecord,
} from "./types";
import { checkItemSize, DataValueError, normalizeTtl, parseLabels, splitAdds, toJson } from "./values";

export const MAX_BATCH = 25;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Key expressions that are collection queries, so their answer type is known statically. */
export type QueryExpression = `${string}:${string}*` | `${string}:>${string}` | `${string}:<${string}` | `${string}:${string}|${string}`;

export interface ListQueryOptions extends Omit<GetOptions, "label"> {
  label: LabelName;
}

export type DataEventSpec = string | string[];

/** Injected by index.ts: the configured backend, or the lazy default from the environment. */
export type BackendSource = () => DataBackend;

function checkBatch<T>(what: string, list: T[]): T[] {
  if (list.length > MAX_BATCH) throw new DataValueError(`${what}: at most ${MAX_BATCH} keys at once, got ${list.length}`);
  return list;
}

function checkLabelName(label: unknown): LabelName {
  const found = LABEL_NAMES.find((n) => n === label);
  if (!found) throw new DataValueError(`unknown label "${String(label)}"; use one of ${LABEL_NAMES.join(", ")}`);
  return found;
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new DataValueError(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
  return limit;
}

function plainItem(record: StoredRecord, meta: boolean): QueryItem {
  return meta ? toItemWithMeta(record) : { key: formatKey(record.key), value: record.value };
}

export function createDataApi(backend: BackendSource) {
  async function query(label: LabelName | undefined, expr: string, options: GetOptions): Promise<QueryResult> {
    const parsed = parseExpression(expr, label ? `${label} expression` : "data key");
    const limit = checkLimit(options.limit);
    const run = async (start: QueryCursor | undefined): Promise<QueryResult> => {
      const page = await backend().query({ label, pk: parsed.pk, condition: parsed.condition, limit, reverse: options.reverse === true, start });
      const result: QueryResult = { items: page.records.map((r) => plainItem(r, options.meta === true)) };
      const last = page.last;
      if (last) {
        result.lastKey = formatKey(last.key);
        result.next = () => run(last);
      }
      return result;
    };
    return run(options.start === undefined ? undefined : { key: parseExactKey(options.start, "start key") });
  }

  async function getExact(key: string, meta: boolean): Promise<JsonValue | ItemWithMeta | undefined> {
    const [record] = await backend().get([parseExactKey(key)]);
    if (!record) return undefined;
    return meta ? toItemWithMeta(record) : record.value;
  }

  function get<T = JsonValue>(keys: string[], options?: { meta?: boolean } | boolean): Promise<{ items: QueryItem<T>[] }>;
  function get<T = JsonValue>(expr: string, options: ListQueryOptions): Promise<QueryResult<T>>;
  function get<T = JsonValue>(expr: QueryExpression, options?: GetOptions | boolean): Promise<QueryResult<T>>;
  function get<T = JsonValue>(key: string, options: true | (GetOptions & { meta: true })): Promise<ItemWithMeta<T> | undefined>;
  function get<T = JsonValue>(key: string, options?: GetOptions | boolean): Promise<T | undefined>;
  async function get(keyOrKeys: string | string[], options?: GetOptions | boolean): Promise<unknown> {
    const opts: GetOptions = options === true ? { meta: true } : options === false || options === undefined ? {} : options;
    if (Array.isArray(keyOrKeys)) {
      const keys = checkBatch("data.get", keyOrKeys).map((k) => parseExactKey(k));
      const records = await backend().get(keys);
      return { items: records.flatMap((r) => (r ? [plainItem(r, opts.meta === true)] : [])) };
    }
    if (opts.label !== undefined) return query(checkLabelName(opts.label), keyOrKeys, opts);
    const parsed = parseExpression(keyOrKeys);
    if (parsed.condition.op !== "eq") return query(undefined, keyOrKeys, opts);
    return getExact(keyOrKeys, opts.meta === true);
  }

  function getByLabel<T = JsonValue>(label: LabelName, expr: string, options?: Omit<GetOptions, "label">): Promise<QueryResult<T>>;
  async function getByLabel(label: LabelName, expr: string, options?: Omit<GetOptions, "label">): Promise<QueryResult> {
    return query(checkLabelName(label), expr, options ?? {});
  }

  function toWrite(key: string, value: unknown, options: SetOptions & { overwrite?: boolean }) {
    const parsed = parseExactKey(key);
    const json = toJson(value);
    checkItemSize(parsed, json, options);
    const split = splitAdds(json);
    return {
      key: parsed,
      value: split.value,
      adds: split.adds,
      overwrite: options.overwrite === true,
      labels: parseLabels(options),
      ttl: normalizeTtl(options.ttl),
    };
  }

  function set<T = JsonValue>(items: BatchSetEntry[], options?: { overwrite?: boolean; meta?: boolean }): Promise<{ items: QueryItem<T>[] }>;
  function set<T = JsonValue>(key: string, value: T, options: SetOptions & { meta: true }): Promise<ItemWithMeta<T>>;
  function set<T = JsonValue>(key: string, value: T, options?: SetOptions): Promise<T>;
  async function set(keyOrItems: string | BatchSetEntry[], valueOrOptions?: unknown, maybeOptions?: SetOptions): Promise<unknown> {
    if (Array.isArray(keyOrItems)) {
      const batchOptions = isOptions(valueOrOptions) ? valueOrOptions : {};
      // Validate all before writing any, so a bad entry writes nothing.
      const writes = checkBatch("data.set", keyOrItems).map((entry) => toWrite(entry.key, entry.value, { ...entry, overwrite: batchOptions.overwrite }));
      const records = await Promise.all(writes.map((w) => backend().set(w)));
      return { items: records.map((r) => plainItem(r, batchOptions.meta === true)) };
    }
    const options = maybeOptions ?? {};
    const record = await backend().set(toWrite(keyOrItems, valueOrOptions, options));
    return options.meta ? toItemWithMeta(record) : record.value;
  }

  async function remove(keyOrKeys: string | string[]): Promise<boolean> {
    const keys = (Array.isArray(keyOrKeys) ? checkBatch("data.remove", keyOrKeys) : [keyOrKeys]).map((k) => parseExactKey(k));
    const removed = await Promise.all(keys.map((k) => backend().remove(k)));
    return removed.some(Boolean);
  }

  /**
   * `add(key, n)` and `add(key, field, n)`; a last argument `true` or
   * `{ meta: true }` returns the whole item with its metadata, as `get`
   * with `meta` does.
   */
  function add(key: string, amount: number, meta?: MetaFlag): Promise<number>;
  function add<T = { [field: string]: JsonValue }>(key: string, field: string, amount: number, meta?: MetaFlag): Promise<T>;
  async function add(key: string, fieldOrAmount: string | number, amountOrMeta?: number | MetaFlag, maybeMeta?: MetaFlag): Promise<unknown> {
    const field = typeof fieldOrAmount === "string" ? fieldOrAmount : undefined;
    const amount = typeof fieldOrAmount === "number" ? fieldOrAmount : amountOrMeta;
    const metaArg = typeof fieldOrAmount === "number" ? amountOrMeta : maybeMeta;
    const meta = metaArg === true || (typeof metaArg === "object" && metaArg !== null && metaArg.meta === true);
    if (typeof amount !== "number" || !Number.isFinite(amount)) throw new DataValueError(`data.add("${key}"): the amount must be a finite number`);
    if (field !== undefined && field.length === 0) throw new DataValueError(`data.add("${key}"): the field name must not be empty`);
    const record = await backend().add(parseExactKey(key), field, amount);
    return meta ? toItemWithMeta(record) : record.value;
  }

  function on(event: DataEventSpec, handler: DataHandler): DataListener;
  function on(event: DataEventSpec, options: DataListenerOptions, handler: DataHandler): DataListener;
  function on(event: DataEventSpec, optionsOrHandler: DataListenerOptions | DataHandler, maybeHandler?: DataHandler): DataListener {
    if (typeof optionsOrHandler === "function") return registerDataListener(event, undefined, optionsOrHandler);
    if (!maybeHandler) throw new Error("data.on: missing handler");
    return registerDataListener(event, optionsOrHandler, maybeHandler);
  }

  /**
   * Loads items in the data.json format. Without `overwrite` an item whose
   * key exists is skipped (the existing one stays); with `overwrite` true
   * every existing item of the store is removed first, then all items load.
   * Answers how many items were written.
   */
  async function seed(itemsOrPath: SeedItem[] | string, overwrite = false): Promise<{ items: number }> {
    const items = typeof itemsOrPath === "string" ? readSeedFile(itemsOrPath) : itemsOrPath;
    // Every entry is checked before anything is removed: a bad file never leaves an empty store.
    for (const item of items) toWrite(item.key, item.value, { ...item, overwrite: true });
    if (overwrite) await backend().clear();
    return { items: await load(items, Boolean(overwrite)) };
  }

  /** Writes `items` in batches; with `replaceKeys` false, only those whose key is absent. How many were written. */
  async function load(items: SeedItem[], replaceKeys: boolean): Promise<number> {
    let written = 0;
    for (let i = 0; i < items.length; i += MAX_BATCH) {
      const chunk = items.slice(i, i + MAX_BATCH);
      const keep = replaceKeys ? chunk : await absentOnly(chunk);
      if (keep.length === 0) continue;
      await set(keep, { overwrite: true });
      written += keep.length;
    }
    return written;
  }

  async function absentOnly(chunk: SeedItem[]): Promise<SeedItem[]> {
    const existing = await backend().get(chunk.map((item) => parseExactKey(item.key)));
    return chunk.filter((_, i) => existing[i] === undefined);
  }

  const api = { get, getByLabel, set, remove, add, on, seed };
  loaders.set(api, load);
  return api;
}

type Loader = (items: SeedItem[], replaceKeys: boolean) => Promise<number>;
const loaders = new WeakMap<object, Loader>();

/**
 * Loads items into the store of `api` without clearing it: keys that exist
 * are kept, or with `replaceKeys` replaced; every other item stays. For
 * the local tools that import data by key (`iac data import --overwrite`,
 * `iac dev --seed`); the SDK's `seed(items, true)` removes all data first.
 * Answers how many items were written.
 */
export async function loadItems(api: DataApi, items: SeedItem[], replaceKeys: boolean): Promise<number> {
  const load = loaders.get(api);
  if (!load) throw new Error("internal: loadItems needs a data API made by createDataApi");
  return load(items, replaceKeys);
}

/** `true` or `{ meta: true }`: return the item with its metadata. */
type MetaFlag = boolean | { meta?: boolean };

function isOptions(v: unknown): v is { overwrite?: boolean; meta?: boolean } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The data.json format (src/runtime/data/seed-format.ts), read from `file`. */
export function readSeedFile(file: string): SeedItem[] {
  const text = fs.readFileSync(path.resolve(file), "utf8");
  const checked = checkSeedDocument(JSON.parse(text));
  if (!checked.ok) throw new DataValueError(`${file}: ${formatJsonPath(checked.path)}: ${checked.message}`);
  return checked.items;
}

export type DataApi = ReturnType<typeof createDataApi>;

/**
 * Normalises what apps pass to `data.set`: values to JSON, `{ $add: n }`
 * fields split out, TTL forms to epoch seconds, labels parsed, and the 400 KB
 * item limit checked up front so the error is the same on every backend.
 */
import { parseLabelValue, DataKeyError } from "./keys";
import { LABEL_NAMES, type JsonValue, type LabelName, type ParsedKey, type SetOptions, type TtlInput } from "./types";

export const MAX_ITEM_BYTES = 400 * 1024;

/** A value or option the contract refuses; a client error's status, as DataKeyError. */
export class DataValueError extends Error {
  override name = "DataValueError";
  readonly status = 400;
  readonly expose = true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

/** JSON semantics: what `JSON.stringify` would keep (Dates become ISO strings, undefined fields vanish). */
export function toJson(value: unknown, path = "value"): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DataValueError(`${path} is ${value}; only finite numbers can be stored`);
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toJson(v, `${path}[${i}]`)));
  if (isPlainObject(value)) {
    const out: { [field: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== "function") out[k] = toJson(v, `${path}.${k}`);
    return out;
  }
  throw new DataValueError(`${path} of type ${typeof value} cannot be stored (JSON values only)`);
}

/** Splits `{ field: { $add: n } }` entries out of an object value. */
export function splitAdds(value: JsonValue): { value: JsonValue; adds: Record<string, number> } {
  if (!isPlainObject(value)) return { value, adds: {} };
  const rest: { [field: string]: JsonValue } = {};
  const adds: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isPlainObject(v) && "$add" in v && Object.keys(v).length === 1) {
      const n = v.$add;
      if (typeof n !== "number" || !Number.isFinite(n)) throw new DataValueError(`value.${k}: $add needs a finite number`);
      adds[k] = n;
    } else {
      rest[k] = v;
    }
  }
  return { value: rest, adds };
}

/** Epoch seconds, now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `ttl`: above now (epoch s) = absolute; smaller = seconds from now; ISO date or Date = absolute. */
export function normalizeTtl(ttl: TtlInput | undefined): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  const now = nowSeconds();
  if (ttl instanceof Date) return Math.floor(ttl.getTime() / 1000);
  if (typeof ttl === "string") {
    const asNumber = Number(ttl);
    if (ttl.trim() !== "" && Number.isFinite(asNumber)) return normalizeTtl(asNumber);
    const ms = Date.parse(ttl);
    if (Number.isNaN(ms)) throw new DataValueError(`ttl "${ttl}" is neither a number of seconds nor an ISO 8601 date`);
    return Math.floor(ms / 1000);
  }
  if (!Number.isFinite(ttl)) throw new DataValueError(`ttl ${ttl} is not a finite number`);
  const seconds = Math.floor(ttl);
  return seconds > now ? seconds : now + seconds;
}

export function parseLabels(opts: Partial<Record<LabelName, unknown>>): Partial<Record<LabelName, ParsedKey>> {
  const labels: Partial<Record<LabelName, ParsedKey>> = {};
  for (const name of LABEL_NAMES) {
    const raw = opts[name];
    if (raw !== undefined && raw !== null) labels[name] = parseLabelValue(raw, name);
  }
  return labels;
}

/** Rejects items over 400 KB, measured as DynamoDB does roughly: attribute names plus UTF-8 values. */
export function checkItemSize(key: ParsedKey, value: JsonValue, options: Pick<SetOptions, LabelName>): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "", "utf8") + Buffer.byteLength(key.pk + key.sk) + Buffer.byteLength(JSON.stringify(options));
  if (bytes > MAX_ITEM_BYTES) {
    throw new DataValueError(`data item "${key.pk}:${key.sk}" is ${Math.ceil(bytes / 1024)} KB; an item may be at most 400 KB`);
  }
}

export function isDataInputError(e: unknown): boolean {
  return e instanceof DataValueError || e instanceof DataKeyError;
}

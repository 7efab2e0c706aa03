/**
 * Key syntax of the data SDK: validation, the `col:k` → (pk, sk) mapping and
 * the query language (`*`, `pre*`, `>k`, `>=k`, `<k`, `<=k`, `a|b`).
 *
 * Simple keys (no colon) live in the partition `SIMPLE_PARTITION`. Collection
 * names are everything before the first colon, so they never contain a colon;
 * a partition value that does contain one can therefore never collide with a
 * collection, and it is a non-empty string, which DynamoDB requires.
 */
import type { ParsedKey, SortCondition } from "./types";

export const SIMPLE_PARTITION = ":";
export const MAX_KEY_BYTES = 256;

/**
 * A key the contract refuses. Usually made from a request's input, so it
 * carries a client error's status (400, its message safe to show, as
 * http-errors mark theirs): an app's error middleware, or the runtime's
 * last one, can answer 400 instead of 500.
 */
export class DataKeyError extends Error {
  override name = "DataKeyError";
  readonly status = 400;
  readonly expose = true;
}

/** Trims and checks length; returns the trimmed key. */
function checkText(raw: unknown, what: string): string {
  if (typeof raw !== "string") throw new DataKeyError(`${what} must be a string, got ${raw === null ? "null" : typeof raw}`);
  const key = raw.trim();
  if (key.length === 0) throw new DataKeyError(`${what} must not be empty`);
  const bytes = Buffer.byteLength(key, "utf8");
  if (bytes > MAX_KEY_BYTES) throw new DataKeyError(`${what} "${key.slice(0, 40)}..." is ${bytes} bytes; at most ${MAX_KEY_BYTES} are allowed`);
  return key;
}

function split(key: string, what: string): { collection?: string; rest: string } {
  const colon = key.indexOf(":");
  if (colon < 0) return { rest: key };
  const collection = key.slice(0, colon).trim();
  const rest = key.slice(colon + 1).trim();
  if (collection.length === 0) throw new DataKeyError(`${what} "${key}" has an empty collection name before ":"`);
  return { collection, rest };
}

/** An exact key, as used by set/remove/add and exact gets. */
export function parseExactKey(raw: unknown, what = "data key"): ParsedKey {
  const key = checkText(raw, what);
  const { collection, rest } = split(key, what);
  if (collection === undefined) return { pk: SIMPLE_PARTITION, sk: key };
  if (rest.length === 0) throw new DataKeyError(`${what} "${key}" has no key after the collection "${collection}:"`);
  if (/[|*]/.test(rest)) throw new DataKeyError(`${what} "${key}": "|" and "*" are not allowed in a collection key (they are query operators)`);
  if (/^[<>]/.test(rest)) throw new DataKeyError(`${what} "${key}": a collection key may not start with "<" or ">" (query operators)`);
  return { pk: collection, sk: rest };
}

/** The user-facing key string of a stored key. */
export function formatKey(key: ParsedKey): string {
  return key.pk === SIMPLE_PARTITION ? key.sk : `${key.pk}:${key.sk}`;
}

export interface ParsedExpression {
  pk: string;
  condition: SortCondition;
}

/**
 * A get/label expression: an exact key (condition `eq`) or a collection query.
 * Simple keys have no query syntax: `a*` without a colon is the exact key `a*`.
 */
export function parseExpression(raw: unknown, what = "data key"): ParsedExpression {
  const key = checkText(raw, what);
  const { collection, rest } = split(key, what);
  if (collection === undefined) return { pk: SIMPLE_PARTITION, condition: { op: "eq", value: key } };
  const pk = collection;
  if (rest.length === 0) throw new DataKeyError(`${what} "${key}" has nothing after "${collection}:" (use "${collection}:*" for all)`);
  if (rest === "*") return { pk, condition: { op: "all" } };
  const between = rest.split("|");
  if (between.length === 2) {
    const [from, to] = between.map((s) => s.trim());
    if (!from || !to || /[*]/.test(from + to)) throw new DataKeyError(`${what} "${key}": a range is written "col:from|to"`);
    if (from > to) throw new DataKeyError(`${what} "${key}": the range start "${from}" sorts after its end "${to}"`);
    return { pk, condition: { op: "between", from, to } };
  }
  if (between.length > 2) throw new DataKeyError(`${what} "${key}": only one "|" is allowed (col:from|to)`);
  const cmp = /^(>=|<=|>|<)(.*)$/.exec(rest);
  if (cmp) {
    const value = cmp[2].trim();
    const op = cmp[1];
    if (!value || /[*]/.test(value)) throw new DataKeyError(`${what} "${key}": "${op}" needs a key after it, without "*"`);
    if (op === ">" || op === ">=" || op === "<" || op === "<=") return { pk, condition: { op, value } };
  }
  if (rest.endsWith("*") && rest.indexOf("*") === rest.length - 1) {
    return { pk, condition: { op: "prefix", value: rest.slice(0, -1) } };
  }
  if (rest.includes("*")) throw new DataKeyError(`${what} "${key}": "*" is only allowed at the end (a prefix query)`);
  return { pk, condition: { op: "eq", value: rest } };
}

/** A label value: the same rules as an exact key (`status:complete` or `complete`). */
export function parseLabelValue(raw: unknown, label: string): ParsedKey {
  return parseExactKey(raw, `${label} value`);
}

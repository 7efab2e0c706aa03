/**
 * `req.query` as Express 4's default ("extended") query parser gives it:
 * `qs.parse(str, { allowPrototypes: true })`. qs, with the side-channel
 * packages it evaluates when it loads, is required only for a query string
 * that needs it: one with brackets (`a[b]=1`, `a[]=1`), a repeated key, a
 * key that names an `Object.prototype` member, or more parts than qs reads.
 * Every other query string is a flat list of distinct keys, and for those
 * qs's answer is a plain object of the decoded keys and values, which is
 * what `flatQuery` builds (test/runtime/core/query.test.ts compares the two
 * on generated strings).
 */
import type * as Qs from "qs";

/** qs's `parameterLimit` default: parts past it are dropped. */
const PARAMETER_LIMIT = 1000;

let qs: typeof Qs | undefined;

export function parseQuery(str: string | null | undefined): Record<string, unknown> {
  if (str === "" || str === null || str === undefined) return {};
  return flatQuery(str) ?? (qs ??= require("qs") as typeof Qs).parse(str, { allowPrototypes: true });
}

/** The query as qs parses it when every part is a distinct plain key; undefined when qs must decide. */
export function flatQuery(str: string): Record<string, string> | undefined {
  // qs reads %5B and %5D as brackets before it splits.
  if (/[[\]]|%5[bd]/i.test(str)) return undefined;
  const parts = str.split("&");
  if (parts.length > PARAMETER_LIMIT) return undefined;
  const out: Record<string, string> = {};
  for (const part of parts) {
    const pos = part.indexOf("=");
    const key = decode(pos === -1 ? part : part.slice(0, pos));
    // qs drops an empty key.
    if (key === "") continue;
    if (Object.prototype.hasOwnProperty.call(out, key) || Object.prototype.hasOwnProperty.call(Object.prototype, key)) return undefined;
    out[key] = pos === -1 ? "" : decode(part.slice(pos + 1));
  }
  return out;
}

/** qs's utf-8 decoder: `+` is a space, and a malformed escape leaves the text as it is. */
function decode(str: string): string {
  const spaced = str.indexOf("+") === -1 ? str : str.replace(/\+/g, " ");
  if (spaced.indexOf("%") === -1) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

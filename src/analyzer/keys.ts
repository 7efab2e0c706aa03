/**
 * What a data key expression says about the collections it touches:
 * `"todo:1"` and `` `todo:${id}` `` are collection `todo`, `"config"` is the
 * simple-key collection `""`, `"todo:*"` and `"todo:>a"` are queries.
 */
import ts = require("typescript");
import type { Resolver } from "./resolve";
import { skipOuter } from "./syntax";
import { stringShape } from "./values";

const { isTemplateExpression } = ts;

export interface KeyInfo {
  /** Undefined when the collection cannot be known statically. */
  collection?: string;
  /** A collection query (`*`, `>`, `<`, `|`) rather than an exact key. */
  query: boolean;
}

export function keyInfo(expr: ts.Expression, resolver: Resolver): KeyInfo {
  const shape = stringShape(expr, resolver);
  if (!shape) return { query: false };
  const text = shape.prefix.trim();
  const colon = text.indexOf(":");
  if (colon < 0) return shape.complete ? { collection: "", query: false } : { query: false };
  const rest = text.slice(colon + 1);
  // `todo:${prefix}*` is a prefix query: the literal parts after the first substitution count too.
  const e = skipOuter(expr);
  const tail = isTemplateExpression(e) ? e.templateSpans.map((s) => s.literal.text).join("") : "";
  const query = /^[<>]/.test(rest) || /[*|]/.test(rest) || /[*|]/.test(tail);
  return { collection: text.slice(0, colon), query };
}

/** Keys of a `[k1, k2]` batch, or the single key. `undefined` entries mean "unknown". */
export function keysOf(expr: ts.Expression, resolver: Resolver): { infos: KeyInfo[]; batch: boolean } {
  const ref = resolver.expression(expr);
  if (ref.kind === "array") return { infos: ref.node.elements.map((e) => keyInfo(e, resolver)), batch: true };
  return { infos: [keyInfo(expr, resolver)], batch: false };
}

/** Collections of every key, or undefined when any is unknown (the scope is then "any key"). */
export function collectionsOf(infos: readonly KeyInfo[]): string[] | undefined {
  const out: string[] = [];
  for (const i of infos) {
    if (i.collection === undefined) return undefined;
    out.push(i.collection);
  }
  return out;
}

/**
 * The data.json format, one schema for every reader: `data.seed(file)`,
 * `iac dev`'s seeding, `iac data import`, `iac test` and the control
 * endpoint's `POST /_iac/data`. A document is an array of items, or
 * `{ items: [...] }`; an item is `{ key, value, label1?..label5?, ttl? }`
 * (other fields are left alone, as the SDK's `set` would).
 *
 * valibot checks the shape (about 5 ms to load, against about 30 ms for
 * zod/mini and 40 ms for ajv with its compile, on `iac dev`'s start); the
 * answer names the first problem by its path inside the document
 * (`[3].key`), which callers that have the text turn into a line.
 */
import * as v from "valibot";
import type { SeedItem } from "./types";

const label = v.optional(v.string());

const SEED_ITEM = v.looseObject({
  key: v.string(),
  value: v.unknown(),
  label1: label,
  label2: label,
  label3: label,
  label4: label,
  label5: label,
  ttl: v.optional(v.union([v.number(), v.string()])),
});

const SEED_ITEMS = v.array(SEED_ITEM);

/** A path inside a JSON document: array indexes and object keys. */
export type JsonPath = (string | number)[];

export type SeedCheck = { ok: true; items: SeedItem[] } | { ok: false; path: JsonPath; message: string };

/** `[3].key`, `items[0]`, or `(the document)` for the root. */
export function formatJsonPath(path: JsonPath): string {
  const text = path.map((p) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("");
  return text === "" ? "(the document)" : text.replace(/^\./, "");
}

/** A parsed data.json document as seed items, or the first problem, located by its path. */
export function checkSeedDocument(document: unknown): SeedCheck {
  const wrapped = typeof document === "object" && document !== null && !Array.isArray(document);
  const list: unknown = wrapped ? Reflect.get(document, "items") : document;
  const prefix: JsonPath = wrapped ? ["items"] : [];
  if (!Array.isArray(list)) {
    return { ok: false, path: prefix, message: "expected an array of { key, value } items (or { items: [...] })" };
  }
  const result = v.safeParse(SEED_ITEMS, list);
  if (result.success) return { ok: true, items: result.output };
  const issue = result.issues[0];
  const path: JsonPath = [...prefix];
  for (const step of issue.path ?? []) if (typeof step.key === "string" || typeof step.key === "number") path.push(step.key);
  return { ok: false, path, message: describeIssue(issue, path) };
}

/** valibot's message, in the words the rest of iac uses: what was expected, what was found. */
function describeIssue(issue: v.BaseIssue<unknown>, path: JsonPath): string {
  const last = path[path.length - 1];
  if (issue.received === "undefined" && typeof last === "string") return `the item has no "${last}"`;
  if (path.length === 1 || (path.length === 2 && path[0] === "items")) return `an item is an object { key, value }, got ${issue.received}`;
  return `expected ${issue.expected === "(number | string)" ? "a number or a date string" : `a ${issue.expected}`}, got ${issue.received}`;
}

/** The data.json format: an array of `{ key, value, label1?.., ttl? }` (or `{ items: [...] }`), checked. */
import * as fs from "fs";
import type { SeedItem } from "../runtime/data/types";
import { LocalAppError } from "./app";

/** Parses a data.json document (an array, or `{ items: [...] }`) into seed items. */
export function parseDataJson(text: string, source: string): SeedItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LocalAppError(`${source} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const list: unknown = Array.isArray(parsed) ? parsed : typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "items") : undefined;
  if (!Array.isArray(list)) throw new LocalAppError(`${source}: expected an array of { key, value } items`);
  return list.map((entry: unknown, i) => {
    if (!isSeedItem(entry)) throw new LocalAppError(`${source}: item ${i} needs a string "key" and a "value"`);
    return entry;
  });
}

function isSeedItem(v: unknown): v is SeedItem {
  return typeof v === "object" && v !== null && "key" in v && typeof v.key === "string" && "value" in v;
}

export function readDataJson(file: string): SeedItem[] {
  return parseDataJson(fs.readFileSync(file, "utf8"), file);
}

/**
 * Reading data.json text (an app's seed file, `iac data import`'s input,
 * the export `iac dev` answers): JSON.parse, then the one schema of the
 * format (src/runtime/data/seed-format.ts). Errors name the source, and
 * for text the line and column: of the syntax error, or of the value the
 * schema refused (`data.json:7:12: [2].key: expected a string, got 7`).
 */
import * as fs from "fs";
import type { SeedItem } from "../runtime/data/types";
import { checkSeedDocument, formatJsonPath, type JsonPath } from "../runtime/data/seed-format";
import { LocalAppError } from "./app";

/** Parses a data.json document (an array, or `{ items: [...] }`) into seed items. */
export function parseDataJson(text: string, source: string): SeedItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "at position N" (or nothing, at the end of the input): N as a line and column.
    const position = /at position (\d+)/.exec(message)?.[1];
    const at = lineAndColumn(text, position === undefined ? text.length : Number(position));
    throw new LocalAppError(`${source}:${at} is not valid JSON (${message})`);
  }
  const checked = checkSeedDocument(parsed);
  if (checked.ok) return checked.items;
  throw new LocalAppError(`${source}:${locate(text, checked.path)}: ${formatJsonPath(checked.path)}: ${checked.message}`);
}

export function readDataJson(file: string): SeedItem[] {
  return parseDataJson(fs.readFileSync(file, "utf8"), file);
}

/** Where the value at `path` starts, as `line:column` (1-based). */
function locate(text: string, path: JsonPath): string {
  // Loaded only here: a well-formed file never pays for it.
  const { findNodeAtLocation, parseTree }: typeof import("jsonc-parser") = require("jsonc-parser");
  const tree = parseTree(text);
  // A missing property has no node: point at the object that lacks it.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = tree && findNodeAtLocation(tree, path.slice(0, depth));
    if (node) return lineAndColumn(text, node.offset);
  }
  return "1:1";
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

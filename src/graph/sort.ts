/** The orderings a canonical graph is sorted by (normalize.ts and each kind's `normalize`). */
import type { SourceLocation } from "./types";

export function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.column, b.column);
}

/** Duplicates dropped, sorted. */
export function uniqSorted<T extends string>(items: readonly T[]): T[] {
  return [...new Set(items)].sort(cmp);
}

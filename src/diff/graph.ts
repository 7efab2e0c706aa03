/**
 * Compares two AppGraphs in the app's own terms.
 *
 * Input: the base and head graphs. Output: changes, each classified and
 * explained with the source locations that caused it (head locations for
 * what is new, base locations for what is gone).
 * Invariant: entries are matched by id and compared by content, never by
 * source location, so a pure refactor (handlers moved between files) yields
 * no change at all.
 */
import type { AppGraph } from "../graph";
import { diffApi, diffRegistrations } from "./handlers";
import { diffFunctions } from "./permissions";
import { diffStores } from "./stores";
import type { Change, ChangeArea } from "./types";

const AREA_ORDER: readonly ChangeArea[] = [
  "app",
  "data",
  "label-index",
  "storage",
  "permission",
  "function",
  "route",
  "middleware",
  "http",
  "schedule",
  "event-subscription",
  "data-listener",
  "storage-listener",
  "events",
  "params",
  "static",
  "resource",
];

/** Stable order: by area, then subject, then action. */
export function sortChanges(changes: readonly Change[]): Change[] {
  const rank = (c: Change): number => AREA_ORDER.indexOf(c.area);
  return [...changes].sort((a, b) => {
    if (a.source !== b.source) return a.source === "graph" ? -1 : 1;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.subject !== b.subject) return a.subject < b.subject ? -1 : 1;
    return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
  });
}

export function diffGraphs(base: AppGraph, head: AppGraph): Change[] {
  return sortChanges([...diffStores(base, head), ...diffFunctions(base, head), ...diffApi(base, head), ...diffRegistrations(base, head)]);
}

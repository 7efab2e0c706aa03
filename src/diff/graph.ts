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
import type { AppGraph, ResourceKind } from "../graph";
import { diffApi, diffRegistrations } from "./handlers";
import { diffFunctions } from "./permissions";
import { diffData, diffEvents, diffHttp, diffParams, diffStatic, diffStorage } from "./stores";
import type { Change, ChangeArea } from "./types";

type Compare = (base: AppGraph, head: AppGraph) => Change[];

/**
 * What compares each kind of resource: one entry per kind, so the compiler
 * asks for one when a kind is added to the graph. The singletons each have
 * their own (stores.ts: where data can be lost); the handler registrations
 * share one (handlers.ts), matched by id and compared by timeout, so that a
 * schedule swapped for another reads as one change. Each comparer runs once.
 */
const COMPARE_BY_KIND = {
  data: diffData,
  storage: diffStorage,
  events: diffEvents,
  params: diffParams,
  static: diffStatic,
  http: diffHttp,
  api: diffApi,
  schedule: diffRegistrations,
  "event-subscription": diffRegistrations,
  "data-listener": diffRegistrations,
  "storage-listener": diffRegistrations,
} satisfies Record<ResourceKind, Compare>;

/** Where each area's changes come in a report: one entry per area, so a new area must be placed. */
const AREA_ORDER = {
  app: 0,
  data: 1,
  "label-index": 2,
  storage: 3,
  permission: 4,
  function: 5,
  route: 6,
  middleware: 7,
  http: 8,
  schedule: 9,
  "event-subscription": 10,
  "data-listener": 11,
  "storage-listener": 12,
  events: 13,
  params: 14,
  static: 15,
  resource: 16,
} satisfies Record<ChangeArea, number>;

/** Stable order: by area, then subject, then action. */
export function sortChanges(changes: readonly Change[]): Change[] {
  const rank = (c: Change): number => AREA_ORDER[c.area];
  return [...changes].sort((a, b) => {
    if (a.source !== b.source) return a.source === "graph" ? -1 : 1;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.subject !== b.subject) return a.subject < b.subject ? -1 : 1;
    return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
  });
}

export function diffGraphs(base: AppGraph, head: AppGraph): Change[] {
  const comparers = new Set<Compare>(Object.values(COMPARE_BY_KIND));
  // Per-function permissions are not a kind of resource: they come from every kind's usages.
  return sortChanges([...[...comparers].flatMap((compare) => compare(base, head)), ...diffFunctions(base, head)]);
}

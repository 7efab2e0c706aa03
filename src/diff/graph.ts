/**
 * Compares two AppGraphs in the app's own terms.
 *
 * Input: the base and head graphs. Output: changes, each classified and
 * explained with the source locations that caused it (head locations for
 * what is new, base locations for what is gone).
 * Invariant: entries are matched by id and compared by content, never by
 * source location, so a pure refactor (handlers moved between files) yields
 * no change at all. Each kind compares its own resources (kinds/<kind>.ts);
 * the functions' permissions come from every kind's usages (permissions.ts).
 */
import type { AppGraph } from "../graph";
import { AREAS, type Compare, DIFF_KINDS } from "./kinds";
import { diffFunctions } from "./permissions";
import type { Change, ChangeArea } from "./types";

function isArea(name: string): name is ChangeArea {
  return name in AREAS;
}

/** Each area's place in a report: the order of kinds/index.ts's AREAS, where every area is placed once. */
const AREA_RANK: ReadonlyMap<ChangeArea, number> = new Map(
  Object.keys(AREAS)
    .filter(isArea)
    .map((area, i) => [area, i]),
);

/** Stable order: by area, then subject, then action. */
export function sortChanges(changes: readonly Change[]): Change[] {
  const rank = (c: Change): number => AREA_RANK.get(c.area) ?? AREA_RANK.size;
  return [...changes].sort((a, b) => {
    if (a.source !== b.source) return a.source === "graph" ? -1 : 1;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.subject !== b.subject) return a.subject < b.subject ? -1 : 1;
    return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
  });
}

export function diffGraphs(base: AppGraph, head: AppGraph): Change[] {
  // Each kind's comparer (kinds/), once; per-function permissions are not a kind of resource: they come from every kind's usages.
  const comparers: Compare[] = Object.values(DIFF_KINDS).map((k) => k.compare);
  return sortChanges([...comparers.flatMap((compare) => compare(base, head)), ...diffFunctions(base, head)]);
}

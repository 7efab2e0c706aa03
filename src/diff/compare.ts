/**
 * What the graph comparers share: finding a kind's resource on each side,
 * matching two lists by key, and the causes a change cites (a registration
 * or resource by its location, a usage by its SDK call and the path to it).
 */
import type { AppGraph, Resource, ResourceKind, SourceLocation, Usage } from "../graph";
import type { Cause } from "./types";

export function at(side: Cause["side"], location: SourceLocation, what?: string): Cause {
  return { side, location, via: [], what };
}

export function usageCause(side: Cause["side"], u: Usage): Cause {
  return { side, location: u.location, via: u.via, what: `${u.resource}.${u.operation}`, from: u.handler };
}

/** The graph's resource of a singleton kind (data, storage, events...), if it has one. */
export function single<K extends ResourceKind>(g: AppGraph, kind: K): Extract<Resource, { kind: K }> | undefined {
  return g.resources.find((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

/** Matches two lists by key; calls back for added, removed and common entries. */
export function matchBy<T>(
  base: readonly T[],
  head: readonly T[],
  key: (t: T) => string,
  on: { added(t: T): void; removed(t: T): void; both(b: T, h: T): void },
): void {
  const baseMap = new Map(base.map((t) => [key(t), t]));
  const headKeys = new Set(head.map(key));
  for (const h of head) {
    const b = baseMap.get(key(h));
    if (b === undefined) on.added(h);
    else on.both(b, h);
  }
  for (const b of base) if (!headKeys.has(key(b))) on.removed(b);
}

export function listDelta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

/**
 * A function's access set: the (resource, operation, scope) triples its
 * handlers' usages, plus the module top level's (`@app`, which runs in every
 * function), allow. Each grant remembers the usages that caused it, so a
 * widened permission can cite the `data.set` call and the helpers it went
 * through.
 *
 * A grant's scope is one collection / prefix / name, or `*` when the
 * analyzer could not tell (any key, any path, any name). `*` covers every
 * specific scope of the same resource and operation.
 */
import { APP_HANDLER } from "../graph";
import type { AppGraph, FunctionPlan, Usage } from "../graph";
import { ANY_SCOPE, DIFF_KINDS } from "./kinds";

export { ANY_SCOPE };

export interface Grant {
  resource: Usage["resource"];
  operation: string;
  scope: string;
  /** The usages that give this grant, in graph order. */
  usages: Usage[];
}

export function grantKey(g: Pick<Grant, "resource" | "operation" | "scope">): string {
  return `${g.resource}.${g.operation} ${g.scope}`;
}

/** Readable: `data.set on collection "todo"`, `storage.write on any path` (the scope's words are its kind's). */
export function describeGrant(g: Pick<Grant, "resource" | "operation" | "scope">): string {
  return `${g.resource}.${g.operation} on ${DIFF_KINDS[g.resource].grantScope(g.operation, g.scope)}`;
}

function scopesOf(u: Usage): string[] {
  const s = u.scope;
  const list = u.resource === "data" ? s.collections : u.resource === "storage" ? s.prefixes : s.names;
  return list && list.length > 0 ? [...list] : [ANY_SCOPE];
}

/** Grants of one function, keyed by `grantKey`. */
export function accessOf(graph: AppGraph, fn: FunctionPlan): Map<string, Grant> {
  const handlers = new Set([...fn.handlers, APP_HANDLER]);
  const grants = new Map<string, Grant>();
  for (const u of graph.usages) {
    if (!handlers.has(u.handler)) continue;
    for (const scope of scopesOf(u)) {
      const key = grantKey({ resource: u.resource, operation: u.operation, scope });
      const g = grants.get(key);
      if (g) g.usages.push(u);
      else grants.set(key, { resource: u.resource, operation: u.operation, scope, usages: [u] });
    }
  }
  return grants;
}

/** True when `grants` already allow `g` (the same grant, or the same call on any scope). */
export function isCovered(g: Grant, grants: ReadonlyMap<string, Grant>): boolean {
  return grants.has(grantKey(g)) || grants.has(grantKey({ ...g, scope: ANY_SCOPE }));
}

/** Grants in `after` not allowed by `before`, sorted by key. */
export function widenedGrants(before: ReadonlyMap<string, Grant>, after: ReadonlyMap<string, Grant>): Grant[] {
  return [...after.values()].filter((g) => !isCovered(g, before)).sort(byKey);
}

function byKey(a: Grant, b: Grant): number {
  const ka = grantKey(a);
  const kb = grantKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Puts a graph in its canonical form: every array sorted, duplicates
 * dropped, so the same app always serialises to the same bytes. Order that
 * carries meaning is kept: routes and middleware stay in registration order
 * (`order`), a route's chain and a usage's `via` stay in call order.
 * Pure; returns a new graph and never mutates its input.
 */
import { graphKind } from "./kinds";
import { cmp, compareLocations, uniqSorted } from "./sort";
import type { AppGraph, Resource, SourceLocation, Usage, UsageScope } from "./types";

export { compareLocations };

/** Each kind says what to sort in it (`normalize` in kinds/<kind>.ts). */
function normalizeResource(r: Resource): Resource {
  return graphKind(r.kind).normalize(r);
}

function normalizeScope(scope: UsageScope): UsageScope {
  const out: UsageScope = {};
  if (scope.collections) out.collections = uniqSorted(scope.collections);
  if (scope.labels) out.labels = uniqSorted(scope.labels);
  if (scope.prefixes) out.prefixes = uniqSorted(scope.prefixes);
  if (scope.names) out.names = uniqSorted(scope.names);
  return out;
}

/** Sorted by (handler, resource, operation, location), then scope and via so ties are stable too. */
function compareUsages(a: { u: Usage; tail: string }, b: { u: Usage; tail: string }): number {
  return (
    cmp(a.u.handler, b.u.handler) ||
    cmp(a.u.resource, b.u.resource) ||
    cmp(a.u.operation, b.u.operation) ||
    compareLocations(a.u.location, b.u.location) ||
    cmp(a.tail, b.tail)
  );
}

export function normalizeGraph(graph: AppGraph): AppGraph {
  const resources = [...new Map(graph.resources.map((r) => [r.id, normalizeResource(r)])).values()].sort((a, b) => cmp(a.id, b.id));
  const handlers = [...new Map(graph.handlers.map((h) => [h.id, { ...h }])).values()].sort((a, b) => cmp(a.id, b.id));
  // Serialise the tie-breakers once per usage, not once per comparison; usages of one call site share
  // their scope object and those reached by one path their via list (the analyzer's), so once per object.
  const scopes = new Map<UsageScope, { scope: UsageScope; json: string }>();
  const vias = new Map<readonly SourceLocation[], string>();
  const keyed = graph.usages.map((x) => {
    let scope = scopes.get(x.scope);
    if (!scope) {
      const normal = normalizeScope(x.scope);
      scope = { scope: normal, json: JSON.stringify(normal) };
      scopes.set(x.scope, scope);
    }
    let via = vias.get(x.via);
    if (via === undefined) {
      via = JSON.stringify(x.via);
      vias.set(x.via, via);
    }
    // Written out rather than spread: one object shape, and one key order whatever the input's.
    const u = { resource: x.resource, operation: x.operation, scope: scope.scope, handler: x.handler, location: x.location, via: x.via } as Usage;
    return { u, tail: `${scope.json}${via}` };
  });
  const usages: Usage[] = [];
  let previous: { u: Usage; tail: string } | undefined;
  for (const k of keyed.sort(compareUsages)) {
    if (previous && compareUsages(previous, k) === 0) continue;
    previous = k;
    usages.push(k.u);
  }
  const functions = graph.functions.map((f) => ({ ...f, handlers: uniqSorted(f.handlers) })).sort((a, b) => cmp(a.id, b.id));
  return { version: graph.version, app: { ...graph.app }, resources, handlers, usages, functions };
}

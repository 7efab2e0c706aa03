/**
 * Puts a graph in its canonical form: every array sorted, duplicates
 * dropped, so the same app always serialises to the same bytes. Order that
 * carries meaning is kept: routes and middleware stay in registration order
 * (`order`), a route's chain and a usage's `via` stay in call order.
 * Pure; returns a new graph and never mutates its input.
 */
import type { AppGraph, Resource, SourceLocation, Usage, UsageScope } from "./types";

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.column, b.column);
}

function uniqSorted<T extends string>(items: readonly T[]): T[] {
  return [...new Set(items)].sort(cmp);
}

function normalizeResource(r: Resource): Resource {
  switch (r.kind) {
    case "api":
      return {
        ...r,
        routes: [...r.routes].sort((a, b) => a.order - b.order || cmp(a.id, b.id)),
        middleware: [...r.middleware].sort((a, b) => a.order - b.order || cmp(a.id, b.id)),
      };
    case "data":
      return { ...r, labels: uniqSorted(r.labels), collections: uniqSorted(r.collections) };
    case "events":
      return { ...r, published: uniqSorted(r.published) };
    case "params":
      return { ...r, names: uniqSorted(r.names) };
    case "static":
      return { ...r, files: [...new Map(r.files.map((f) => [f.path, f])).values()].sort((a, b) => cmp(a.path, b.path)) };
    case "data-listener":
      return { ...r, events: uniqSorted(r.events) };
    case "storage-listener":
      return { ...r, events: uniqSorted(r.events) };
    case "http":
    case "storage":
    case "schedule":
    case "event-subscription":
      return { ...r };
    default: {
      const never: never = r;
      throw new Error(`unknown resource kind ${JSON.stringify(never)}`);
    }
  }
}

function normalizeScope(scope: UsageScope): UsageScope {
  const out: UsageScope = {};
  if (scope.collections) out.collections = uniqSorted(scope.collections);
  if (scope.labels) out.labels = uniqSorted(scope.labels);
  if (scope.prefixes) out.prefixes = uniqSorted(scope.prefixes);
  if (scope.names) out.names = uniqSorted(scope.names);
  return out;
}

function compareUsages(a: Usage, b: Usage): number {
  return (
    cmp(a.handler, b.handler) ||
    cmp(a.resource, b.resource) ||
    cmp(a.operation, b.operation) ||
    compareLocations(a.location, b.location) ||
    cmp(JSON.stringify(a.scope), JSON.stringify(b.scope)) ||
    cmp(JSON.stringify(a.via), JSON.stringify(b.via))
  );
}

export function normalizeGraph(graph: AppGraph): AppGraph {
  const resources = [...new Map(graph.resources.map((r) => [r.id, normalizeResource(r)])).values()].sort((a, b) => cmp(a.id, b.id));
  const handlers = [...new Map(graph.handlers.map((h) => [h.id, { ...h }])).values()].sort((a, b) => cmp(a.id, b.id));
  const usages: Usage[] = [];
  const seen = new Set<string>();
  for (const u of [...graph.usages].map((u) => ({ ...u, scope: normalizeScope(u.scope) })).sort(compareUsages)) {
    const key = JSON.stringify(u);
    if (seen.has(key)) continue;
    seen.add(key);
    usages.push(u);
  }
  const functions = graph.functions.map((f) => ({ ...f, handlers: uniqSorted(f.handlers) })).sort((a, b) => cmp(a.id, b.id));
  return { version: graph.version, app: { ...graph.app }, resources, handlers, usages, functions };
}

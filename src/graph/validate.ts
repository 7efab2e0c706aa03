/**
 * Whole-graph checks, run on every graph the analyzer emits and on graphs
 * read back from JSON: ids unique, every reference resolves, locations are
 * project-relative and 1-based. Codes IAC60xx; a failure here after the
 * analyzer is usually an analyzer bug, so messages name the ids involved.
 *
 * IAC6001 duplicate resource id, IAC6002 duplicate handler id, IAC6003
 * resource names a missing handler, IAC6004 usage names a missing handler,
 * IAC6005 usage of a resource the graph lacks, IAC6006 handler nothing
 * registers, IAC6007 function plan names a missing handler, IAC6008 bad
 * version, IAC6009 bad location, IAC6010 two api entries share an order,
 * IAC6012 listeners without a stream. (A missing http.on file is the
 * analyzer's IAC1013, where it can point at the argument.)
 */
import type { Diagnostic } from "./diagnostics";
import { handlersOf } from "./handlers";
import { graphKind } from "./kinds";
import { APP_HANDLER, type AppGraph, GRAPH_VERSION, type Resource, type SourceLocation } from "./types";
import { GRAPH_CODES } from "./codes";

function badLocation(l: SourceLocation): boolean {
  return l.file.startsWith("/") || /^[A-Za-z]:/.test(l.file) || l.file.includes("\\") || l.line < 1 || l.column < 1;
}

export function validateGraph(graph: AppGraph): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (code: string, message: string, location?: SourceLocation, related?: { message: string; location: SourceLocation }): void => {
    out.push({ code, severity: "error", message, ...(location ? { location } : {}), ...(related ? { related: [related] } : {}) });
  };
  if (graph.version !== GRAPH_VERSION) err(GRAPH_CODES.version, `graph version ${String(graph.version)} is not ${GRAPH_VERSION}`);

  const resources = new Map<string, Resource>();
  for (const r of graph.resources) {
    const first = resources.get(r.id);
    if (first) err(GRAPH_CODES.duplicateResource, `duplicate resource id ${r.id}`, r.location, { message: "first declared here", location: first.location });
    else resources.set(r.id, r);
    if (badLocation(r.location)) err(GRAPH_CODES.location, `resource ${r.id} has an invalid location ${JSON.stringify(r.location)}`);
  }
  const handlers = new Map<string, SourceLocation>();
  for (const h of graph.handlers) {
    const first = handlers.get(h.id);
    if (first) err(GRAPH_CODES.duplicateHandler, `duplicate handler id ${h.id}`, h.location, { message: "first declared here", location: first });
    else handlers.set(h.id, h.location);
    if (badLocation(h.location)) err(GRAPH_CODES.location, `handler ${h.id} has an invalid location ${JSON.stringify(h.location)}`);
  }

  const registered = new Set<string>();
  const check = {
    resource: (id: string) => resources.get(id),
    error: (code: string, message: string, location: SourceLocation) => err(code, message, location),
  };
  for (const r of graph.resources) {
    for (const ref of handlersOf(r)) {
      registered.add(ref.id);
      if (!handlers.has(ref.id)) err(GRAPH_CODES.missingHandler, `${r.id} refers to handler ${ref.id}, which is not in the graph`, ref.location);
    }
    // The kind's own checks: an api's registration order, a data listener's stream.
    graphKind(r.kind).check?.(r, check);
  }
  for (const [id, location] of handlers) {
    if (!registered.has(id))
      out.push({ code: GRAPH_CODES.handlerUnregistered, severity: "warning", message: `handler ${id} is not registered by any resource`, location });
  }
  for (const u of graph.usages) {
    if (u.handler !== APP_HANDLER && !handlers.has(u.handler))
      err(GRAPH_CODES.usageHandlerMissing, `a ${u.resource}.${u.operation} usage refers to handler ${u.handler}, which is not in the graph`, u.location);
    if (!resources.has(u.resource))
      err(GRAPH_CODES.usageResourceMissing, `a ${u.resource}.${u.operation} usage has no ${u.resource} resource in the graph`, u.location);
    if (badLocation(u.location) || u.via.some(badLocation)) err(GRAPH_CODES.location, `a ${u.resource}.${u.operation} usage has an invalid location`);
  }
  for (const f of graph.functions) {
    for (const h of f.handlers)
      if (!handlers.has(h)) err(GRAPH_CODES.functionHandlerMissing, `function ${f.id} refers to handler ${h}, which is not in the graph`);
  }
  return out;
}

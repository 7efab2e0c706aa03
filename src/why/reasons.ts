/**
 * Turns graph entries into located reasons: a usage (SDK call, its `via`
 * chain, the handler it is reached from, the function that runs it and the
 * IAM actions it grants) or a registration (a route, a schedule...).
 */
import { APP_HANDLER, type AppGraph, functionOf, type Handler, type SourceLocation, type Usage } from "../graph";
import { rulesFor } from "../synth/iam-table";
import type { WhyReason } from "./types";

export function describeUsage(u: Usage): string {
  const call = `${u.resource}.${u.operation}`;
  const s = u.scope;
  const parts: string[] = [];
  if (u.resource === "data" && u.operation === "getByLabel") {
    // A label query's scope is the namespaces of the label values it reads.
    if (s.labels) parts.push(`label ${s.labels.join(", ")}`);
    parts.push(s.collections ? s.collections.map((c) => (c === "" ? "values without a namespace" : `namespace "${c}"`)).join(", ") : "any value (computed)");
  } else if (u.resource === "data") {
    if (s.collections) parts.push(s.collections.map((c) => (c === "" ? "simple keys" : `collection "${c}"`)).join(", "));
    else parts.push("any key (computed)");
    if (s.labels) parts.push(`label ${s.labels.join(", ")}`);
  } else if (u.resource === "storage") {
    parts.push(s.prefixes ? s.prefixes.map((p) => `"${p}*"`).join(", ") : "any path (computed)");
  } else {
    parts.push(s.names ? s.names.map((n) => `"${n}"`).join(", ") : "any name (computed)");
  }
  return parts.length > 0 ? `${call} on ${parts.join("; ")}` : call;
}

export function usageReason(graph: AppGraph, u: Usage): WhyReason {
  const handler = graph.handlers.find((h) => h.id === u.handler);
  const fn = u.handler === APP_HANDLER ? "every function" : functionOf(graph, u.handler)?.id;
  return {
    what: describeUsage(u),
    location: u.location,
    via: u.via,
    ...(handler ? { handler: handlerRef(handler) } : {}),
    ...(fn ? { function: fn } : {}),
    actions: [...new Set(rulesFor(u).flatMap((r) => r.actions))].sort(),
  };
}

export function handlerRef(h: Handler): { id: string; title: string; location: SourceLocation } {
  return { id: h.id, title: h.title, location: h.location };
}

/** A registration (route, schedule, listener, mount) as a reason. */
export function registrationReason(graph: AppGraph, handlerId: string): WhyReason | undefined {
  const h = graph.handlers.find((x) => x.id === handlerId);
  if (!h) return undefined;
  const fn = graph.functions.find((f) => f.handlers.includes(h.id))?.id;
  return { what: `${h.kind} ${h.title}`, location: h.location, via: [], handler: handlerRef(h), ...(fn ? { function: fn } : {}) };
}

export function bySource(a: WhyReason, b: WhyReason): number {
  const ka = `${a.location.file}\0${String(a.location.line).padStart(6, "0")}\0${String(a.location.column).padStart(6, "0")}`;
  const kb = `${b.location.file}\0${String(b.location.line).padStart(6, "0")}\0${String(b.location.column).padStart(6, "0")}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

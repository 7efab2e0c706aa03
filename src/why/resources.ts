/**
 * Why a function or a resource exists: the registrations that created it
 * (routes, schedules, listeners) and the SDK calls that need it, each with
 * its source location.
 */
import { type AppGraph, carries, type FunctionPlan, handlersOf, type Resource, type ResourceKind, usagesOf } from "../graph";
import { bySource, registrationReason, usageReason } from "./reasons";
import type { WhyAnswer, WhyOptions, WhyReason } from "./types";

const KIND_ALIASES: Record<string, ResourceKind> = {
  data: "data", table: "data", storage: "storage", bucket: "storage", events: "events", bus: "events",
  params: "params", api: "api", http: "http", static: "static", schedule: "schedule", schedules: "schedule",
};

export function explainFunction(graph: AppGraph, fn: FunctionPlan): WhyAnswer {
  const reasons = fn.handlers.map((h) => registrationReason(graph, h)).filter((r): r is WhyReason => r !== undefined).sort(bySource);
  const uses = usagesOf(graph, fn).map((u) => usageReason(graph, u)).sort(bySource);
  const summary = `function ${fn.id} (${fn.kind}, timeout ${fn.timeoutMs / 1000} s${fn.memoryMb ? `, ${fn.memoryMb} MB` : ""}) exists for ${reasons.length} registration${reasons.length === 1 ? "" : "s"}; its permissions come from ${uses.length} call${uses.length === 1 ? "" : "s"}`;
  return { query: fn.id, kind: "function", subject: `function ${fn.id}`, summary, reasons, uses };
}

/** `data`, `storage`, `events`... (or their AWS names `table`, `bucket`, `bus`). */
export function explainKind(graph: AppGraph, q: string, options: WhyOptions): WhyAnswer | undefined {
  const kind = KIND_ALIASES[q.toLowerCase()];
  if (!kind) return undefined;
  const resources = graph.resources.filter((r) => r.kind === kind);
  if (resources.length === 0) return undefined;
  const fn = options.function ? graph.functions.find((f) => f.id === options.function) : undefined;
  const inFn = (handler: string): boolean => !fn || carries(fn, handler);
  const registrations = resources.flatMap((r) => handlersOf(r).map((h) => h.id)).filter(inFn).map((h) => registrationReason(graph, h)).filter((r): r is WhyReason => r !== undefined);
  const listenerKind = kind === "data" ? "data-listener" : kind === "storage" ? "storage-listener" : kind === "events" ? "event-subscription" : undefined;
  const listeners = listenerKind ? graph.resources.filter((r) => r.kind === listenerKind).flatMap((r) => handlersOf(r).map((h) => h.id)).filter(inFn).map((h) => registrationReason(graph, h)).filter((r): r is WhyReason => r !== undefined) : [];
  const uses = graph.usages.filter((u) => u.resource === kind && inFn(u.handler)).map((u) => usageReason(graph, u));
  const reasons = [...registrations, ...listeners, ...uses].sort(bySource);
  if (kind === "static" && reasons.length === 0) {
    const s = resources[0];
    reasons.push({ what: `static/ holds ${s.kind === "static" ? s.files.length : 0} file(s)`, location: s.location, via: [] });
  }
  const noun = NOUNS[kind];
  return { query: q, kind: "resource", subject: noun, summary: `the stage has ${noun} because of ${reasons.length} registration${reasons.length === 1 ? "" : "s"} and call${reasons.length === 1 ? "" : "s"}${fn ? ` in function ${fn.id}` : ""}`, reasons };
}

const NOUNS: Record<ResourceKind, string> = {
  api: "an HTTP API (api routes)", http: "an HTTP app mount", data: "a DynamoDB table (data)", storage: "an S3 bucket (storage)",
  events: "an EventBridge bus (events)", schedule: "EventBridge schedules", "event-subscription": "event rules",
  "data-listener": "a table stream consumer", "storage-listener": "bucket notifications", static: "static files on the CDN",
  params: "SSM parameters (params)",
};

/** An exact resource or handler id: `schedule:rate(60 minutes)`, `route:GET /todos`. */
export function explainResourceId(graph: AppGraph, q: string): WhyAnswer | undefined {
  const handler = graph.handlers.find((h) => h.id === q);
  const resource = graph.resources.find((r) => r.id === q);
  if (!handler && !resource) return undefined;
  const reasons: WhyReason[] = [];
  const reg = handler ? registrationReason(graph, handler.id) : undefined;
  if (reg) reasons.push(reg);
  else if (resource) reasons.push({ what: resource.kind, location: resource.location, via: [] });
  const uses = graph.usages.filter((u) => u.handler === q).map((u) => usageReason(graph, u)).sort(bySource);
  const fn = reg?.function;
  return { query: q, kind: handler ? "handler" : "resource", subject: handler ? handler.title : q, summary: `${handler?.title ?? q} is registered at ${reasons[0].location.file}:${reasons[0].location.line}:${reasons[0].location.column}${fn ? ` and runs in function ${fn}` : ""}`, reasons, uses };
}


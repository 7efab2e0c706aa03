/**
 * Why a function or a resource exists: the registrations that created it
 * (routes, schedules, listeners) and the SDK calls that need it, each with
 * its source location.
 */
import { type AppGraph, carries, type FunctionPlan, handlersOf, type Resource, type ResourceKind, type Usage, usagesOf } from "../graph";
import { bySource, registrationReason, usageReason } from "./reasons";
import type { WhyAnswer, WhyOptions, WhyReason } from "./types";

interface KindExplanation {
  /** What the stage has, as the summary says it. */
  noun: string;
  /** The words `iac why <word>` takes for it: its kind's name, its AWS name. */
  words: readonly string[];
  /** The kind whose registrations make a store do work (its listeners): explained with it. */
  listeners?: ResourceKind;
  /** The reason it exists when nothing registers or uses it. */
  unused?: (r: Resource) => WhyReason | undefined;
  /** For a kind code calls: verbs over its operations (`data:write` = every operation that changes data). */
  verbs?: Verbs;
}

/** The kinds code calls: the resources usages name. */
export type UsageResource = Usage["resource"];

/** A verb and the operations it stands for. */
export type Verbs = Record<string, readonly string[]>;

/** A kind's entry; a kind code calls must give its verbs. */
type WhyKind<K extends ResourceKind> = KindExplanation & (K extends UsageResource ? { verbs: Verbs } : unknown);

/** How `iac why` explains each kind of resource: one entry per kind, so the compiler asks for one when a kind is added. */
const WHY_KINDS = {
  api: { noun: "an HTTP API (api routes)", words: ["api"] },
  http: { noun: "an HTTP app mount", words: ["http"] },
  data: {
    noun: "a DynamoDB table (data)",
    words: ["data", "table"],
    listeners: "data-listener",
    verbs: { read: ["get", "query", "getByLabel"], write: ["set", "remove", "add", "seed", "seedOverwrite"] },
  },
  storage: {
    noun: "an S3 bucket (storage)",
    words: ["storage", "bucket"],
    listeners: "storage-listener",
    verbs: { read: ["read", "exists", "stat", "list", "getDownloadUrl"], write: ["write", "remove", "copy", "move", "getUploadUrl"] },
  },
  events: {
    noun: "an EventBridge bus (events)",
    words: ["events", "bus"],
    listeners: "event-subscription",
    verbs: { publish: ["publish", "publishDelayed"], write: ["publish", "publishDelayed"] },
  },
  schedule: { noun: "EventBridge schedules", words: ["schedule", "schedules"] },
  "event-subscription": { noun: "event rules", words: [] },
  "data-listener": { noun: "a table stream consumer", words: [] },
  "storage-listener": { noun: "bucket notifications", words: [] },
  static: {
    noun: "static files on the CDN",
    words: ["static"],
    unused: (r) => (r.kind === "static" ? { what: `static/ holds ${r.files.length} file(s)`, location: r.location, via: [] } : undefined),
  },
  params: { noun: "SSM parameters (params)", words: ["params"], verbs: { read: ["read"] } },
} satisfies { [K in ResourceKind]: WhyKind<K> };

function isKind(name: string): name is ResourceKind {
  return name in WHY_KINDS;
}

function isUsageResource(kind: ResourceKind): kind is UsageResource {
  const explanation: KindExplanation = WHY_KINDS[kind];
  return explanation.verbs !== undefined;
}

/** The kinds code calls, in WHY_KINDS's order. */
export const USAGE_RESOURCES: readonly UsageResource[] = Object.keys(WHY_KINDS).filter(isKind).filter(isUsageResource);

/** The verbs `iac why <resource>:<verb>` takes for a kind code calls. */
export function verbsOf(resource: UsageResource): Verbs {
  return WHY_KINDS[resource].verbs;
}

/** Each word `iac why` takes for a kind, and the kind. */
const KIND_WORDS: ReadonlyMap<string, ResourceKind> = new Map(
  Object.entries(WHY_KINDS).flatMap(([kind, e]: [string, KindExplanation]) => (isKind(kind) ? e.words.map((w): [string, ResourceKind] => [w, kind]) : [])),
);

export function explainFunction(graph: AppGraph, fn: FunctionPlan): WhyAnswer {
  const reasons = fn.handlers
    .map((h) => registrationReason(graph, h))
    .filter((r): r is WhyReason => r !== undefined)
    .sort(bySource);
  const uses = usagesOf(graph, fn)
    .map((u) => usageReason(graph, u))
    .sort(bySource);
  const summary = `function ${fn.id} (${fn.kind}, timeout ${fn.timeoutMs / 1000} s${fn.memoryMb ? `, ${fn.memoryMb} MB` : ""}) exists for ${reasons.length} registration${reasons.length === 1 ? "" : "s"}; its permissions come from ${uses.length} call${uses.length === 1 ? "" : "s"}`;
  return { query: fn.id, kind: "function", subject: `function ${fn.id}`, summary, reasons, uses };
}

/** `data`, `storage`, `events`... (or their AWS names `table`, `bucket`, `bus`). */
export function explainKind(graph: AppGraph, q: string, options: WhyOptions): WhyAnswer | undefined {
  const kind = KIND_WORDS.get(q.toLowerCase());
  if (!kind) return undefined;
  const explanation: KindExplanation = WHY_KINDS[kind];
  const resources = graph.resources.filter((r) => r.kind === kind);
  if (resources.length === 0) return undefined;
  const fn = options.function ? graph.functions.find((f) => f.id === options.function) : undefined;
  const inFn = (handler: string): boolean => !fn || carries(fn, handler);
  const registrations = resources
    .flatMap((r) => handlersOf(r).map((h) => h.id))
    .filter(inFn)
    .map((h) => registrationReason(graph, h))
    .filter((r): r is WhyReason => r !== undefined);
  const listenerKind = explanation.listeners;
  const listeners = listenerKind
    ? graph.resources
        .filter((r) => r.kind === listenerKind)
        .flatMap((r) => handlersOf(r).map((h) => h.id))
        .filter(inFn)
        .map((h) => registrationReason(graph, h))
        .filter((r): r is WhyReason => r !== undefined)
    : [];
  const uses = graph.usages.filter((u) => u.resource === kind && inFn(u.handler)).map((u) => usageReason(graph, u));
  const reasons = [...registrations, ...listeners, ...uses].sort(bySource);
  const unused = reasons.length === 0 ? explanation.unused?.(resources[0]) : undefined;
  if (unused) reasons.push(unused);
  const noun = explanation.noun;
  return {
    query: q,
    kind: "resource",
    subject: noun,
    summary: `the stage has ${noun} because of ${reasons.length} registration${reasons.length === 1 ? "" : "s"} and call${reasons.length === 1 ? "" : "s"}${fn ? ` in function ${fn.id}` : ""}`,
    reasons,
  };
}

/** An exact resource or handler id: `schedule:rate(60 minutes)`, `route:GET /todos`. */
export function explainResourceId(graph: AppGraph, q: string): WhyAnswer | undefined {
  const handler = graph.handlers.find((h) => h.id === q);
  const resource = graph.resources.find((r) => r.id === q);
  if (!handler && !resource) return undefined;
  const reasons: WhyReason[] = [];
  const reg = handler ? registrationReason(graph, handler.id) : undefined;
  if (reg) reasons.push(reg);
  else if (resource) reasons.push({ what: resource.kind, location: resource.location, via: [] });
  const uses = graph.usages
    .filter((u) => u.handler === q)
    .map((u) => usageReason(graph, u))
    .sort(bySource);
  const fn = reg?.function;
  return {
    query: q,
    kind: handler ? "handler" : "resource",
    subject: handler ? handler.title : q,
    summary: `${handler?.title ?? q} is registered at ${reasons[0].location.file}:${reasons[0].location.line}:${reasons[0].location.column}${fn ? ` and runs in function ${fn}` : ""}`,
    reasons,
    uses,
  };
}

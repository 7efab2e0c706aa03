/**
 * Groups handlers into the deployable functions synth creates. Pure and
 * deterministic: function ids derive from graph content (a schedule's
 * expression, an event's name), never from order or file names, so editing
 * code elsewhere never renames a function.
 *
 * - `http`: every route, middleware and `http.use` mount (Express ordering
 *   needs them in one process);
 * - `schedule-<slug>`: one per schedule expression;
 * - `events-<slug>`: one per subscribed event name;
 * - `data-listeners`: every `data.on` (one consumer of the table stream);
 * - `storage-listeners`: every `storage.on`.
 */
import { effectiveTimeout } from "./limits";
import type { FunctionKind, FunctionPlan, Resource } from "./types";

/** A lower-case, dash-separated slug, stable for the same input; at most 48 chars plus a short hash when cut. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 48 && slug.length > 0) return slug;
  return `${slug.slice(0, 40).replace(/-+$/, "")}-${shortHash(text)}`;
}

/** FNV-1a, 8 hex digits: stable across platforms and Node versions. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

interface Member {
  fn: string;
  kind: FunctionKind;
  handler: string;
  timeoutMs?: number;
}

function memberOf(resource: Resource): Member[] {
  switch (resource.kind) {
    case "api":
      return [
        ...resource.routes.map((r) => ({ fn: "http", kind: "http" as const, handler: r.handler, timeoutMs: r.options.timeoutMs })),
        ...resource.middleware.map((m) => ({ fn: "http", kind: "http" as const, handler: m.handler })),
      ];
    case "http":
      return [
        ...(resource.mount ? [{ fn: "http", kind: "http" as const, handler: resource.mount.handler }] : []),
        ...(resource.folders ?? []).map((f) => ({ fn: "http", kind: "http" as const, handler: f.handler })),
      ];
    case "schedule":
      return [{ fn: `schedule-${slugify(resource.expression)}`, kind: "schedule", handler: resource.handler, timeoutMs: resource.timeoutMs }];
    case "event-subscription":
      return [{ fn: `events-${slugify(resource.name)}`, kind: "events", handler: resource.handler, timeoutMs: resource.timeoutMs }];
    case "data-listener":
      return [{ fn: "data-listeners", kind: "data-listener", handler: resource.handler, timeoutMs: resource.timeoutMs }];
    case "storage-listener":
      return [{ fn: "storage-listeners", kind: "storage-listener", handler: resource.handler, timeoutMs: resource.timeoutMs }];
    case "data":
    case "storage":
    case "events":
    case "static":
    case "params":
      return [];
    default: {
      const never: never = resource;
      throw new Error(`unknown resource kind ${JSON.stringify(never)}`);
    }
  }
}

export function planFunctions(resources: readonly Resource[]): FunctionPlan[] {
  // One function can hold thousands of routes: handlers are collected in a set, not searched in a list.
  const byId = new Map<string, { id: string; kind: FunctionKind; handlers: Set<string>; timeoutMs: number }>();
  for (const resource of resources) {
    for (const m of memberOf(resource)) {
      const timeout = effectiveTimeout(m.kind, m.timeoutMs);
      const plan = byId.get(m.fn);
      if (plan) {
        plan.handlers.add(m.handler);
        plan.timeoutMs = Math.max(plan.timeoutMs, timeout);
      } else {
        byId.set(m.fn, { id: m.fn, kind: m.kind, handlers: new Set([m.handler]), timeoutMs: timeout });
      }
    }
  }
  const plans: FunctionPlan[] = [...byId.values()].map((p) => ({ id: p.id, kind: p.kind, handlers: [...p.handlers].sort(), timeoutMs: p.timeoutMs }));
  return plans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}


/**
 * Groups handlers into the deployable functions synth creates. Pure and
 * deterministic: function ids derive from graph content (a schedule's
 * expression, an event's name), never from order or file names, so editing
 * code elsewhere never renames a function. Which function runs a handler is
 * its kind's to say (`members` in kinds/<kind>.ts):
 *
 * - `http`: every route, middleware and `http.use` mount (Express ordering
 *   needs them in one process);
 * - `schedule-<slug>`: one per schedule expression;
 * - `events-<slug>`: one per subscribed event name;
 * - `data-listeners`: every `data.on` (one consumer of the table stream);
 * - `storage-listeners`: every `storage.on`.
 */
import { graphKind } from "./kinds";
import { effectiveTimeout } from "./limits";
import type { FunctionKind, FunctionPlan, Resource } from "./types";

export function planFunctions(resources: readonly Resource[]): FunctionPlan[] {
  // One function can hold thousands of routes: handlers are collected in a set, not searched in a list.
  const byId = new Map<string, { id: string; kind: FunctionKind; handlers: Set<string>; timeoutMs: number }>();
  for (const resource of resources) {
    for (const m of graphKind(resource.kind).members(resource)) {
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

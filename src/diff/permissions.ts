/**
 * Functions and their permissions, base against head. Functions are matched
 * by plan id (which derives from graph content, never from files), and
 * permissions by grant (resource, operation, scope), so moving a handler to
 * another file changes nothing here.
 */
import type { AppGraph, FunctionPlan, Usage } from "../graph";
import { accessOf, describeGrant, widenedGrants } from "./access";
import type { Grant } from "./access";
import type { Cause, Change } from "./types";

export function usageCause(side: Cause["side"], u: Usage): Cause {
  return { side, location: u.location, via: u.via, what: `${u.resource}.${u.operation}`, from: u.handler };
}

function grantCauses(side: Cause["side"], g: Grant): Cause[] {
  return g.usages.map((u) => usageCause(side, u));
}

function fnSubject(fn: FunctionPlan): string {
  return `function ${fn.id}`;
}

export function diffFunctions(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const baseFns = new Map(base.functions.map((f) => [f.id, f]));
  const headFns = new Map(head.functions.map((f) => [f.id, f]));
  for (const fn of head.functions) {
    const before = baseFns.get(fn.id);
    if (!before) {
      changes.push({
        source: "graph",
        area: "function",
        action: "added",
        subject: fnSubject(fn),
        class: "safe",
        reason: `a new ${fn.kind} function is created for ${fn.handlers.length} handler(s)`,
        causes: [],
      });
    } else if (before.timeoutMs !== fn.timeoutMs) {
      changes.push({
        source: "graph",
        area: "function",
        action: "changed",
        subject: fnSubject(fn),
        class: "safe",
        reason: "timeout changed",
        causes: [],
        details: [`timeout ${before.timeoutMs} ms → ${fn.timeoutMs} ms`],
      });
    }
    const beforeGrants = before ? accessOf(base, before) : new Map<string, Grant>();
    const afterGrants = accessOf(head, fn);
    for (const g of widenedGrants(beforeGrants, afterGrants)) {
      changes.push({
        source: "graph",
        area: "permission",
        action: "widened",
        subject: `${fn.id}: ${describeGrant(g)}`,
        class: "permissions",
        reason: `function ${fn.id} can now call ${describeGrant(g)}`,
        causes: grantCauses("head", g),
      });
    }
    // A removed function loses everything; that is said once, below.
    if (!before) continue;
    for (const g of widenedGrants(afterGrants, beforeGrants)) {
      changes.push({
        source: "graph",
        area: "permission",
        action: "narrowed",
        subject: `${fn.id}: ${describeGrant(g)}`,
        class: "safe",
        reason: `function ${fn.id} no longer needs ${describeGrant(g)}`,
        causes: grantCauses("base", g),
      });
    }
  }
  for (const fn of base.functions) {
    if (headFns.has(fn.id)) continue;
    changes.push({
      source: "graph",
      area: "function",
      action: "removed",
      subject: fnSubject(fn),
      class: "safe",
      reason: `the ${fn.kind} function and its permissions are deleted`,
      causes: [],
    });
  }
  return changes;
}

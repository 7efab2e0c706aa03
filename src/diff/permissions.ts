/**
 * Functions and their permissions, base against head. Functions are matched
 * by plan id (which derives from graph content, never from files), and
 * permissions by grant (resource, operation, scope), so moving a handler to
 * another file changes nothing here.
 */
import type { AppGraph, FunctionPlan } from "../graph";
import { accessOf, describeGrant, widenedGrants } from "./access";
import type { Grant } from "./access";
import { usageCause } from "./compare";
import type { Cause, Change } from "./types";

function grantCauses(side: Cause["side"], g: Grant): Cause[] {
  return g.usages.map((u) => usageCause(side, u));
}

function fnSubject(fn: FunctionPlan): string {
  return `function ${fn.id}`;
}

/**
 * A schedule's function id derives from its expression, so a schedule whose
 * expression changed has a new function: with exactly one schedule function
 * gone and one new (the rule kinds/schedule.ts uses to call the schedule
 * "changed"), they are the same function renamed, and its permissions are
 * compared with the old one's rather than all shown as new.
 */
function renamedSchedule(base: AppGraph, head: AppGraph): [FunctionPlan, FunctionPlan] | undefined {
  const gone = base.functions.filter((f) => f.kind === "schedule" && !head.functions.some((h) => h.id === f.id));
  const added = head.functions.filter((f) => f.kind === "schedule" && !base.functions.some((b) => b.id === f.id));
  return gone.length === 1 && added.length === 1 ? [gone[0], added[0]] : undefined;
}

export function diffFunctions(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const baseFns = new Map(base.functions.map((f) => [f.id, f]));
  const headFns = new Map(head.functions.map((f) => [f.id, f]));
  const renamed = renamedSchedule(base, head);
  if (renamed) {
    baseFns.set(renamed[1].id, renamed[0]);
    headFns.set(renamed[0].id, renamed[1]);
    changes.push({
      source: "graph",
      area: "function",
      action: "changed",
      subject: fnSubject(renamed[1]),
      class: "safe",
      reason: "the schedule's expression changed, and with it the function's name",
      causes: [],
      details: [`${renamed[0].id} → ${renamed[1].id}`],
    });
  }
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

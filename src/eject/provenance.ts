/**
 * The comments that say where each construct came from, in the terms of
 * `iac why`: the registrations (routes, schedules, listeners) behind a
 * function, and the SDK calls behind a table, a label index or a grant,
 * each with its `file:line:col` in the app. Pure over the graph.
 */
import { APP_HANDLER, type AppGraph, type FunctionPlan, type LabelName, type SourceLocation, type Usage } from "../graph";
import { rulesFor, type GrantTarget } from "../synth/iam-table";
import { describeUsage } from "../why/reasons";

/** At most this many sites per comment; the rest are counted. */
const MAX_SITES = 6;

export function at(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** `GET /todos (index.ts:9:1)`, one line per registration the function serves. */
export function registrationsOf(graph: AppGraph, plan: FunctionPlan, max = MAX_SITES): string[] {
  const lines = plan.handlers
    .map((id) => graph.handlers.find((h) => h.id === id))
    .filter((h) => h !== undefined)
    .map((h) => `${h.title} (${at(h.location)})`);
  return limit(lines, max);
}

/** The calls that need the table, the first few in source order. */
export function dataCalls(graph: AppGraph, max = MAX_SITES): string[] {
  return limit(sorted(graph.usages.filter((u) => u.resource === "data")).map(usageLine), max);
}

/** The calls that read or write label `label`. */
export function labelCalls(graph: AppGraph, label: LabelName, max = MAX_SITES): string[] {
  return limit(sorted(graph.usages.filter((u) => u.resource === "data" && u.scope.labels?.includes(label))).map(usageLine), max);
}

/** The calls on `resource` ("storage", "events"...). */
export function callsOn(graph: AppGraph, resource: Usage["resource"], max = MAX_SITES): string[] {
  return limit(sorted(graph.usages.filter((u) => u.resource === resource)).map(usageLine), max);
}

/**
 * The function's calls (its handlers' and module top level's) behind a
 * statement: those with a rule of the IAM table on the statement's kind of
 * resource (`onTarget`) that grants one of its `actions`.
 */
export function callsNeeding(graph: AppGraph, plan: FunctionPlan, actions: readonly string[], onTarget: (target: GrantTarget) => boolean): string[] {
  const wanted = new Set(actions);
  const mine = graph.usages.filter(
    (u) => (u.handler === APP_HANDLER || plan.handlers.includes(u.handler)) && rulesFor(u).some((r) => onTarget(r.on) && r.actions.some((a) => wanted.has(a))),
  );
  return limit(sorted(mine).map(usageLine));
}

function usageLine(u: Usage): string {
  const via = u.via.length > 0 ? `, via ${u.via.map(at).join(" → ")}` : "";
  return `${describeUsage(u)} at ${at(u.location)}${via}`;
}

function sorted(usages: Usage[]): Usage[] {
  const key = (u: Usage): string =>
    `${u.location.file}\0${String(u.location.line).padStart(6, "0")}\0${String(u.location.column).padStart(6, "0")}\0${u.operation}`;
  const seen = new Set<string>();
  return [...usages]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((u) => {
      const k = `${key(u)}\0${describeUsage(u)}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function limit(lines: string[], max = MAX_SITES): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… and ${lines.length - max} more (iac why shows them all)`];
}

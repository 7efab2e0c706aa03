/**
 * src/why: provenance. `why(graph, query)` answers "why does this exist /
 * why is this allowed" with the source locations in the graph: each usage
 * carries its SDK call's location, the `via` chain of helper call sites and
 * the handler it is reached from; each resource and handler carries its
 * registration's location. Queries:
 * - a permission: `data:write`, `data:read`, `storage:write`, `events:publish`,
 *   `params:read`, an operation (`data.set`), an IAM action
 *   (`dynamodb:PutItem`), optionally scoped (`data:write:todo`);
 * - a function id (`http`, `schedule-rate-60-minutes`);
 * - a resource kind (`data`, `storage`, `events`, `params`, `api`, `static`,
 *   `http`, `schedule`) or id (`schedule:rate(60 minutes)`, `route:GET /todos`);
 * - a label (`label1`) or a collection (`todo`, `collection:todo`).
 * `options.function` limits permission and resource answers to one function.
 * Pure: graph in, data out; the CLI renders it (render.ts).
 */
import { type AppGraph, type Usage, usagesOf } from "../graph";
import { type GrantRule, IAM_TABLE } from "../synth/iam-table";
import { explainFunction, explainKind, explainResourceId, USAGE_RESOURCES, verbsOf } from "./resources";
import { bySource, usageReason } from "./reasons";
import type { WhyAnswer, WhyOptions, WhyResult } from "./types";

export type { WhyAnswer, WhyKind, WhyOptions, WhyReason, WhyResult } from "./types";
export { renderWhy } from "./render";

/** The resources usages name, as a regular expression's alternatives: `data|storage|events|params`. */
const RESOURCE_NAMES = USAGE_RESOURCES.join("|");
/** `data:write`, `data:write:todo`. */
const VERB_QUERY = new RegExp(`^(${RESOURCE_NAMES}):([a-z]+)(?::(.*))?$`, "i");
/** `data.set`. */
const OPERATION_QUERY = new RegExp(`^(${RESOURCE_NAMES})\\.([A-Za-z]+)$`);

/** The IAM services the operations' actions belong to (`dynamodb`, `s3`...): `iac why <service>:<Action>` takes any of them. */
const SERVICES: ReadonlySet<string> = new Set(
  USAGE_RESOURCES.flatMap((r) =>
    Object.values(IAM_TABLE[r]).flatMap((rules: readonly GrantRule[]) => rules.flatMap((rule) => rule.actions.map((a) => a.slice(0, a.indexOf(":"))))),
  ),
);

export function why(graph: AppGraph, query: string, options: WhyOptions = {}): WhyResult {
  const q = query.trim();
  if (options.function !== undefined && !graph.functions.some((f) => f.id === options.function)) {
    return {
      ok: false,
      message: `the app has no function "${options.function}"`,
      hint: `its functions: ${graph.functions.map((f) => f.id).join(", ") || "none"}`,
    };
  }
  const permission = permissionFilter(q);
  if (permission) return { ok: true, answer: explainPermission(graph, q, permission, options) };
  const fn = graph.functions.find((f) => f.id === q);
  if (fn) return { ok: true, answer: explainFunction(graph, fn) };
  const answer = explainKind(graph, q, options) ?? explainResourceId(graph, q) ?? explainScope(graph, q, options);
  if (answer) return { ok: true, answer };
  return { ok: false, message: `nothing in the app is called "${q}"`, hint: suggestions(graph, q) };
}

interface PermissionFilter {
  label: string;
  matches(u: Usage): boolean;
}

function permissionFilter(q: string): PermissionFilter | undefined {
  // `data:write`, `data:write:todo`
  const verb = VERB_QUERY.exec(q);
  if (verb) {
    const resource = USAGE_RESOURCES.find((r) => r === verb[1].toLowerCase());
    const ops = resource ? verbsOf(resource)[verb[2].toLowerCase()] : undefined;
    if (resource && ops) {
      const scope = verb[3];
      return { label: q, matches: (u) => u.resource === resource && ops.includes(u.operation) && inScope(u, scope) };
    }
  }
  // `data.set`
  const op = OPERATION_QUERY.exec(q);
  if (op) return { label: q, matches: (u) => u.resource === op[1] && u.operation === op[2] };
  // `dynamodb:PutItem`: any operation whose IAM rules include the action.
  const action = /^([a-z0-9]+):[A-Za-z]+$/.exec(q);
  if (action && SERVICES.has(action[1])) {
    const wanted = q.toLowerCase();
    const ops = new Set<string>();
    for (const r of USAGE_RESOURCES) {
      for (const [operation, rules] of Object.entries(IAM_TABLE[r])) {
        if (rules.some((rule) => rule.actions.some((a) => a.toLowerCase() === wanted))) ops.add(`${r}.${operation}`);
      }
    }
    return { label: q, matches: (u) => ops.has(`${u.resource}.${u.operation}`) };
  }
  return undefined;
}

function inScope(u: Usage, scope: string | undefined): boolean {
  if (scope === undefined) return true;
  const list = u.resource === "data" ? u.scope.collections : u.resource === "storage" ? u.scope.prefixes : u.scope.names;
  // Unknown scope (computed key) may touch anything: it is a reason too.
  return list === undefined || list.some((s) => s === scope || (u.resource === "storage" && scope.startsWith(s)));
}

function usagesIn(graph: AppGraph, functionId: string | undefined): Usage[] {
  if (functionId === undefined) return graph.usages;
  const fn = graph.functions.find((f) => f.id === functionId);
  return usagesOf(graph, fn ?? { handlers: [] });
}

function explainPermission(graph: AppGraph, q: string, filter: PermissionFilter, options: WhyOptions): WhyAnswer {
  const reasons = usagesIn(graph, options.function)
    .filter((u) => filter.matches(u))
    .map((u) => usageReason(graph, u))
    .sort(bySource);
  const where = options.function ? `function ${options.function}` : "the app";
  const subject = `${filter.label} in ${where}`;
  const summary =
    reasons.length === 0
      ? `nothing in ${where} needs ${filter.label}: its IAM policy does not allow it`
      : `${where} has ${filter.label} because of ${reasons.length} call${reasons.length === 1 ? "" : "s"}`;
  return { query: q, kind: "permission", subject, summary, reasons };
}

/** A label (`label1`) or a collection (`todo`, `collection:todo`). */
function explainScope(graph: AppGraph, q: string, options: WhyOptions): WhyAnswer | undefined {
  const usages = usagesIn(graph, options.function).filter((u) => u.resource === "data");
  if (/^label[1-5]$/.test(q)) {
    const reasons = usages
      .filter((u) => u.scope.labels?.some((l) => l === q))
      .map((u) => usageReason(graph, u))
      .sort(bySource);
    if (reasons.length === 0) return undefined;
    return {
      query: q,
      kind: "label",
      subject: `index ${q}`,
      summary: `the table has a ${q} index (GSI) because ${reasons.length} call${reasons.length === 1 ? "" : "s"} write or query it`,
      reasons,
    };
  }
  const name = q.replace(/^collection:/, "");
  // A label query's "collections" are label namespaces, not collections of keys.
  const reasons = usages
    .filter((u) => u.operation !== "getByLabel" && u.scope.collections?.includes(name))
    .map((u) => usageReason(graph, u))
    .sort(bySource);
  if (reasons.length === 0) return undefined;
  return {
    query: q,
    kind: "collection",
    subject: `collection "${name}"`,
    summary: `${reasons.length} call${reasons.length === 1 ? "" : "s"} use keys in collection "${name}"`,
    reasons,
  };
}

function suggestions(graph: AppGraph, q: string): string {
  const names = [
    ...graph.functions.map((f) => f.id),
    ...graph.resources.map((r) => r.id),
    ...USAGE_RESOURCES.flatMap((r) => Object.keys(verbsOf(r)).map((v) => `${r}:${v}`)),
  ];
  const close = names.filter((n) => n.toLowerCase().includes(q.toLowerCase()) || q.toLowerCase().includes(n.toLowerCase())).slice(0, 5);
  return close.length > 0
    ? `did you mean ${close.map((c) => `"${c}"`).join(", ")}?`
    : `try a function (${graph.functions.map((f) => f.id).join(", ")}), a resource (data, storage, ...) or a permission (data:write)`;
}

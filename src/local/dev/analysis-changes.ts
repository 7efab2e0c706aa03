/**
 * What changed between two analyses of the app in the dev loop, as `iac dev`
 * reports it after a save: which diagnostics appeared and which went away,
 * and what the next deploy would do differently, one plain line per change
 * ("new label index label2: the next deploy adds a GSI").
 *
 * Pure: graphs and diagnostics in, data out. The infrastructure comparison is
 * `iac diff`'s (`diffGraphs`, src/diff/graph.ts: matched by id and content,
 * never by location); this module only words its changes for a terminal.
 */
import type { AppGraph, Diagnostic } from "../../graph";
import { diffGraphs } from "../../diff/graph";
import type { Change, ChangeClass } from "../../diff/types";

export interface DiagnosticChanges {
  /** In the new analysis and not the old one, in the new analysis's order. */
  appeared: Diagnostic[];
  /** In the old analysis and not the new one, in the old analysis's order. */
  fixed: Diagnostic[];
}

/**
 * A diagnostic is the same one across analyses when its code, severity, file
 * and message are: a diagnostic that only moved (lines added above it) is
 * neither fixed nor new. Repeats are matched one for one.
 */
export function diagnosticChanges(before: readonly Diagnostic[], after: readonly Diagnostic[]): DiagnosticChanges {
  const left = new Map<string, number>();
  for (const d of before) left.set(identity(d), (left.get(identity(d)) ?? 0) + 1);
  const appeared: Diagnostic[] = [];
  const kept = new Map<string, number>();
  for (const d of after) {
    const key = identity(d);
    const n = left.get(key) ?? 0;
    if (n > 0) {
      left.set(key, n - 1);
      kept.set(key, (kept.get(key) ?? 0) + 1);
    } else {
      appeared.push(d);
    }
  }
  const fixed: Diagnostic[] = [];
  for (const d of before) {
    const key = identity(d);
    const n = kept.get(key) ?? 0;
    if (n > 0) kept.set(key, n - 1);
    else fixed.push(d);
  }
  return { appeared, fixed };
}

function identity(d: Diagnostic): string {
  return `${d.code}\0${d.severity}\0${d.location?.file ?? ""}\0${d.message}`;
}

export interface InfraChange {
  /** One line, no location: "new route GET /todos", "new label index label2: the next deploy adds a GSI". */
  line: string;
  /** `iac diff`'s class: destructive (data at risk), permissions (a function can do more), safe. */
  class: ChangeClass;
}

/**
 * The infrastructure changes from `before` to `after`, in `iac diff`'s order.
 * Static files are left out: `iac dev` serves them from disk, and a build
 * uploads whatever is there.
 */
export function infrastructureChanges(before: AppGraph, after: AppGraph): InfraChange[] {
  return diffGraphs(before, after)
    .filter((c) => c.area !== "static")
    .map((c) => ({ line: describe(c), class: c.class }));
}

function describe(c: Change): string {
  const details = c.details && c.details.length > 0 ? ` (${c.details.join("; ")})` : "";
  switch (c.area) {
    case "label-index": {
      const label = c.subject.replace(/^label index /, "");
      return c.action === "added"
        ? `new label index ${label}: the next deploy adds a GSI`
        : `label index ${label} is no longer used: the next deploy deletes its GSI`;
    }
    case "data":
      if (c.action === "added") return "new data table: the next deploy creates the DynamoDB table";
      if (c.action === "removed") return `data is no longer used: ${c.reason}`;
      return `${c.subject}: ${c.reason}`;
    case "storage":
      if (c.action === "added") return "new storage bucket: the next deploy creates the S3 bucket";
      if (c.action === "removed") return `storage is no longer used: ${c.reason}`;
      return `${c.subject}: ${c.reason}`;
    case "events":
      if (c.subject === "event bus") return c.action === "added" ? "new event bus: the next deploy creates it" : `event bus removed: ${c.reason}`;
      return c.action === "added" ? `new ${c.subject}` : `${c.subject} removed: ${c.reason}`;
    case "params":
      return c.action === "added" ? `new ${c.subject}: ${c.reason}` : `${c.subject} no longer read (its stored value is kept)`;
    case "route":
    case "middleware":
    case "http":
      if (c.action === "added") return `new ${c.area === "route" ? "route " : ""}${c.subject}`;
      if (c.action === "removed") return `${c.area === "route" ? "route " : ""}${c.subject} removed`;
      return `${c.area === "route" && c.subject !== "registration order" ? "route " : ""}${c.subject} changed: ${c.reason}${details}`;
    case "schedule":
    case "event-subscription":
    case "data-listener":
    case "storage-listener": {
      const what = c.area === "schedule" ? c.subject : `listener ${c.subject}`;
      if (c.action === "added") return `new ${what}`;
      if (c.action === "removed") return `${what} removed`;
      return c.area === "schedule" && c.details ? `schedule changed: ${c.details.join("; ")}` : `${what} changed: ${c.reason}${details}`;
    }
    case "permission":
      return `permission ${c.action}: ${c.reason}`;
    case "function":
      if (c.action === "added") return `new ${c.subject}: ${c.reason}`;
      if (c.action === "removed") return `${c.subject} removed: ${c.reason}`;
      return `${c.subject} changed: ${c.reason}${details}`;
    default:
      return `${c.subject} ${c.action}: ${c.reason}${details}`;
  }
}

/** What one analysis in the dev loop reports, relative to the one before. */
export interface AnalysisReport {
  /** 1 for the analysis at start. */
  run: number;
  /** Time the analysis took, in ms. */
  ms: number;
  /** Every diagnostic of this analysis, sorted as `iac build` prints them. */
  diagnostics: Diagnostic[];
  /** Diagnostics new since the last analysis (all of them on the first run). */
  appeared: Diagnostic[];
  fixed: Diagnostic[];
  errors: number;
  warnings: number;
  /** What the next deploy would do differently from the last analysis without errors. */
  changes: InfraChange[];
  /** This analysis has errors, so its graph (what `iac build` would refuse) was not compared. */
  held: boolean;
  /** First run only: what the app needs, in one line ("3 routes, 1 schedule, data (label1)"). */
  inventory?: string;
}

/** What the dev loop remembers between analyses. */
export interface AnalysisState {
  run: number;
  diagnostics: Diagnostic[];
  /** The graph of the last analysis without errors: what infrastructure changes are measured from. */
  baseline?: AppGraph;
}

/**
 * The report of a new analysis and the state after it. Infrastructure is
 * compared between analyses `iac build` would accept: a graph with errors
 * (a half-typed import drops a whole module) is never a baseline, so fixing
 * a typo does not read as "route removed, route added".
 */
export function nextReport(
  state: AnalysisState | undefined,
  result: { graph: AppGraph; diagnostics: Diagnostic[] },
  ms: number,
): { report: AnalysisReport; state: AnalysisState } {
  const run = (state?.run ?? 0) + 1;
  const { appeared, fixed } = diagnosticChanges(state?.diagnostics ?? [], result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
  const held = errors > 0;
  const changes = !held && state?.baseline ? infrastructureChanges(state.baseline, result.graph) : [];
  const report: AnalysisReport = {
    run,
    ms,
    diagnostics: result.diagnostics,
    appeared,
    fixed,
    errors,
    warnings,
    changes,
    held,
    ...(run === 1 ? { inventory: inventory(result.graph) } : {}),
  };
  return { report, state: { run, diagnostics: result.diagnostics, baseline: held ? state?.baseline : result.graph } };
}

/** The app's infrastructure in one line, for the first analysis of a session. */
export function inventory(graph: AppGraph): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many = `${one}s`): void => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  const of = <K extends AppGraph["resources"][number]["kind"]>(kind: K) =>
    graph.resources.filter((r): r is Extract<AppGraph["resources"][number], { kind: K }> => r.kind === kind);
  count(
    of("api").reduce((n, a) => n + a.routes.length, 0),
    "route",
  );
  if (of("http").some((h) => h.mount)) parts.push("a mounted app");
  count(of("schedule").length, "schedule");
  count(of("event-subscription").length + of("data-listener").length + of("storage-listener").length, "listener");
  for (const d of of("data")) parts.push(`data (${d.labels.length > 0 ? `label indexes ${d.labels.join(", ")}` : "no label index"})`);
  if (of("storage").length > 0) parts.push("storage");
  if (of("events").length > 0) parts.push("events");
  count(
    of("params").reduce((n, p) => n + p.names.length, 0),
    "param",
  );
  count(graph.functions.length, "function");
  return parts.length > 0 ? parts.join(", ") : "no resources";
}

/**
 * The diff report: plain data, so the CLI, CI scripts and tests read the
 * same thing. Every change carries a class (how careful a reviewer must be),
 * a reason in words, and where known the source location that caused it.
 */
import type { AppGraph, Diagnostic, SourceLocation } from "../graph";

/**
 * How careful a reviewer must be, in increasing order:
 * - `safe`: nothing can do more than before and no data is at risk;
 * - `permissions`: some function can do more than before (or something became public);
 * - `destructive`: a table, bucket or their data removed or replaced, a label index dropped, or the
 *   app's identity changed (its stacks renamed: a new, empty stack instead of the one with the data).
 */
export type ChangeClass = "safe" | "permissions" | "destructive";

export const CHANGE_CLASSES: readonly ChangeClass[] = ["safe", "permissions", "destructive"];

/** What the change is about, in the app's own terms, or `resource` for a CloudFormation resource. */
export type ChangeArea =
  | "app"
  | "route"
  | "middleware"
  | "http"
  | "schedule"
  | "event-subscription"
  | "data-listener"
  | "storage-listener"
  | "events"
  | "params"
  | "data"
  | "label-index"
  | "storage"
  | "static"
  | "function"
  | "permission"
  | "resource";

export type ChangeAction = "added" | "removed" | "changed" | "widened" | "narrowed" | "replaced";

/** A source location and which side of the diff it belongs to (removals point into the base tree). */
export interface Cause {
  side: "base" | "head";
  location: SourceLocation;
  /** Call sites from the handler down to the SDK call (empty when direct). */
  via: SourceLocation[];
  /** What sits there, e.g. `data.set` or `GET /todos`. */
  what?: string;
  /** The handler the call is reached from (its graph id, e.g. `route:POST /todos/:id`; `@app` = start-up code, every function). */
  from?: string;
}

export interface Change {
  /** `graph` for app-level changes, `template` for CloudFormation resources. */
  source: "graph" | "template";
  area: ChangeArea;
  action: ChangeAction;
  /** What changed, readable: `GET /todos`, `label index label2`, `TodoTable (AWS::DynamoDB::Table)`. */
  subject: string;
  class: ChangeClass;
  /** Why it has this class, in words. */
  reason: string;
  /** Sorted by side then location. */
  causes: Cause[];
  /** Extra detail lines (before → after values). */
  details?: string[];
}

export interface DiffSideInfo {
  /** What the user passed: a git ref, a directory, a graph.json path. */
  spec: string;
  kind: "git-ref" | "app-dir" | "assembly" | "graph-json" | "in-memory";
  /** Commit id for a git ref. */
  commit?: string;
}

export interface DiffReport {
  base: DiffSideInfo;
  head: DiffSideInfo;
  stage: string;
  /** Graph changes first, then template changes; each group in a stable order. */
  changes: Change[];
  summary: Record<ChangeClass, number> & { total: number };
  /** True when one side had no template (a graph.json base): only graph changes are listed. */
  templateCompared: boolean;
  /** Build diagnostics of either side (errors make `ok` false). */
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** A CloudFormation template as parsed JSON. */
export interface Template {
  Resources?: Record<string, TemplateResource>;
  [key: string]: unknown;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One side, already built: what `diffApps` compares. */
export interface BuiltSide {
  info: DiffSideInfo;
  graph: AppGraph;
  /** Absent when the side is a bare graph.json. */
  template?: Template;
}

/** `--fail-on`: `none` never fails; otherwise fail when a change of this class or a stronger one exists. */
export type FailOn = "none" | "any" | "permissions" | "destructive";

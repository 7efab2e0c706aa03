/**
 * The diff report: plain data, so the CLI, CI scripts and tests read the
 * same thing. Every change carries a class (how careful a reviewer must be),
 * a reason in words, and where known the source location that caused it.
 */
import type { AppGraph, Diagnostic, ResourceKind, SourceLocation } from "../graph";

/**
 * How careful a reviewer must be, in increasing order:
 * - `safe`: nothing can do more than before and no data is at risk;
 * - `permissions`: some function can do more than before (or something became public);
 * - `destructive`: a table, bucket or their data removed or replaced, a label index dropped, or the
 *   app's identity changed (its stacks renamed: a new, empty stack instead of the one with the data).
 */
export type ChangeClass = "safe" | "permissions" | "destructive";

export const CHANGE_CLASSES: readonly ChangeClass[] = ["safe", "permissions", "destructive"];

/**
 * What the change is about, in the app's own terms: a resource kind (the
 * api's changes are its routes and middleware; the data table's, the table
 * and its label indexes), the app's identity, a function or its
 * permissions; or `resource` for a CloudFormation resource. Each kind's
 * areas and their place in a report: src/diff/kinds.
 */
export type ChangeArea = Exclude<ResourceKind, "api"> | "app" | "route" | "middleware" | "label-index" | "function" | "permission" | "resource";

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
  /** For a CloudFormation resource: what changed in it (`source` is `template`). */
  resource?: ResourceDetail;
}

/** A resource's change as `cdk diff` shows it: its properties before and after, its IAM statements and security-group rules. */
export interface ResourceDetail {
  logicalId: string;
  type: string;
  /** Changed properties and resource attributes, down to the deepest key that changed; asset-hash-only changes left out. */
  properties: PropertyDiff[];
  /** IAM statements the resource adds or removes (policies, roles, resource policies, Lambda permissions). */
  statements?: StatementRow[];
  /** Managed policies attached or detached. */
  managedPolicies?: ManagedPolicyRow[];
  /** Security-group rules added or removed. */
  securityGroupRules?: SecurityGroupRuleRow[];
}

export interface PropertyDiff {
  /** `Timeout`, `Environment.Variables.IAC_BUCKET`, or a resource attribute such as `DeletionPolicy`. */
  path: string;
  /** Absent when the property is added. */
  before?: unknown;
  /** Absent when the property is removed. */
  after?: unknown;
  /** CloudFormation replaces the resource for this change. */
  replaces: boolean;
  /**
   * For a value that is not one short line: the unified diff of its JSON
   * (` `, `-`, `+` lines with `@@` hunk headers, 3 lines of context).
   */
  lines?: string[];
}

export type RowChange = "added" | "removed";

/** One IAM statement as cdk diff's table shows it; intrinsics rendered as `${Bucket.Arn}`. */
export interface StatementRow {
  change: RowChange;
  effect: string;
  actions: string[];
  resources: string[];
  principals: string[];
  /** JSON, compact; absent without a condition. */
  condition?: string;
}

export interface ManagedPolicyRow {
  change: RowChange;
  identity: string;
  policyArn: string;
}

export interface SecurityGroupRuleRow {
  change: RowChange;
  group: string;
  direction: "in" | "out";
  protocol: string;
  peer: string;
}

export interface DiffSideInfo {
  /** What the user passed: a git ref, a directory, a graph.json path. */
  spec: string;
  kind: "git-ref" | "app-dir" | "assembly" | "graph-json" | "in-memory";
  /** Commit id for a git ref. */
  commit?: string;
}

/** Where source locations link to: the app folder's URL at each side's commit (ends with `/`; `file#Lline` is appended). */
export interface DiffLinks {
  head: string;
  /** Only for a git-ref base, when the link base names the head's commit. */
  base?: string;
}

/**
 * Warnings (and errors) of the analysis and build, head against base, as a
 * reviewer needs them: what the change brings in, what it keeps, what it fixes.
 * Infos are left out. Matched by code, file and message, not by line.
 */
export interface DiffWarnings {
  /** The head's that the base did not have; every one of the head's when `baseKnown` is false. */
  added: Diagnostic[];
  /** The head's that the base had too. */
  unchanged: Diagnostic[];
  /** The base's that the head no longer has. */
  resolved: Diagnostic[];
  /** False when the base carries no diagnostics (a graph.json or a cloud assembly). */
  baseKnown: boolean;
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
  /** The same diagnostics compared: what a reviewer must see. */
  warnings: DiffWarnings;
  /** Present when locations can be links (in CI, or with `--link-base`). */
  links?: DiffLinks;
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
  /** The side's analysis and build diagnostics; absent when unknown (a graph.json or a cloud assembly). */
  diagnostics?: Diagnostic[];
}

/** `--fail-on`: `none` never fails; otherwise fail when a change of this class or a stronger one exists. */
export type FailOn = "none" | "any" | "permissions" | "destructive";

/**
 * What the stack printer's sections share: the model, the file's imports,
 * the names given to constructs so far (Refs), the constructor body being
 * written, and readers for iac's template (each section asks for the
 * resource at a construct path and prints its properties back as L2 props).
 * Sections run in the order synth's `buildApp` builds (stack/index.ts):
 * CDK adds some IAM statements as constructs are made, and the order of a
 * policy's statements is part of the template.
 */
import type { AppGraph, FunctionPlan, Resource, ResourceKind, SourceLocation } from "../../graph";
import { str, type Body, type Expr, type Imports } from "../code";
import type { Refs } from "../expr";
import type { CfnResourceJson, CfnValue, EjectModel, ModelResource } from "../model";

export const CDK = "aws-cdk-lib";

export interface EjectedFunction {
  plan: FunctionPlan;
  /** The construct id under the stack, e.g. `FnHttp`. */
  id: string;
  /** The variable holding its AppFunction, e.g. `fnHttp`. */
  name: string;
}

export interface StackGen {
  readonly model: EjectModel;
  readonly graph: AppGraph;
  readonly imports: Imports;
  readonly refs: Refs;
  readonly body: Body;
  readonly functions: Map<string, EjectedFunction>;
  /** Variable names of the shared constructs, once written. */
  names: { table?: string; bucket?: string; bus?: string; schedulerRole?: string; httpApi?: string; distribution?: string };
}

/** The resource iac made at `path` (below the stack), or undefined. */
export function tryResource(gen: StackGen, path: string): ModelResource | undefined {
  return gen.model.resources.find((r) => r.path === path);
}

export function resource(gen: StackGen, path: string): ModelResource {
  const r = tryResource(gen, path);
  if (!r) throw new Error(`internal: eject expected iac's template to have ${path}`);
  return r;
}

/** Every resource whose construct path starts with `prefix`. */
export function resourcesUnder(gen: StackGen, prefix: string): ModelResource[] {
  return gen.model.resources.filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`));
}

/** Registers the L2 construct `expr` as the owner of the CloudFormation resource at `path`. */
export function name(gen: StackGen, path: string, expr: Expr): void {
  const r = tryResource(gen, path);
  if (r) gen.refs.add(r.logicalId, r.json.Type, expr);
}

export function prop(json: CfnResourceJson, ...keys: string[]): CfnValue | undefined {
  let v: CfnValue | undefined = json.Properties;
  for (const k of keys) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    v = v[k];
  }
  return v;
}

export function stringProp(json: CfnResourceJson, ...keys: string[]): string | undefined {
  const v = prop(json, ...keys);
  return typeof v === "string" ? v : undefined;
}

export function numberProp(json: CfnResourceJson, ...keys: string[]): number | undefined {
  const v = prop(json, ...keys);
  return typeof v === "number" ? v : undefined;
}

export function booleanProp(json: CfnResourceJson, ...keys: string[]): boolean | undefined {
  const v = prop(json, ...keys);
  return typeof v === "boolean" ? v : undefined;
}

/** `RemovalPolicy.RETAIN` or `.DESTROY`, from the resource's DeletionPolicy. */
export function removalPolicy(gen: StackGen, json: CfnResourceJson): Expr {
  const rp = gen.imports.use(CDK, "RemovalPolicy");
  return json.DeletionPolicy === "Retain" ? `${rp}.RETAIN` : json.DeletionPolicy === "Snapshot" ? `${rp}.SNAPSHOT` : `${rp}.DESTROY`;
}

/** A whole number of seconds as the most readable Duration. */
export function duration(gen: StackGen, seconds: number): Expr {
  const d = gen.imports.use(CDK, "Duration");
  if (seconds > 0 && seconds % 86400 === 0) return `${d}.days(${seconds / 86400})`;
  if (seconds > 0 && seconds % 3600 === 0) return `${d}.hours(${seconds / 3600})`;
  if (seconds > 0 && seconds % 60 === 0) return `${d}.minutes(${seconds / 60})`;
  return `${d}.seconds(${seconds})`;
}

/** CloudWatch Logs retention in days as its `RetentionDays` member. */
export function retention(gen: StackGen, days: number | undefined): Expr {
  const rd = gen.imports.use(`${CDK}/aws-logs`, "RetentionDays");
  const member = days === undefined ? "INFINITE" : RETENTION_NAMES[days];
  if (!member) throw new Error(`internal: no RetentionDays member for ${days} days`);
  return `${rd}.${member}`;
}

const RETENTION_NAMES: Record<number, string> = {
  1: "ONE_DAY",
  3: "THREE_DAYS",
  5: "FIVE_DAYS",
  7: "ONE_WEEK",
  14: "TWO_WEEKS",
  30: "ONE_MONTH",
  60: "TWO_MONTHS",
  90: "THREE_MONTHS",
  120: "FOUR_MONTHS",
  150: "FIVE_MONTHS",
  180: "SIX_MONTHS",
  365: "ONE_YEAR",
  400: "THIRTEEN_MONTHS",
  545: "EIGHTEEN_MONTHS",
  731: "TWO_YEARS",
  1096: "THREE_YEARS",
  1827: "FIVE_YEARS",
  2192: "SIX_YEARS",
  2557: "SEVEN_YEARS",
  2922: "EIGHT_YEARS",
  3288: "NINE_YEARS",
  3653: "TEN_YEARS",
};

/** `index.ts:9:1`: where something is, relative to the app directory. */
export function where(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** A string literal or, for a value with tokens, its expression. */
export function value(gen: StackGen, v: CfnValue | undefined): Expr | undefined {
  if (v === undefined) return undefined;
  return typeof v === "string" ? str(v) : gen.refs.expr(v);
}

/** The graph's resource of `kind` (the singletons: data, storage, static...). */
export function findResource<K extends ResourceKind>(graph: AppGraph, kind: K): Extract<Resource, { kind: K }> | undefined {
  return graph.resources.find((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

/** Every graph resource of `kind`. */
export function resourcesOfKind<K extends ResourceKind>(graph: AppGraph, kind: K): Extract<Resource, { kind: K }>[] {
  return graph.resources.filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

export function listOf(v: CfnValue | undefined): CfnValue[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** The object at `v`, or undefined when it is not one. */
export function record(v: CfnValue | undefined): Record<string, CfnValue> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
}

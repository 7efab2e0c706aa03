/**
 * What the per-kind synth files share while one stack is built: the graph,
 * the stage options, and the constructs created so far (so later kinds can
 * wire to earlier ones). Construction order is fixed in `app.ts`, never
 * derived from the graph, so logical IDs and template order are stable.
 */
import { CfnResource, type Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import type { EventBus } from "aws-cdk-lib/aws-events";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Role } from "aws-cdk-lib/aws-iam";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { Distribution } from "aws-cdk-lib/aws-cloudfront";
import type { AppGraph, Diagnostic, FunctionPlan, Resource, ResourceKind, Usage } from "../graph";
import type { GrantTarget } from "./iam-table";
import type { ResolvedEdge } from "./stage-settings";
import type { FrameworkOutput } from "../frameworks/types";

export interface StageOptions {
  appDir: string;
  stage: string;
  ephemeral: boolean;
  /** A web-framework app's build output (src/frameworks): its server ships with the HTTP function, its static files go behind the CDN. */
  framework?: FrameworkOutput;
}

/** The stage as the per-kind files see it: its options and every edge setting resolved (stage-settings.ts). */
export interface ContextOptions extends StageOptions {
  edge: ResolvedEdge;
}

export interface SynthFunction {
  plan: FunctionPlan;
  fn: LambdaFunction;
  /** Dead-letter queue of background functions; the http function has none (its caller gets the error). */
  dlq?: Queue;
}

/** Everything a later step may wire to. Fields are filled as `app.ts` goes. */
export interface SynthContext {
  readonly graph: AppGraph;
  readonly options: ContextOptions;
  readonly stack: Stack;
  readonly diagnostics: Diagnostic[];
  table?: Table;
  bucket?: Bucket;
  bus?: EventBus;
  scheduler?: { groupName: string; role: Role };
  functions: Map<string, SynthFunction>;
  httpApi?: HttpApi;
  distribution?: Distribution;
}

/** One step of the stack's fixed order (app.ts), in one of its slots (kinds.ts). */
export type SynthStep = (ctx: SynthContext) => void;
export type SynthSlot = "store" | "entry" | "edge" | "delivery";

/** Resources one IAM statement applies to; `key` describes them stably (never ARN strings, which hold CDK tokens). */
export interface GrantResources {
  key: string;
  resources: string[];
}

/**
 * How a kind turns a grant target it owns (iam-table.ts) into the ARNs of
 * what it made, for one usage; `collected`: iam.ts gathers it into
 * statements with conditions itself (the table's partitions, the bucket's
 * prefixes, params by name).
 */
export type GrantResolver = ((ctx: SynthContext, usage: Usage) => GrantResources | undefined) | "collected";

/**
 * What synth does for one kind of resource (kinds.ts lists one per kind):
 * its steps by slot, the environment variables by which the runtime in each
 * function reaches what it made (ARCHITECTURE.md "Environment"), and how the
 * IAM table's targets it owns become ARNs. A kind that makes constructs
 * later steps need keeps them on the context: the fields below, or its own
 * by module augmentation (`declare module "./context"`) in its file.
 */
export interface SynthKind {
  store?: SynthStep;
  entry?: SynthStep;
  edge?: SynthStep;
  delivery?: SynthStep;
  environment?: (ctx: SynthContext, plan: FunctionPlan) => Record<string, string>;
  grants?: Partial<Record<GrantTarget, GrantResolver>>;
}

/** A grant on `items` (prefixes, names, or `[""]` for one resource), keyed by target and items; none for no items. */
export function grantOn(target: GrantTarget, items: readonly string[], toArn: (item: string) => string): GrantResources | undefined {
  return items.length === 0 ? undefined : { key: `${target}|${items.join(",")}`, resources: items.map(toArn) };
}

/** The singleton resource of `kind`, if the graph has it. */
export function findResource<K extends ResourceKind>(graph: AppGraph, kind: K): Extract<Resource, { kind: K }> | undefined {
  for (const r of graph.resources) {
    if (isKind(r, kind)) return r;
  }
  return undefined;
}

/** Every resource of `kind`, in graph order (sorted by id). */
export function resourcesOf<K extends ResourceKind>(graph: AppGraph, kind: K): Extract<Resource, { kind: K }>[] {
  return graph.resources.filter((r): r is Extract<Resource, { kind: K }> => isKind(r, kind));
}

function isKind<K extends ResourceKind>(r: Resource, kind: K): r is Extract<Resource, { kind: K }> {
  return r.kind === kind;
}

/** `schedule-rate-1-hour` → `ScheduleRate1Hour`: a construct id that is readable in logical IDs. */
export function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}

/** `/iac/<app>/<stage>/`: the stage's SSM path (ARCHITECTURE.md). */
export function paramsPath(graph: AppGraph, stage: string): string {
  return `/iac/${graph.app.name}/${stage}/`;
}

/** Pins an L2 construct's CloudFormation logical ID, independent of its construct path. */
export function pinLogicalId(construct: IConstruct, logicalId: string): void {
  const child = construct.node.defaultChild;
  if (child instanceof CfnResource) child.overrideLogicalId(logicalId);
  else throw new Error(`internal: ${construct.node.path} has no CfnResource to pin as ${logicalId}`);
}

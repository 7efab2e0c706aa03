/**
 * IAM from usage (house style habit 6): ONE table maps each SDK operation to
 * the IAM actions it needs and the kind of resource they apply to; `grant`
 * turns a function's usages (its handlers' plus `@app`'s, since module top
 * level runs in every function) into statements on the specific ARNs, scoped
 * by what the analyzer knows (labels → index ARNs, storage prefixes → object
 * ARNs, param names → parameter ARNs). No action is ever `*` or `service:*`.
 * Statements are grouped and sorted by resource so the policy is stable.
 */
import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { APP_HANDLER, type LabelName, type Usage } from "../graph";
import { findResource, paramsPath, type SynthContext } from "./context";

/** What an action applies to; resolved to ARNs per function from the usage scope. */
export type GrantTarget = "table" | "index" | "objects" | "bucket" | "bus" | "schedules" | "schedulerRole" | "params" | "paramsPath";

export interface GrantRule {
  actions: readonly string[];
  on: GrantTarget;
  /** Only when the usage's scope is unknown (e.g. a computed param name needs the whole path). */
  unscopedOnly?: boolean;
}

type OperationTable<U extends Usage> = { [R in U["resource"]]: Record<Extract<U, { resource: R }>["operation"], readonly GrantRule[]> };

/** The one mapping (resource, operation) → IAM actions. */
export const IAM_TABLE: OperationTable<Usage> = {
  data: {
    get: [{ actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"], on: "table" }],
    query: [{ actions: ["dynamodb:Query"], on: "table" }],
    getByLabel: [{ actions: ["dynamodb:Query"], on: "index" }],
    // set merges object values and may return the previous item.
    set: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"], on: "table" }],
    remove: [{ actions: ["dynamodb:DeleteItem", "dynamodb:BatchWriteItem"], on: "table" }],
    add: [{ actions: ["dynamodb:UpdateItem"], on: "table" }],
    seed: [{ actions: ["dynamodb:PutItem", "dynamodb:BatchWriteItem"], on: "table" }],
  },
  storage: {
    read: [{ actions: ["s3:GetObject"], on: "objects" }],
    write: [{ actions: ["s3:PutObject"], on: "objects" }],
    // HeadObject is authorised by s3:GetObject.
    exists: [{ actions: ["s3:GetObject"], on: "objects" }],
    stat: [{ actions: ["s3:GetObject"], on: "objects" }],
    list: [{ actions: ["s3:ListBucket"], on: "bucket" }],
    remove: [{ actions: ["s3:DeleteObject"], on: "objects" }],
    copy: [{ actions: ["s3:GetObject", "s3:PutObject"], on: "objects" }],
    move: [{ actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], on: "objects" }],
    // A presigned URL carries the signer's rights: the function needs the right it hands out.
    getDownloadUrl: [{ actions: ["s3:GetObject"], on: "objects" }],
    getUploadUrl: [{ actions: ["s3:PutObject"], on: "objects" }],
  },
  events: {
    publish: [{ actions: ["events:PutEvents"], on: "bus" }],
    publishDelayed: [
      { actions: ["scheduler:CreateSchedule"], on: "schedules" },
      { actions: ["iam:PassRole"], on: "schedulerRole" },
    ],
  },
  params: {
    read: [
      { actions: ["ssm:GetParameter", "ssm:GetParameters"], on: "params" },
      { actions: ["ssm:GetParametersByPath"], on: "paramsPath", unscopedOnly: true },
    ],
  },
};

export function rulesFor(usage: Usage): readonly GrantRule[] {
  switch (usage.resource) {
    case "data":
      return IAM_TABLE.data[usage.operation];
    case "storage":
      return IAM_TABLE.storage[usage.operation];
    case "events":
      return IAM_TABLE.events[usage.operation];
    case "params":
      return IAM_TABLE.params[usage.operation];
    default: {
      const never: never = usage;
      throw new Error(`unknown usage ${JSON.stringify(never)}`);
    }
  }
}

interface Grouped {
  resources: string[];
  actions: Set<string>;
}

/** Adds each function's statements to its role. */
export function grantUsages(ctx: SynthContext): void {
  for (const f of ctx.functions.values()) {
    // Keyed by what the resources are (target + scope), never by their ARN strings:
    // those hold CDK token numbers, which depend on creation order in the process.
    const byTarget = new Map<string, Grouped>();
    const usages = ctx.graph.usages.filter((u) => u.handler === APP_HANDLER || f.plan.handlers.includes(u.handler));
    for (const usage of usages) {
      for (const rule of rulesFor(usage)) {
        const target = resolveTarget(ctx, rule, usage);
        if (!target) continue;
        addActions(byTarget, target, rule.actions);
      }
    }
    // The runtime loads the stage's params (CLOUD_URL included) with GetParametersByPath in every
    // container before the first event, so every function needs it on the stage's path. The path
    // cannot be narrowed per name; per-name grants above only matter once the runtime reads by name.
    addActions(byTarget, { key: "paramsPath|", resources: paramsPathArns(ctx) }, ["ssm:GetParametersByPath"]);
    for (const key of [...byTarget.keys()].sort()) {
      const entry = byTarget.get(key);
      if (entry) f.fn.addToRolePolicy(new PolicyStatement({ actions: [...entry.actions].sort(), resources: entry.resources }));
    }
  }
}

function addActions(into: Map<string, Grouped>, target: Target, actions: readonly string[]): void {
  const entry = into.get(target.key) ?? { resources: target.resources, actions: new Set<string>() };
  for (const a of actions) entry.actions.add(a);
  into.set(target.key, entry);
}

interface Target {
  /** Stable description of the resources, e.g. `objects|uploads/`. */
  key: string;
  resources: string[];
}

function resolveTarget(ctx: SynthContext, rule: GrantRule, usage: Usage): Target | undefined {
  const scope = usage.scope;
  const unscoped = usage.resource === "params" ? scope.names === undefined : false;
  if (rule.unscopedOnly && !unscoped) return undefined;
  const target = (items: string[], toArn: (item: string) => string): Target | undefined =>
    items.length === 0 ? undefined : { key: `${rule.on}|${items.join(",")}`, resources: items.map(toArn) };
  switch (rule.on) {
    case "table": {
      const table = ctx.table;
      return table ? target([""], () => table.tableArn) : undefined;
    }
    case "index": {
      const table = ctx.table;
      if (!table) return undefined;
      const labels: LabelName[] = scope.labels ?? findResource(ctx.graph, "data")?.labels ?? [];
      return target(uniqueSorted(labels), (l) => `${table.tableArn}/index/${l}`);
    }
    case "objects": {
      const bucket = ctx.bucket;
      if (!bucket) return undefined;
      const prefixes = (scope.prefixes ?? [""]).map((p) => p.replace(/^\/+/, ""));
      return target(uniqueSorted(prefixes), (p) => bucket.arnForObjects(`${p}*`));
    }
    case "bucket": {
      const bucket = ctx.bucket;
      return bucket ? target([""], () => bucket.bucketArn) : undefined;
    }
    case "bus": {
      const bus = ctx.bus;
      return bus ? target([""], () => bus.eventBusArn) : undefined;
    }
    case "schedules": {
      const scheduler = ctx.scheduler;
      if (!scheduler) return undefined;
      return target([""], () => Stack.of(ctx.stack).formatArn({ service: "scheduler", resource: "schedule", resourceName: `${scheduler.groupName}/*` }));
    }
    case "schedulerRole": {
      const scheduler = ctx.scheduler;
      return scheduler ? target([""], () => scheduler.role.roleArn) : undefined;
    }
    case "params":
      // Same key space as the reserved CLOUD_URL grant, so one name is granted once.
      return target(unscoped ? ["*"] : uniqueSorted(scope.names ?? []), (n) => paramArn(ctx, n));
    case "paramsPath": {
      const arns = paramsPathArns(ctx);
      return { key: "paramsPath|", resources: arns };
    }
    default: {
      const never: never = rule.on;
      throw new Error(`unknown grant target ${String(never)}`);
    }
  }
}

function uniqueSorted(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}

/** GetParametersByPath is authorised on the path; with or without its trailing slash, depending on the caller. */
function paramsPathArns(ctx: SynthContext): string[] {
  const path = paramArn(ctx, "").replace(/\/$/, "");
  return [path, `${path}/*`];
}

function paramArn(ctx: SynthContext, name: string): string {
  const resourceName = `${paramsPath(ctx.graph, ctx.options.stage).replace(/^\//, "")}${name}`;
  return Stack.of(ctx.stack).formatArn({ service: "ssm", resource: "parameter", resourceName });
}

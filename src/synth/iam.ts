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

/** Adds each function's statements to its role. */
export function grantUsages(ctx: SynthContext): void {
  for (const f of ctx.functions.values()) {
    const byResources = new Map<string, { resources: string[]; actions: Set<string> }>();
    const usages = ctx.graph.usages.filter((u) => u.handler === APP_HANDLER || f.plan.handlers.includes(u.handler));
    for (const usage of usages) {
      for (const rule of rulesFor(usage)) {
        const resources = resolveTarget(ctx, rule, usage);
        if (resources.length === 0) continue;
        const key = resources.join("\n");
        const entry = byResources.get(key) ?? { resources, actions: new Set<string>() };
        for (const a of rule.actions) entry.actions.add(a);
        byResources.set(key, entry);
      }
    }
    addReservedParams(ctx, byResources);
    for (const key of [...byResources.keys()].sort()) {
      const entry = byResources.get(key);
      if (entry) f.fn.addToRolePolicy(new PolicyStatement({ actions: [...entry.actions].sort(), resources: entry.resources }));
    }
  }
}

/** Every function may read the reserved `CLOUD_URL` param (the runtime's `params.CLOUD_URL`). */
function addReservedParams(ctx: SynthContext, into: Map<string, { resources: string[]; actions: Set<string> }>): void {
  if (!ctx.distribution) return;
  const arn = paramArn(ctx, "CLOUD_URL");
  const entry = into.get(arn) ?? { resources: [arn], actions: new Set<string>() };
  entry.actions.add("ssm:GetParameter");
  entry.actions.add("ssm:GetParameters");
  into.set(arn, entry);
}

function resolveTarget(ctx: SynthContext, rule: GrantRule, usage: Usage): string[] {
  const scope = usage.scope;
  const unscoped = usage.resource === "params" ? scope.names === undefined : false;
  if (rule.unscopedOnly && !unscoped) return [];
  switch (rule.on) {
    case "table":
      return ctx.table ? [ctx.table.tableArn] : [];
    case "index": {
      const table = ctx.table;
      if (!table) return [];
      const labels: LabelName[] = scope.labels ?? findResource(ctx.graph, "data")?.labels ?? [];
      return [...new Set(labels)].sort().map((l) => `${table.tableArn}/index/${l}`);
    }
    case "objects": {
      const bucket = ctx.bucket;
      if (!bucket) return [];
      const prefixes = scope.prefixes ?? [""];
      return [...new Set(prefixes.map((p) => p.replace(/^\/+/, "")))].sort().map((p) => bucket.arnForObjects(`${p}*`));
    }
    case "bucket":
      return ctx.bucket ? [ctx.bucket.bucketArn] : [];
    case "bus":
      return ctx.bus ? [ctx.bus.eventBusArn] : [];
    case "schedules":
      return ctx.scheduler
        ? [Stack.of(ctx.stack).formatArn({ service: "scheduler", resource: "schedule", resourceName: `${ctx.scheduler.groupName}/*` })]
        : [];
    case "schedulerRole":
      return ctx.scheduler ? [ctx.scheduler.role.roleArn] : [];
    case "params":
      return unscoped ? [paramArn(ctx, "*")] : [...new Set(scope.names ?? [])].sort().map((n) => paramArn(ctx, n));
    case "paramsPath":
      // GetParametersByPath is authorised on the path itself, without a trailing slash.
      return [paramArn(ctx, "").replace(/\/$/, "")];
    default: {
      const never: never = rule.on;
      throw new Error(`unknown grant target ${String(never)}`);
    }
  }
}

function paramArn(ctx: SynthContext, name: string): string {
  const resourceName = `${paramsPath(ctx.graph, ctx.options.stage).replace(/^\//, "")}${name}`;
  return Stack.of(ctx.stack).formatArn({ service: "ssm", resource: "parameter", resourceName });
}

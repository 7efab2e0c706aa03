/**
 * IAM from usage (house style habit 6): the one table in `iam-table.ts` maps
 * each SDK operation to IAM actions; `grantUsages` turns a function's usages
 * (its handlers' plus `@app`'s, since module top level runs in every
 * function) into statements on the specific ARNs, scoped by what the
 * analyzer knows (labels → index ARNs, storage prefixes → object ARNs, param
 * names → parameter ARNs, collections and label namespaces →
 * `dynamodb:LeadingKeys`, listed folders → `s3:prefix`). No action
 * is ever `*` or `service:*`. Statements are grouped and sorted by resource
 * so the policy is stable. docs/permissions.md explains every choice.
 */
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { type LabelName, type Usage, usagesOf } from "../graph";
import { findResource, type GrantResources, type SynthContext } from "./context";
import { rulesFor, type GrantRule } from "./iam-table";
import { GRANT_RESOLVERS } from "./kinds";
import { paramArn, paramsAccessOf } from "./params";

export { IAM_TABLE, rulesFor, type GrantRule, type GrantTarget } from "./iam-table";

/**
 * The partition value of a collection, as `src/runtime/data/keys.ts` stores
 * it: `todo:1` has pk `todo`; a simple key (collection "") has pk `:` (a
 * value no collection name can take, since names end at the first colon).
 */
export const SIMPLE_KEY_PARTITION = ":";

export function partitionOf(collection: string): string {
  return collection === "" ? SIMPLE_KEY_PARTITION : collection;
}

interface Grouped {
  resources: string[];
  actions: Set<string>;
  /** Table partitions the actions are limited to; undefined = not limited. */
  leadingKeys?: string[];
  /** `s3:prefix` patterns a bucket action is limited to; undefined = not limited. */
  prefixes?: string[];
}

/** Adds each function's statements to its role. */
export function grantUsages(ctx: SynthContext): void {
  for (const f of ctx.functions.values()) {
    // Keyed by what the resources are (target + scope), never by their ARN strings:
    // those hold CDK token numbers, which depend on creation order in the process.
    const byTarget = new Map<string, Grouped>();
    const usages = usagesOf(ctx.graph, f.plan);
    const tableActions: ScopedActions = new Map();
    const bucketActions: ScopedActions = new Map();
    const indexQueries = new Map<LabelName, IndexAccess>();
    const params = paramsAccessOf(ctx.graph, f.plan);
    const paramActions = new Set<string>();
    for (const usage of usages) {
      for (const rule of rulesFor(usage)) {
        if (rule.on === "params") {
          // Read by name: granted together below, unless a computed read grants the whole path anyway.
          if (params.kind === "names") for (const a of rule.actions) paramActions.add(a);
          continue;
        }
        if (rule.on === "table") {
          if (ctx.table) collectScoped(tableActions, rule.actions, tablePartitions(usage));
          continue;
        }
        if (rule.on === "index") {
          if (ctx.table) collectIndexQueries(ctx, indexQueries, rule, usage);
          continue;
        }
        if (rule.on === "bucket") {
          if (ctx.bucket) collectScoped(bucketActions, rule.actions, bucketPrefixes(rule, usage));
          continue;
        }
        const target = resolveTarget(ctx, rule, usage);
        if (!target) continue;
        addActions(byTarget, target, rule.actions);
      }
    }
    // One statement per distinct partition or prefix set: an action is allowed on exactly what its own
    // usages name, so reading `todo` never lets a function write `todo` because it also writes `config`.
    if (ctx.table) addScopedStatements(byTarget, "table", ctx.table.tableArn, tableActions, "leadingKeys");
    addIndexStatements(ctx, byTarget, indexQueries);
    if (ctx.bucket) addScopedStatements(byTarget, "bucket", ctx.bucket.bucketArn, bucketActions, "prefixes");
    // Params: GetParameters on the names this function's code reads, which are the names the runtime
    // loads at init (IAC_PARAMS_NAMES, params.ts); the stage's whole path only for a function that
    // reaches a computed read. A function that reads none gets no SSM access at all.
    if (params.kind === "names" && paramActions.size > 0) {
      addActions(byTarget, { key: "params|", resources: params.names.map((n) => paramArn(ctx, n)) }, [...paramActions]);
    }
    for (const key of [...byTarget.keys()].sort()) {
      const entry = byTarget.get(key);
      if (!entry) continue;
      const statement = new PolicyStatement({ actions: [...entry.actions].sort(), resources: entry.resources });
      // ForAllValues: every partition key the request touches (a batch may touch several) must be listed.
      if (entry.leadingKeys) statement.addCondition("ForAllValues:StringEquals", { "dynamodb:LeadingKeys": entry.leadingKeys });
      if (entry.prefixes) statement.addCondition("StringLike", { "s3:prefix": entry.prefixes });
      f.fn.addToRolePolicy(statement);
    }
  }
}

/** Per action, the values (table partitions, `s3:prefix` patterns) its usages limit it to, or "any". */
type ScopedActions = Map<string, Set<string> | "any">;

/** Adds a usage's actions, limited to `values`; undefined (a usage that cannot be limited) makes them "any". */
function collectScoped(into: ScopedActions, actions: readonly string[], values: readonly string[] | undefined): void {
  for (const action of actions) {
    const current = into.get(action);
    if (current === "any") continue;
    if (values === undefined) {
      into.set(action, "any");
      continue;
    }
    const set = current ?? new Set<string>();
    for (const v of values) set.add(v);
    into.set(action, set);
  }
}

/** The table partitions a usage names (`dynamodb:LeadingKeys`), or undefined when its keys are unknown. */
function tablePartitions(usage: Usage): string[] | undefined {
  const collections = usage.resource === "data" ? usage.scope.collections : undefined;
  return collections && collections.length > 0 ? collections.map(partitionOf) : undefined;
}

/**
 * The `s3:prefix` patterns a bucket rule's usage allows, or undefined: a
 * rule that cannot be narrowed, or a folder that is unknown or the whole
 * store (the runtime then sends no prefix, which no pattern matches).
 */
function bucketPrefixes(rule: GrantRule, usage: Usage): string[] | undefined {
  const prefixes = rule.byPrefix && usage.resource === "storage" ? usage.scope.prefixes?.map((p) => p.replace(/^\/+/, "")) : undefined;
  return prefixes && prefixes.length > 0 && !prefixes.includes("") ? prefixes.map((p) => `${p}*`) : undefined;
}

/** One statement per distinct value set on `resource`, the values as its condition. */
function addScopedStatements(
  into: Map<string, Grouped>,
  target: "table" | "bucket",
  resource: string,
  actions: ScopedActions,
  condition: "leadingKeys" | "prefixes",
): void {
  for (const [action, scope] of actions) {
    const values = scope === "any" ? undefined : [...scope].sort();
    const key = `${target}|${values ? JSON.stringify(values) : "*"}`;
    const entry = into.get(key) ?? { resources: [resource], actions: new Set<string>(), ...(values ? { [condition]: values } : {}) };
    entry.actions.add(action);
    into.set(key, entry);
  }
}

/**
 * Per label index, the partitions its queries name, or "any". An index's
 * partition key is `labelNpk`, the label value's namespace (`status` for
 * `status:complete`; ":" for a value without one), which a label query's
 * expression names as a key query names its collection.
 */
function collectIndexQueries(ctx: SynthContext, into: Map<LabelName, IndexAccess>, rule: GrantRule, usage: Usage): void {
  if (usage.resource !== "data") return;
  const labels: LabelName[] = usage.scope.labels ?? findResource(ctx.graph, "data")?.labels ?? [];
  // A label query's collections are the namespaces its expression names: partitions of the index.
  const partitions = tablePartitions(usage);
  for (const label of labels) {
    const access = into.get(label) ?? { actions: new Set<string>(), partitions: new Set<string>() };
    for (const a of rule.actions) access.actions.add(a);
    if (partitions === undefined) access.partitions = "any";
    else if (access.partitions !== "any") for (const p of partitions) access.partitions.add(p);
    into.set(label, access);
  }
}

interface IndexAccess {
  actions: Set<string>;
  partitions: Set<string> | "any";
}

/** The index actions on each index ARN, one statement per distinct (actions, partitions). */
function addIndexStatements(ctx: SynthContext, into: Map<string, Grouped>, queries: Map<LabelName, IndexAccess>): void {
  const table = ctx.table;
  if (!table) return;
  for (const label of [...queries.keys()].sort()) {
    const access = queries.get(label);
    if (!access) continue;
    const actions = [...access.actions].sort();
    const leadingKeys = access.partitions === "any" ? undefined : [...access.partitions].sort();
    const key = `index|${actions.join(",")}|${leadingKeys ? JSON.stringify(leadingKeys) : "*"}`;
    const entry = into.get(key) ?? { resources: [], actions: new Set(actions), leadingKeys };
    entry.resources.push(`${table.tableArn}/index/${label}`);
    into.set(key, entry);
  }
}

function addActions(into: Map<string, Grouped>, target: GrantResources, actions: readonly string[]): void {
  const entry = into.get(target.key) ?? { resources: target.resources, actions: new Set<string>() };
  for (const a of actions) entry.actions.add(a);
  into.set(target.key, entry);
}

/** The ARNs of a rule's target for one usage, from the kind that owns the target (kinds.ts); none for a target grantUsages collects itself. */
function resolveTarget(ctx: SynthContext, rule: GrantRule, usage: Usage): GrantResources | undefined {
  const unscoped = usage.resource === "params" ? usage.scope.names === undefined : false;
  if (rule.unscopedOnly && !unscoped) return undefined;
  const resolver = GRANT_RESOLVERS[rule.on];
  return resolver === "collected" ? undefined : resolver(ctx, usage);
}

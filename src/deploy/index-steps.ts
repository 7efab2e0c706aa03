/**
 * Label indexes (DynamoDB GSIs) over as many stack updates as CloudFormation
 * needs. One update of an `AWS::DynamoDB::Table` may create or delete one
 * global secondary index; a change that adds label2 and label3 at once (or
 * drops two) fails as a single deployment. This plans the sequence.
 *
 * Input: the template deployed now and the one just built. Output: the
 * templates to deploy in order, the last being the built one, each one GSI
 * creation or deletion away from the one before:
 * 1. indexes to add, all but the last, each in its own update of the
 *    *deployed* template: the running code stays as it is while its table
 *    gains indexes it does not use yet (DynamoDB backfills each before the
 *    update completes);
 * 2. the built template with every index to drop still in place, which adds
 *    the last index (or, when nothing is added, drops the first): the new
 *    code arrives with every index it queries already built;
 * 3. the indexes to drop, one update each, until the built template itself.
 * Old code never loses an index it queries, new code never runs before its
 * indexes exist. One change or none is a single deployment, as before.
 *
 * Pure: templates in, templates out. Only tables present in both templates
 * are planned (a new table is created with all its indexes at once). An
 * index whose definition changes under the same name needs a deletion and
 * a creation, which iac never asks for (label indexes are fixed); it is
 * reported and left to CloudFormation.
 */
import type { Template, TemplateResource } from "../diff/types";

export interface IndexChange {
  table: string;
  index: string;
  action: "create" | "delete";
}

export interface IndexStep {
  template: Template;
  /** The one index change this step makes ({@link IndexChange}); absent when none (the built template after the last). */
  change?: IndexChange;
  /** Whether this step's template is the deployed one (old code) or the built one (new code). */
  base: "deployed" | "built";
}

export interface IndexPlan {
  /** At least one; the last is the built template. */
  steps: IndexStep[];
  /** Every index creation and deletion, in the order the steps make them. */
  changes: IndexChange[];
  /** Indexes redefined under the same name: outside what a plan can sequence. */
  redefined: { table: string; index: string }[];
}

type Gsi = Record<string, unknown> & { IndexName: string };

export function planIndexSteps(deployed: Template | undefined, built: Template): IndexPlan {
  const single: IndexPlan = { steps: [{ template: built, base: "built" }], changes: [], redefined: [] };
  if (!deployed) return single;
  const adds: IndexChange[] = [];
  const drops: IndexChange[] = [];
  const redefined: IndexPlan["redefined"] = [];
  for (const table of tablesIn(built)) {
    const before = gsisOf(deployed.Resources?.[table]);
    const after = gsisOf(built.Resources?.[table]);
    if (!deployed.Resources?.[table] || deployed.Resources[table].Type !== "AWS::DynamoDB::Table") continue;
    for (const [name, def] of after) {
      const old = before.get(name);
      if (!old) adds.push({ table, index: name, action: "create" });
      else if (JSON.stringify(old) !== JSON.stringify(def)) redefined.push({ table, index: name });
    }
    for (const name of before.keys()) if (!after.has(name)) drops.push({ table, index: name, action: "delete" });
  }
  const changes = [...adds, ...drops];
  if (changes.length <= 1) return { ...single, changes, redefined };

  const steps: IndexStep[] = [];
  // 1. The deployed template, gaining all adds but the last.
  const early = adds.slice(0, -1);
  for (let i = 0; i < early.length; i++) {
    const added = early.slice(0, i + 1);
    steps.push({
      template: withIndexes(deployed, deployed, built, (table, names) => [...names, ...namesOf(added, table)]),
      change: early[i],
      base: "deployed",
    });
  }
  // 2. The built template with every dropped index kept (minus the first drop when nothing is added).
  const firstDrop = adds.length === 0 ? drops[0] : undefined;
  const kept = drops.filter((d) => d !== firstDrop);
  steps.push({
    template: kept.length === 0 ? built : withIndexes(built, deployed, built, (table, names) => [...names, ...namesOf(kept, table)]),
    change: adds.length > 0 ? adds[adds.length - 1] : firstDrop,
    base: "built",
  });
  // 3. One drop per update, down to the built template itself.
  for (let i = 0; i < kept.length; i++) {
    const remaining = kept.slice(i + 1);
    const template = remaining.length === 0 ? built : withIndexes(built, deployed, built, (table, names) => [...names, ...namesOf(remaining, table)]);
    steps.push({ template, change: kept[i], base: "built" });
  }
  return { steps, changes: steps.flatMap((s) => (s.change ? [s.change] : [])), redefined };
}

/** Logical IDs of the template's DynamoDB tables, sorted. */
function tablesIn(t: Template): string[] {
  return Object.entries(t.Resources ?? {})
    .filter(([, r]) => r.Type === "AWS::DynamoDB::Table")
    .map(([id]) => id)
    .sort();
}

function gsisOf(r: TemplateResource | undefined): Map<string, Gsi> {
  const list = r?.Properties?.GlobalSecondaryIndexes;
  const out = new Map<string, Gsi>();
  if (!Array.isArray(list)) return out;
  for (const g of list) if (isGsi(g)) out.set(g.IndexName, g);
  return out;
}

function isGsi(v: unknown): v is Gsi {
  return typeof v === "object" && v !== null && "IndexName" in v && typeof v.IndexName === "string";
}

function namesOf(changes: readonly IndexChange[], table: string): string[] {
  return changes.filter((c) => c.table === table).map((c) => c.index);
}

/**
 * A copy of `template` whose tables (those in both templates) have the indexes `pick` names,
 * given the names `template` has: each index defined as the built template defines it
 * (else as deployed), in the built template's order, attribute definitions to match.
 */
function withIndexes(template: Template, deployed: Template, built: Template, pick: (table: string, names: string[]) => string[]): Template {
  const copy: Template = structuredClone(template);
  for (const table of tablesIn(copy)) {
    const d = deployed.Resources?.[table];
    const b = built.Resources?.[table];
    const resource = copy.Resources?.[table];
    if (!d || !b || !resource?.Properties) continue;
    const own = [...gsisOf(resource).keys()];
    const wanted = new Set(pick(table, own));
    const defs = new Map([...gsisOf(d), ...gsisOf(b)]);
    const order = [...gsisOf(b).keys(), ...[...gsisOf(d).keys()].filter((n) => !gsisOf(b).has(n))];
    const gsis = order
      .filter((n) => wanted.has(n))
      .flatMap((n) => {
        const def = defs.get(n);
        return def ? [def] : [];
      });
    if (gsis.length > 0) resource.Properties.GlobalSecondaryIndexes = gsis;
    else delete resource.Properties.GlobalSecondaryIndexes;
    resource.Properties.AttributeDefinitions = attributeDefinitions(resource.Properties, [d, b]);
  }
  return copy;
}

/** CloudFormation wants exactly the attributes the table's and its indexes' key schemas use. */
function attributeDefinitions(props: Record<string, unknown>, sources: TemplateResource[]): unknown[] {
  const known = new Map<string, unknown>();
  for (const s of sources) {
    const defs = s.Properties?.AttributeDefinitions;
    if (!Array.isArray(defs)) continue;
    for (const a of defs) if (typeof a === "object" && a !== null && "AttributeName" in a && typeof a.AttributeName === "string") known.set(a.AttributeName, a);
  }
  const used: string[] = [];
  const collect = (schema: unknown): void => {
    if (!Array.isArray(schema)) return;
    for (const k of schema)
      if (typeof k === "object" && k !== null && "AttributeName" in k && typeof k.AttributeName === "string" && !used.includes(k.AttributeName))
        used.push(k.AttributeName);
  };
  collect(props.KeySchema);
  const gsis = props.GlobalSecondaryIndexes;
  if (Array.isArray(gsis)) for (const g of gsis) if (isGsi(g)) collect(g.KeySchema);
  const lsis = props.LocalSecondaryIndexes;
  if (Array.isArray(lsis)) for (const l of lsis) if (typeof l === "object" && l !== null && "KeySchema" in l) collect(l.KeySchema);
  return used.flatMap((n) => {
    const def = known.get(n);
    return def ? [def] : [];
  });
}

/**
 * Compares two CloudFormation templates with the CDK's own diff engine
 * (`@aws-cdk/cloudformation-diff`, the one `@aws-cdk/toolkit-lib` runs for
 * `cdk diff`; offline, it knows which property changes replace a resource).
 *
 * Input: base and head template JSON (`diffTemplates`), or a diff the
 * toolkit already computed against a deployed stack (`classifyTemplateDiff`,
 * used by deploy's approval prompt). Output: one change per resource added,
 * removed, modified or replaced, classified:
 * - a table or bucket removed or replaced, or a GSI dropped: destructive;
 * - an IAM resource that grants more than before: permissions;
 * - anything else: safe.
 * Code-only changes (asset hashes in S3 keys) and CDK metadata are not
 * infrastructure changes and are left out: the graph diff says what code did.
 */
import { fullDiff, ResourceImpact } from "@aws-cdk/cloudformation-diff";
import type { ResourceDifference, TemplateDiff } from "@aws-cdk/cloudformation-diff";
import type { Change, ChangeClass, Template, TemplateResource } from "./types";

const STATEFUL_TYPES: Record<string, string> = {
  "AWS::DynamoDB::Table": "table",
  "AWS::DynamoDB::GlobalTable": "table",
  "AWS::S3::Bucket": "bucket",
};

const IAM_TYPES = new Set(["AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::Lambda::Permission", "AWS::S3::BucketPolicy"]);

const ASSET_HASH = /[0-9a-f]{64}/g;

/** Equal once asset hashes are masked: a code or file change, not an infrastructure change. */
function sameButAssets(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null).replace(ASSET_HASH, "#") === JSON.stringify(b ?? null).replace(ASSET_HASH, "#");
}

function gsiNames(r: TemplateResource | undefined): string[] {
  const list = r?.Properties?.GlobalSecondaryIndexes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((g: unknown) => (typeof g === "object" && g !== null && "IndexName" in g && typeof g.IndexName === "string" ? [g.IndexName] : []));
}

interface PropertyChange {
  name: string;
  replaces: boolean;
}

/** Property and other differences that matter: no metadata, no asset-only changes. */
function meaningfulChanges(d: ResourceDifference): PropertyChange[] {
  const out: PropertyChange[] = [];
  d.forEachDifference((type, name, value) => {
    if (type === "Other" && name === "Metadata") return;
    if (sameButAssets(value.oldValue, value.newValue)) return;
    const impact = "changeImpact" in value ? value.changeImpact : undefined;
    out.push({ name: type === "Property" ? name : `(${name})`, replaces: impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE });
  });
  return out;
}

function broadensPermissions(id: string, before: TemplateResource | undefined, after: TemplateResource): boolean {
  const one = (r: TemplateResource | undefined): Template => ({ Resources: r ? { [id]: r } : {} });
  return fullDiff(one(before), one(after)).permissionsBroadened;
}

export function diffTemplates(base: Template, head: Template): Change[] {
  return classifyTemplateDiff(fullDiff(base, head));
}

export function classifyTemplateDiff(diff: TemplateDiff): Change[] {
  const changes: Change[] = [];
  diff.resources.forEachDifference((id, d) => {
    const type = d.resourceType ?? "unknown";
    if (type === "AWS::CDK::Metadata") return;
    const stateful = STATEFUL_TYPES[type];
    const subject = `${id} (${type})`;
    const push = (action: Change["action"], cls: ChangeClass, reason: string, details?: string[]): void => {
      changes.push({ source: "template", area: "resource", action, subject, class: cls, reason, causes: [], ...(details && details.length > 0 ? { details } : {}) });
    };
    if (d.isAddition) {
      const widens = IAM_TYPES.has(type) && d.newValue !== undefined && broadensPermissions(id, undefined, d.newValue);
      push("added", widens ? "permissions" : "safe", widens ? "a new IAM resource grants permissions" : "created");
      return;
    }
    if (d.isRemoval) {
      const retained = d.oldValue?.DeletionPolicy === "Retain";
      if (stateful) {
        push("removed", "destructive", retained
          ? `the ${stateful} leaves the stack: it is retained in the account, but the app no longer uses its data`
          : `the ${stateful} and all its data are deleted`);
      } else push("removed", "safe", "deleted");
      return;
    }
    const props = meaningfulChanges(d);
    if (props.length === 0) return;
    const details = props.map((p) => `${p.name}${p.replaces ? " (requires replacement)" : ""}`);
    const replaced = d.changeImpact === ResourceImpact.WILL_REPLACE || d.changeImpact === ResourceImpact.MAY_REPLACE || props.some((p) => p.replaces);
    if (replaced) {
      if (stateful) push("replaced", "destructive", `the ${stateful} is replaced: the new one starts empty`, details);
      else push("replaced", "safe", "replaced by a new resource", details);
      return;
    }
    const dropped = stateful === "table" ? gsiNames(d.oldValue).filter((n) => !gsiNames(d.newValue).includes(n)) : [];
    if (dropped.length > 0) {
      push("changed", "destructive", `index ${dropped.join(", ")} is dropped from the table`, details);
      return;
    }
    const widens = IAM_TYPES.has(type) && d.newValue !== undefined && broadensPermissions(id, d.oldValue, d.newValue);
    push("changed", widens ? "permissions" : "safe", widens ? "the IAM resource grants more than before" : "modified in place", details);
  });
  return changes.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

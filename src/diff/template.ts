/**
 * Compares two CloudFormation templates with the CDK's own diff engine
 * (`@aws-cdk/cloudformation-diff`, the one `@aws-cdk/toolkit-lib` runs for
 * `cdk diff`; offline, it knows which property changes replace a resource).
 *
 * Input: base and head template JSON (`diffTemplates`), or a diff the
 * toolkit already computed against a deployed stack (`classifyTemplateDiff`,
 * used by deploy's approval prompt). Output: one change per resource added,
 * removed, modified or replaced, with what changed in it
 * (resource-detail.ts), classified:
 * - a table or bucket removed or replaced, or a GSI dropped: destructive;
 * - an IAM resource that grants more than before, or a security group
 *   that lets more traffic through: permissions;
 * - anything else: safe.
 * A security resource added in place of a removed one that is the same but
 * for the names of resources added or removed with it (a renamed function's
 * role and policy: a schedule's function takes its name from its
 * expression) grants nothing new: safe, and said so.
 * Code-only changes (asset hashes in S3 keys) and CDK metadata are not
 * infrastructure changes and are left out: the graph diff says what code did.
 */
import { fullDiff } from "@aws-cdk/cloudformation-diff";
import type { TemplateDiff } from "@aws-cdk/cloudformation-diff";
import { isReplacement, propertyDiffs, resourceDetail, SECURITY_TYPES, securityDelta } from "./resource-detail";
import type { SecurityDelta } from "./resource-detail";
import type { Change, ChangeClass, ResourceDetail, Template, TemplateResource } from "./types";

const STATEFUL_TYPES: Record<string, string> = {
  "AWS::DynamoDB::Table": "table",
  "AWS::DynamoDB::GlobalTable": "table",
  "AWS::S3::Bucket": "bucket",
};

/** Why a security resource's change is `permissions`, in its own terms. */
function widening(type: string, added: boolean): string {
  if (type.startsWith("AWS::EC2::SecurityGroup"))
    return added ? "a new security group rule lets traffic through" : "the security group lets more traffic through than before";
  return added ? "a new IAM resource grants permissions" : "the IAM resource grants more than before";
}

/** Why a modified resource is safe: a security resource that only lost statements or rules says so. */
function inPlace(type: string, sec: SecurityDelta | undefined): string {
  const rows = [...(sec?.rows.statements ?? []), ...(sec?.rows.managedPolicies ?? []), ...(sec?.rows.securityGroupRules ?? [])];
  if (rows.length === 0 || rows.some((r) => r.change === "added")) return "modified in place";
  return type.startsWith("AWS::EC2::SecurityGroup") ? "the security group lets less traffic through than before" : "the IAM resource grants less than before";
}

function gsiNames(r: TemplateResource | undefined): string[] {
  const list = r?.Properties?.GlobalSecondaryIndexes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((g: unknown) => (typeof g === "object" && g !== null && "IndexName" in g && typeof g.IndexName === "string" ? [g.IndexName] : []));
}

export function diffTemplates(base: Template, head: Template): Change[] {
  return classifyTemplateDiff(fullDiff(base, head));
}

/**
 * The value with every reference to one of `churned` (resources added or
 * removed) made anonymous, and statement ids (`Sid`, made from names) left
 * out, so two resources that differ only in which of them they name
 * compare equal.
 */
function anonymised(value: unknown, churned: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => anonymised(v, churned));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const [key, ref] = entries.length === 1 ? entries[0] : [];
  if (key === "Ref" && typeof ref === "string" && churned.has(ref)) return { Ref: "*" };
  if (key === "Fn::GetAtt" && Array.isArray(ref) && churned.has(String(ref[0]))) return { "Fn::GetAtt": ["*", ...ref.slice(1)] };
  return Object.fromEntries(entries.filter(([k]) => k !== "Sid").map(([k, v]) => [k, anonymised(v, churned)]));
}

/** Properties that name or describe a resource and grant nothing (a policy's name is its logical ID). */
const NAMING_PROPERTIES = new Set(["Description", "GroupDescription", "PolicyName", "ManagedPolicyName", "RoleName"]);

/** What a resource grants, for comparison: its type and its properties but those that only name it. */
function grants(r: unknown): unknown {
  if (typeof r !== "object" || r === null) return r;
  const { Type, Properties } = r as TemplateResource;
  const props = Object.entries(Properties ?? {}).filter(([k]) => !NAMING_PROPERTIES.has(k));
  return { Type, Properties: Object.fromEntries(props) };
}

/** Added security resources that stand in for a removed one of the same type and grants: added id → removed id. */
function standIns(diff: TemplateDiff): Map<string, string> {
  const added: [string, unknown][] = [];
  const removed: [string, unknown][] = [];
  diff.resources.forEachDifference((id, d) => {
    if (d.isAddition) added.push([id, d.newValue]);
    else if (d.isRemoval) removed.push([id, d.oldValue]);
  });
  const churned = new Set([...added, ...removed].map(([id]) => id));
  const key = (r: unknown) => JSON.stringify(anonymised(grants(r), churned));
  const unmatched = new Map<string, string[]>();
  for (const [id, r] of removed) {
    const k = key(r);
    unmatched.set(k, [...(unmatched.get(k) ?? []), id]);
  }
  const pairs = new Map<string, string>();
  for (const [id, r] of added) {
    if (!SECURITY_TYPES.has((r as TemplateResource | undefined)?.Type ?? "")) continue;
    const candidates = unmatched.get(key(r));
    const match = candidates?.shift();
    if (match) pairs.set(id, match);
  }
  return pairs;
}

export function classifyTemplateDiff(diff: TemplateDiff): Change[] {
  const changes: Change[] = [];
  const replacing = standIns(diff);
  diff.resources.forEachDifference((id, d) => {
    const type = d.resourceType ?? "unknown";
    if (type === "AWS::CDK::Metadata") return;
    const stateful = STATEFUL_TYPES[type];
    const security = (): SecurityDelta | undefined => (SECURITY_TYPES.has(type) ? securityDelta(id, d.oldValue, d.newValue) : undefined);
    const push = (action: Change["action"], cls: ChangeClass, reason: string, resource: ResourceDetail): void => {
      changes.push({ source: "template", area: "resource", action, subject: `${id} (${type})`, class: cls, reason, causes: [], resource });
    };
    if (d.isAddition) {
      const sec = security();
      const replaced = replacing.get(id);
      if (replaced) {
        push("added", "safe", `in place of ${replaced}, which granted the same (a resource it names was renamed)`, resourceDetail(id, type, [], sec));
        return;
      }
      const widens = sec?.broadened ?? false;
      push("added", widens ? "permissions" : "safe", widens ? widening(type, true) : "created", resourceDetail(id, type, [], sec));
      return;
    }
    if (d.isRemoval) {
      const retained = d.oldValue?.DeletionPolicy === "Retain";
      const detail = resourceDetail(id, type, [], security());
      if (stateful) {
        push(
          "removed",
          "destructive",
          retained
            ? `the ${stateful} leaves the stack: it is retained in the account, but the app no longer uses its data`
            : `the ${stateful} and all its data are deleted`,
          detail,
        );
      } else push("removed", "safe", "deleted", detail);
      return;
    }
    const props = propertyDiffs(d);
    if (props.length === 0) return;
    const sec = security();
    const detail = resourceDetail(id, type, props, sec);
    const replaced = isReplacement(d.changeImpact) || props.some((p) => p.replaces);
    if (replaced) {
      if (stateful) push("replaced", "destructive", `the ${stateful} is replaced: the new one starts empty`, detail);
      else push("replaced", "safe", "replaced by a new resource", detail);
      return;
    }
    const dropped = stateful === "table" ? gsiNames(d.oldValue).filter((n) => !gsiNames(d.newValue).includes(n)) : [];
    if (dropped.length > 0) {
      push("changed", "destructive", `index ${dropped.join(", ")} is dropped from the table`, detail);
      return;
    }
    const widens = sec?.broadened ?? false;
    push("changed", widens ? "permissions" : "safe", widens ? widening(type, false) : inPlace(type, sec), detail);
  });
  return changes.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

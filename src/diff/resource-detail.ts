/**
 * What changed inside one CloudFormation resource, as data a reviewer can
 * read: each changed property down to the deepest key that changed, with
 * its value before and after (a JSON line diff for values longer than a
 * line, as `cdk diff` prints them), and for IAM and security-group
 * resources the statements and rules added or removed, read with
 * cloudformation-diff's own IAM and network models (the ones behind
 * `cdk diff`'s security tables).
 *
 * Values differing only in asset hashes are code changes, not
 * infrastructure changes, and are left out (the graph diff says what the
 * code did).
 */
import { fullDiff, ResourceImpact } from "@aws-cdk/cloudformation-diff";
import type { ResourceDifference, TemplateDiff } from "@aws-cdk/cloudformation-diff";
import { structuredPatch } from "diff";
import type { ManagedPolicyRow, PropertyDiff, ResourceDetail, RowChange, SecurityGroupRuleRow, StatementRow, TemplateResource } from "./types";

const ASSET_HASH = /[0-9a-f]{64}/g;

/** Equal once asset hashes are masked. */
export function sameButAssets(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null).replace(ASSET_HASH, "#") === JSON.stringify(b ?? null).replace(ASSET_HASH, "#");
}

/** Types whose policy documents cloudformation-diff reads as IAM statements or security-group rules. */
export const SECURITY_TYPES = new Set([
  "AWS::IAM::Policy",
  "AWS::IAM::Role",
  "AWS::IAM::ManagedPolicy",
  "AWS::Lambda::Permission",
  "AWS::S3::BucketPolicy",
  "AWS::SQS::QueuePolicy",
  "AWS::SNS::TopicPolicy",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::SecurityGroupIngress",
  "AWS::EC2::SecurityGroupEgress",
]);

/** Properties the statement and rule tables say better than a JSON diff (shown only when a table has rows). */
const TABLED_PROPERTIES = new Set([
  "PolicyDocument",
  "AssumeRolePolicyDocument",
  "Policies",
  "ManagedPolicyArns",
  "SecurityGroupIngress",
  "SecurityGroupEgress",
]);

/** One line of JSON at most this long is shown inline (`before → after`); longer values get a line diff. */
const INLINE = 60;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{ "Ref": ... }`, `{ "Fn::GetAtt": ... }`: a value, not a level to descend into. */
function isIntrinsic(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

function json(v: unknown): string {
  return v === undefined ? "" : `${JSON.stringify(v, null, 2)}\n`;
}

function short(v: unknown): boolean {
  return v === undefined || JSON.stringify(v).length <= INLINE;
}

/** A unified diff of the two values' JSON, 3 lines of context; hunk headers only between hunks. */
function lineDiff(before: unknown, after: unknown): string[] {
  const hunks = structuredPatch("before", "after", json(before), json(after), "", "", { context: 3 }).hunks;
  return hunks.flatMap((h) => [...(hunks.length > 1 ? [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`] : []), ...h.lines]);
}

function leaf(path: string, before: unknown, after: unknown, replaces: boolean): PropertyDiff {
  const lines = short(before) && short(after) ? undefined : lineDiff(before, after);
  return { path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), replaces, ...(lines ? { lines } : {}) };
}

/** Down through objects both sides have, to the keys whose values differ. */
function descend(path: string, before: unknown, after: unknown, replaces: boolean, out: PropertyDiff[]): void {
  if (sameButAssets(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after) && !isIntrinsic(before) && !isIntrinsic(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) descend(`${path}.${k}`, before[k], after[k], replaces, out);
    return;
  }
  out.push(leaf(path, before, after, replaces));
}

export function isReplacement(impact: ResourceImpact | undefined): boolean {
  return impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE;
}

/** Changed properties and attributes of a modified resource (no metadata). */
export function propertyDiffs(d: ResourceDifference): PropertyDiff[] {
  const out: PropertyDiff[] = [];
  d.forEachDifference((type, name, value) => {
    if (type === "Other" && name === "Metadata") return;
    const impact = "changeImpact" in value ? value.changeImpact : undefined;
    descend(name, value.oldValue, value.newValue, isReplacement(impact), out);
  });
  return out;
}

function lines(s: string): string[] {
  return s === "" ? [] : s.split("\n");
}

function securityRows(diff: TemplateDiff): Pick<ResourceDetail, "statements" | "managedPolicies" | "securityGroupRules"> {
  const iam = diff.iamChanges;
  const statements: StatementRow[] = [];
  for (const [change, list] of [
    ["added", iam.statements.additions],
    ["removed", iam.statements.removals],
  ] as const) {
    for (const s of list) {
      const r = s.render();
      const condition = lines(r.condition)
        .map((l) => l.trim())
        .join(" ");
      statements.push({
        change,
        effect: r.effect,
        actions: lines(r.action),
        resources: lines(r.resource),
        principals: lines(r.principal),
        ...(condition ? { condition } : {}),
      });
    }
  }
  const managedPolicies: ManagedPolicyRow[] = [
    ...iam.managedPolicies.additions.map((m) => ({ change: "added" as RowChange, identity: m.identityArn, policyArn: m.managedPolicyArn })),
    ...iam.managedPolicies.removals.map((m) => ({ change: "removed" as RowChange, identity: m.identityArn, policyArn: m.managedPolicyArn })),
  ];
  const sg = diff.securityGroupChanges;
  const rule =
    (change: RowChange, direction: "in" | "out") =>
    (r: { groupId: string; describeProtocol(): string; describePeer(): string }): SecurityGroupRuleRow => ({
      change,
      group: r.groupId,
      direction,
      protocol: r.describeProtocol(),
      peer: r.describePeer(),
    });
  const securityGroupRules = [
    ...sg.ingress.additions.map(rule("added", "in")),
    ...sg.egress.additions.map(rule("added", "out")),
    ...sg.ingress.removals.map(rule("removed", "in")),
    ...sg.egress.removals.map(rule("removed", "out")),
  ];
  return {
    ...(statements.length > 0 ? { statements } : {}),
    ...(managedPolicies.length > 0 ? { managedPolicies } : {}),
    ...(securityGroupRules.length > 0 ? { securityGroupRules } : {}),
  };
}

export interface SecurityDelta {
  /** More is allowed than before: a statement or managed policy added, a deny removed, an ingress or egress rule added. */
  broadened: boolean;
  rows: Pick<ResourceDetail, "statements" | "managedPolicies" | "securityGroupRules">;
}

/** The resource's IAM and security-group changes, read on its own (before or after may be absent). */
export function securityDelta(id: string, before: TemplateResource | undefined, after: TemplateResource | undefined): SecurityDelta {
  const one = (r: TemplateResource | undefined) => ({ Resources: r ? { [id]: r } : {} });
  const diff = fullDiff(one(before), one(after));
  return { broadened: diff.permissionsBroadened, rows: securityRows(diff) };
}

/** The detail of one resource change; `properties` only for a modified resource. */
export function resourceDetail(id: string, type: string, properties: PropertyDiff[], security?: SecurityDelta): ResourceDetail {
  const rows = security?.rows ?? {};
  const tabled = Object.keys(rows).length > 0;
  return {
    logicalId: id,
    type,
    // The tables say what a policy document's JSON diff would, statement by statement.
    properties: tabled ? properties.filter((p) => !TABLED_PROPERTIES.has(p.path.split(".")[0])) : properties,
    ...rows,
  };
}

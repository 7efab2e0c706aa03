/**
 * The last steps of synth's buildApp: each function's IAM statements (what
 * its code calls, iac.ts's one table of SDK operations to actions), log
 * groups with the stage's retention for CDK's own helper functions, and
 * the custom domain's overrides on the distribution.
 */
import type { CfnValue } from "../model";
import { arr, obj, str, type Expr } from "../code";
import { callsNeeding } from "../provenance";
import type { GrantTarget } from "../../synth/iam-table";
import { CDK, listOf, numberProp, record, removalPolicy, retention, type StackGen } from "./context";

export function writeGrants(gen: StackGen): void {
  const PolicyStatement = (): string => gen.imports.use(`${CDK}/aws-iam`, "PolicyStatement");
  for (const f of gen.functions.values()) {
    const statements = gen.model.grants[f.plan.id] ?? [];
    if (statements.length === 0) continue;
    gen.body.blank().comment(`What function "${f.plan.id}"'s code calls, and nothing more (iac why <permission> --function ${f.plan.id}).`);
    for (const st of statements) {
      const s = record(st) ?? {};
      const actions = listOf(s.Action).filter((a): a is string => typeof a === "string");
      for (const line of callsNeeding(gen.graph, f.plan, actions, targetTest(s.Resource))) gen.body.comment(line);
      gen.body.line(`${f.name}.fn.addToRolePolicy(new ${PolicyStatement()}(${statementProps(gen, s)}));`);
    }
  }
}

/** Which of the IAM table's kinds of resource a statement's resources are, judged from their template form. */
function targetTest(resources: CfnValue | undefined): (target: GrantTarget) => boolean {
  const text = JSON.stringify(resources ?? null);
  const onTable = text.includes('["Table","Arn"]');
  const onBucket = text.includes('["Bucket","Arn"]');
  const kinds: Record<GrantTarget, boolean> = {
    index: onTable && text.includes("/index/"),
    table: onTable && !text.includes("/index/"),
    objects: onBucket && text.includes('"/'),
    bucket: onBucket && !text.includes('"/'),
    bus: text.includes("EventBus"),
    schedules: text.includes(":scheduler:"),
    schedulerRole: text.includes("SchedulerRole"),
    params: text.includes(":parameter/"),
    paramsPath: text.includes(":parameter/"),
  };
  return (target) => kinds[target];
}

function statementProps(gen: StackGen, s: Record<string, CfnValue>): Expr {
  const actions = listOf(s.Action);
  const resources = listOf(s.Resource);
  const condition = record(s.Condition);
  return obj([
    ["effect", s.Effect === "Deny" ? `${gen.imports.use(`${CDK}/aws-iam`, "Effect")}.DENY` : undefined],
    ["actions", arr(actions.map((a) => (typeof a === "string" ? str(a) : gen.refs.expr(a))))],
    ["resources", arr(resources.map((r) => gen.refs.expr(r)))],
    ["conditions", condition ? gen.refs.expr(condition) : undefined],
  ]);
}

/** CDK's own helper functions (custom resources) get a log group with the stage's retention, as iac gives them. */
export function writeHelperLogs(gen: StackGen): { method: boolean } {
  const group = gen.model.resources.find((r) => r.json.Type === "AWS::Logs::LogGroup" && r.path.endsWith("/IacLogGroup/Resource"));
  if (!group) return { method: false };
  const own = [...gen.functions.values()].map((f) => `${f.name}.fn`);
  gen.body.blank().comment("CDK's helper functions (custom resources) log with the stage's retention too, each in a group of its own.");
  gen.body.line(`this.retainHelperLogs(${arr(own)}, ${retention(gen, numberProp(group.json, "RetentionInDays"))}, ${removalPolicy(gen, group.json)});`);
  return { method: true };
}

/** The private method `writeHelperLogs` calls, printed into the stack class. */
export function helperLogsMethod(gen: StackGen): { name: string; docs: string; parameters: { name: string; type: string }[]; statements: string } {
  const CfnResource = gen.imports.use(CDK, "CfnResource");
  const LogGroup = gen.imports.use(`${CDK}/aws-logs`, "LogGroup");
  const LambdaFunction = gen.imports.type(`${CDK}/aws-lambda`, "IFunction");
  const RetentionDays = gen.imports.use(`${CDK}/aws-logs`, "RetentionDays");
  const RemovalPolicy = gen.imports.use(CDK, "RemovalPolicy");
  return {
    name: "retainHelperLogs",
    docs: "Left alone, each of CDK's helper functions writes to a `/aws/lambda/<name>` group Lambda makes on first use, kept forever.\nA generated name, not `/aws/lambda/<name>`: a deployed stack already has that group, and creating it again would fail.",
    parameters: [
      { name: "own", type: `${LambdaFunction}[]` },
      { name: "retention", type: RetentionDays },
      { name: "removalPolicy", type: RemovalPolicy },
    ],
    statements: [
      "const mine = new Set<unknown>(own.map((f) => f.node.defaultChild));",
      "for (const node of this.node.findAll()) {",
      `if (!(node instanceof ${CfnResource}) || node.cfnResourceType !== "AWS::Lambda::Function" || mine.has(node)) continue;`,
      "const parent = node.node.scope;",
      'if (!parent || parent.node.tryFindChild("IacLogGroup")) continue;',
      `const group = new ${LogGroup}(parent, "IacLogGroup", { retention, removalPolicy });`,
      'node.addPropertyOverride("LoggingConfig.LogGroup", group.logGroupName);',
      "}",
    ].join("\n"),
  };
}

/** The stage's custom domain (iac.config `domain`), as overrides on the distribution. */
export function writeDomain(gen: StackGen): void {
  const domain = gen.model.domain;
  if (!domain || !gen.names.distribution) return;
  const CfnDistribution = gen.imports.use(`${CDK}/aws-cloudfront`, "CfnDistribution");
  gen.body.blank().comment(`The stage's custom domain ${domain.name}: DNS (a CNAME or alias to the distribution) is yours.`);
  gen.body.line(`const cdn = ${gen.names.distribution}.node.defaultChild as ${CfnDistribution};`);
  gen.body.line(`cdn.addPropertyOverride("DistributionConfig.Aliases", [${str(domain.name)}]);`);
  gen.body.line(
    `cdn.addPropertyOverride("DistributionConfig.ViewerCertificate", ${obj([
      ["AcmCertificateArn", str(domain.certificateArn)],
      ["SslSupportMethod", '"sni-only"'],
      ["MinimumProtocolVersion", '"TLSv1.2_2021"'],
    ])});`,
  );
}

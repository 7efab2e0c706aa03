/**
 * Acknowledges the cdk-nag AwsSolutions findings that iac's design accepts,
 * each with a specific reason, without importing cdk-nag: cdk-nag 3 reads
 * acknowledgements from aws-cdk-lib's own `Validations.of(c).acknowledge()`
 * metadata (`aws:cdk:acknowledged-rules`) on a construct or its ancestors.
 * Runs last in `buildApp`, so anything a user's `stack`/`function` hook adds
 * afterwards is checked without excuses.
 *
 * Warnings are acknowledged too: CDK's validation-plugin route (how users
 * attach cdk-nag) fails synthesis on any unacknowledged finding.
 *
 * Wildcard findings (IAM5) are acknowledged one by one, only when the
 * wildcard matches a pattern listed in docs/permissions.md; any other
 * wildcard stays a finding, which the nag tests turn into a failure.
 */
import { CfnResource, Validations, type Stack } from "aws-cdk-lib";
import { CfnPolicy } from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";
import type { SynthContext } from "./context";

/**
 * CDK's own singleton handlers (custom resources): their roles and runtimes are CDK's choice.
 * `AWS679f53fac002430cb0da5b7982bd2287` is AwsCustomResource's (the storage CORS rules, storage.ts).
 */
const CDK_HANDLERS = /^(Custom::CDKBucketDeployment|BucketNotificationsHandler|Custom::S3AutoDeleteObjects|AWS679f53fac002430cb0da5b7982bd2287)/;

export function acknowledgeNagFindings(ctx: SynthContext): void {
  const stack = ctx.stack;
  for (const node of stack.node.findAll()) {
    if (!(node instanceof CfnResource)) continue;
    const cdkHandler = isCdkHandler(stack, node);
    const ack = (id: string, reason: string): void => Validations.of(node).acknowledge({ id, reason });
    switch (node.cfnResourceType) {
      case "AWS::IAM::Policy":
        if (!(node instanceof CfnPolicy)) break;
        for (const [finding, reason] of wildcardFindings(ctx, node, cdkHandler)) ack(`AwsSolutions-IAM5[${finding}]`, reason);
        break;
      case "AWS::IAM::Role":
        if (cdkHandler) {
          ack(
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            "CDK's own custom-resource handler role (static deployment / bucket notifications / storage CORS); iac's functions use per-function log grants instead",
          );
        }
        break;
      case "AWS::Lambda::Function":
        ack(
          "AwsSolutions-L1",
          cdkHandler
            ? "CDK's own custom-resource handler: aws-cdk-lib picks and maintains its runtime"
            : "nodejs22.x is the runtime iac's bundles target (AWS SDK v3 in the image, docs/toolchain.md); moving to a newer runtime is a deliberate, tested change",
        );
        break;
      case "AWS::ApiGatewayV2::Route":
        ack(
          "AwsSolutions-APIG4",
          "The app's URL is public by design: one $default route to the app's Express code, which authenticates requests itself (middleware)",
        );
        break;
      case "AWS::S3::Bucket":
        ack(
          "AwsSolutions-S1",
          "Server access logs need a log bucket per stage; reads are through CloudFront or signed URLs. Add logging with a stack hook where an audit trail is required",
        );
        break;
      case "AWS::CloudFront::Distribution":
        ack(
          "AwsSolutions-CFR1",
          "The SDK serves an app worldwide and has no notion of geography; restrict countries with a stack hook where a policy requires it",
        );
        ack(
          "AwsSolutions-CFR2",
          "A WAF web ACL needs rules chosen per app and costs per ACL; attach one with a stack hook (examples/hooks shows the escape hatch)",
        );
        ack("AwsSolutions-CFR3", "CloudFront standard logs need a log bucket with ACLs per stage; enable them with a stack hook where required");
        ack(
          "AwsSolutions-CFR4",
          "Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; a stage `domain` setting brings TLSv1.2_2021",
        );
        break;
      case "AWS::SQS::Queue":
        ack("AwsSolutions-SQS3", "This queue is itself a function's dead-letter queue (failed events end here)");
        break;
      default:
        break;
    }
  }
}

function isCdkHandler(stack: Stack, node: IConstruct): boolean {
  const parts = node.node.path.split("/");
  const stackDepth = stack.node.path.split("/").length;
  return CDK_HANDLERS.test(parts[stackDepth] ?? "");
}

/** `Resource::…` / `Action::…` findings with a wildcard, paired with the reason they are accepted. */
function wildcardFindings(ctx: SynthContext, policy: CfnPolicy, cdkHandler: boolean): [string, string][] {
  // Resolving here is safe: statements added later (user hooks) still appear in the template.
  const doc: unknown = ctx.stack.resolve(policy.policyDocument);
  const out: [string, string][] = [];
  for (const st of statementsOf(doc)) {
    const actions = listOf(st.Action).map(flatten);
    for (const a of actions) {
      if (!a.includes("*")) continue;
      if (cdkHandler)
        out.push([`Action::${a}`, "CDK's BucketDeployment handler copies the static asset into the deploy-only static bucket with CDK's own grant set"]);
    }
    for (const r of listOf(st.Resource).map(flatten)) {
      if (!r.includes("*")) continue;
      const reason = cdkHandler
        ? "CDK's own custom-resource handler (static deployment / bucket notifications / storage CORS); its grants are aws-cdk-lib's"
        : reasonFor(ctx, r, actions);
      if (reason) out.push([`Resource::${r}`, reason]);
    }
  }
  return out;
}

function reasonFor(ctx: SynthContext, resource: string, actions: string[]): string | undefined {
  const app = ctx.graph.app.name;
  const stage = ctx.options.stage;
  if (resource === "*" && actions.every((a) => a === "dynamodb:ListStreams")) {
    return "dynamodb:ListStreams supports no resource-level permissions (AWS accepts only *); the table stream consumer needs it";
  }
  if (resource.endsWith(`:parameter/iac/${app}/${stage}/*`)) {
    return `Only the stage's own params path /iac/${app}/${stage}/, and only for a function whose code reads a param by a computed name (IAC5004): the runtime then loads the path at cold start (GetParametersByPath)`;
  }
  if (resource.endsWith(`:schedule/iac-${app}-${stage}/*`)) {
    return "Delayed publishes create one-time schedules with generated names at run time; the stage's schedule group is the narrowest ARN";
  }
  if (/^<Bucket[0-9A-F]*\.Arn>\//.test(resource) && actions.every((a) => a.startsWith("s3:") && !a.includes("*"))) {
    return "Objects under the path prefix the app's code uses (from the analyzer's storage scope; the whole bucket when the path is computed); S3 object ARNs name a prefix with *";
  }
  return undefined;
}

interface StatementJson {
  Action?: unknown;
  Resource?: unknown;
}

function statementsOf(doc: unknown): StatementJson[] {
  if (typeof doc !== "object" || doc === null || !("Statement" in doc) || !Array.isArray(doc.Statement)) return [];
  return doc.Statement.filter((s): s is StatementJson => typeof s === "object" && s !== null);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** cdk-nag's `flattenCfnReference`: how it names a resource in a finding id. */
export function flatten(node: unknown): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node.replace(/\$\{/g, "<").replace(/}/g, ">");
  if (typeof node === "object" && node !== null) {
    if ("Fn::Join" in node && Array.isArray(node["Fn::Join"])) {
      const [delimiter, items] = node["Fn::Join"];
      return Array.isArray(items) ? items.map(flatten).join(String(delimiter)) : "";
    }
    if ("Fn::Sub" in node) return flatten(node["Fn::Sub"]);
    if ("Fn::GetAtt" in node && Array.isArray(node["Fn::GetAtt"])) {
      const [resource, attribute] = node["Fn::GetAtt"];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if ("Fn::ImportValue" in node) return flatten(node["Fn::ImportValue"]);
    if ("Ref" in node) return `<${flatten(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

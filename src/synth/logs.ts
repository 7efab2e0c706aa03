/**
 * The stage's log retention (`retentionFor`: the app's `logs.retain`, rounded
 * up to a period CloudWatch accepts), for every log group synth makes.
 *
 * Log retention for the Lambda functions CDK adds on iac's behalf (the
 * static files' BucketDeployment, S3 notification and CORS custom
 * resources, ephemeral buckets' auto-delete): left alone, each writes to a
 * `/aws/lambda/<name>` group Lambda creates on first use, kept forever.
 * Each gets its own log group with the stage's retention, through the
 * function's `LoggingConfig`, which works for CDK's raw `CfnResource`
 * providers as for `CfnFunction`s. A generated group name, not
 * `/aws/lambda/<name>`: an existing stack already has that group (Lambda
 * made it), and creating it again would fail. The function references the
 * group, so CloudFormation creates the group before any invocation.
 *
 * iac's own functions have their groups already (functions.ts, with
 * `retentionFor` from here); functions a user's `stack`/`function` hook adds
 * afterwards are the hook's to configure.
 */
import { CfnResource, RemovalPolicy } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { SynthContext } from "./context";

export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** CloudWatch accepts only these retention periods; the app's wish is rounded up to the next one. */
const RETENTIONS: readonly RetentionDays[] = [
  RetentionDays.ONE_DAY,
  RetentionDays.THREE_DAYS,
  RetentionDays.FIVE_DAYS,
  RetentionDays.ONE_WEEK,
  RetentionDays.TWO_WEEKS,
  RetentionDays.ONE_MONTH,
  RetentionDays.TWO_MONTHS,
  RetentionDays.THREE_MONTHS,
  RetentionDays.FOUR_MONTHS,
  RetentionDays.FIVE_MONTHS,
  RetentionDays.SIX_MONTHS,
  RetentionDays.ONE_YEAR,
  RetentionDays.THIRTEEN_MONTHS,
  RetentionDays.EIGHTEEN_MONTHS,
  RetentionDays.TWO_YEARS,
  RetentionDays.FIVE_YEARS,
  RetentionDays.TEN_YEARS,
];

export function retentionFor(days: number | undefined): RetentionDays {
  const wanted = days ?? DEFAULT_LOG_RETENTION_DAYS;
  return RETENTIONS.find((r) => r >= wanted) ?? RetentionDays.TEN_YEARS;
}

const LOG_GROUP_ID = "IacLogGroup";

export function retainHelperLogs(ctx: SynthContext): void {
  const own = new Set<unknown>([...ctx.functions.values()].map((f) => f.fn.node.defaultChild));
  for (const node of ctx.stack.node.findAll()) {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== "AWS::Lambda::Function" || own.has(node)) continue;
    const parent = node.node.scope;
    if (!parent || parent.node.tryFindChild(LOG_GROUP_ID)) continue;
    const group = new LogGroup(parent, LOG_GROUP_ID, {
      retention: retentionFor(ctx.graph.app.logRetentionDays),
      removalPolicy: ctx.options.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    node.addPropertyOverride("LoggingConfig.LogGroup", group.logGroupName);
  }
}

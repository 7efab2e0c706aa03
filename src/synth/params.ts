/**
 * Params live in SSM Parameter Store under `/iac/<app>/<stage>/`; the
 * runtime reads them at run time, so no value is ever in the template.
 * The stack stores only `CLOUD_URL` there, because a function cannot
 * reference the CDN that fronts it without a dependency cycle.
 */
import { StringParameter } from "aws-cdk-lib/aws-ssm";
import { paramsPath, type SynthContext } from "./context";

export function addCloudUrlParam(ctx: SynthContext): void {
  const distribution = ctx.distribution;
  if (!distribution) return;
  new StringParameter(ctx.stack, "ParamCloudUrl", {
    parameterName: `${paramsPath(ctx.graph, ctx.options.stage)}CLOUD_URL`,
    stringValue: `https://${distribution.distributionDomainName}`,
    description: "The app's public URL (reserved param CLOUD_URL)",
  });
}

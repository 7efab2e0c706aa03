/**
 * What synth offers to code outside iac (the `stack` and `function` hooks of
 * iac.config, see src/config): the types those hooks receive, and the stage
 * settings that land on constructs rather than on the graph (a custom
 * domain). Synth calls `SynthHooks.afterBuild` once, after iac built every
 * construct and acknowledged its nag findings and before `app.synth()`, so
 * a hook sees (and may change) the finished tree, with iac's defaults kept.
 */
import type { Stack } from "aws-cdk-lib";
import { CfnDistribution } from "aws-cdk-lib/aws-cloudfront";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { Diagnostic } from "../graph";
import type { IacApp } from "./app";

/** The stack a `stack` hook receives. */
export type HookStack = Stack;
/** The Lambda function a `function` hook receives. */
export type HookFunction = LambdaFunction;

export interface SynthHooks {
  /** Identifies the hooks' code (a hash of the compiled config), so the rebuild cache sees edits. */
  key: string;
  /** Runs the hooks on the built tree; problems come back as diagnostics, never as throws. */
  afterBuild(built: IacApp): Promise<Diagnostic[]>;
}

export interface DomainSetting {
  /** e.g. `app.example.com`. */
  name: string;
  /** An ACM certificate in us-east-1 covering `name` (CloudFront requires that region). */
  certificateArn: string;
}

/**
 * Serves the stage's CDN under a custom domain with a modern TLS policy.
 * Done as property overrides so the distribution (and its logical ID) stays
 * the one cdn.ts built; DNS (a CNAME or alias to the distribution) is the
 * user's, since the hosted zone may live anywhere.
 */
export function applyDomain(built: IacApp, domain: DomainSetting): void {
  const cdn = built.context.distribution?.node.defaultChild;
  if (!(cdn instanceof CfnDistribution)) return;
  cdn.addPropertyOverride("DistributionConfig.Aliases", [domain.name]);
  cdn.addPropertyOverride("DistributionConfig.ViewerCertificate", {
    AcmCertificateArn: domain.certificateArn,
    SslSupportMethod: "sni-only",
    MinimumProtocolVersion: "TLSv1.2_2021",
  });
}

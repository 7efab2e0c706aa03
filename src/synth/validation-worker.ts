/**
 * The thread that runs CDK's CloudFormation Validate plugin for a build
 * (validation.ts says why). It sets the plugin's engine up at once, by
 * validating a template that holds one resource of every type iac's synth
 * emits (the plugin then keeps that engine for any template whose types are
 * among them), and then validates what the build asks, one request at a
 * time, with the same public `validate(context)` CDK would call.
 *
 * Protocol: `workerData` is `{ port, signal }`; each request on `port` is
 * `{ stackTemplates, templatePaths }`; each answer is `{ ok: true, report,
 * version }` or `{ ok: false, error }`, posted on `port` before `signal[0]`
 * is set to 1 and notified (the building thread waits on it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type MessagePort, workerData } from "worker_threads";
import type { CloudFormationValidatePlugin as Plugin, PolicyValidationStack } from "aws-cdk-lib/core";

export interface ValidationRequest {
  templatePaths: string[];
  stackTemplates: PolicyValidationStack[];
}

export type ValidationAnswer = { ok: true; report: unknown; version: string | undefined } | { ok: false; error: string };

/** Every CloudFormation type iac's synth emits (test/synth/validation.test.ts keeps the list whole). */
export const WARM_TYPES: readonly string[] = [
  "AWS::ApiGatewayV2::Api",
  "AWS::ApiGatewayV2::Integration",
  "AWS::ApiGatewayV2::Route",
  "AWS::ApiGatewayV2::Stage",
  "AWS::CloudFront::CachePolicy",
  "AWS::CloudFront::Distribution",
  "AWS::CloudFront::Function",
  "AWS::CloudFront::OriginAccessControl",
  "AWS::CloudFront::ResponseHeadersPolicy",
  "AWS::DynamoDB::Table",
  "AWS::Events::EventBus",
  "AWS::Events::Rule",
  "AWS::IAM::Policy",
  "AWS::IAM::Role",
  "AWS::Lambda::EventInvokeConfig",
  "AWS::Lambda::EventSourceMapping",
  "AWS::Lambda::Function",
  "AWS::Lambda::LayerVersion",
  "AWS::Lambda::Permission",
  "AWS::Logs::LogGroup",
  "AWS::S3::Bucket",
  "AWS::S3::BucketPolicy",
  "AWS::SQS::Queue",
  "AWS::SQS::QueuePolicy",
  "AWS::SSM::Parameter",
  "AWS::Scheduler::ScheduleGroup",
  "Custom::AWS",
  "Custom::CDKBucketDeployment",
  "Custom::S3AutoDeleteObjects",
  "Custom::S3BucketNotifications",
];

function main(): void {
  const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
  const answer = (message: ValidationAnswer): void => {
    port.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let plugin: Plugin | undefined;
  let failure: string | undefined;
  try {
    // aws-cdk-lib/core loads its modules lazily: this reaches the plugin without the rest of CDK.
    const { CloudFormationValidatePlugin } = require("aws-cdk-lib/core") as typeof import("aws-cdk-lib/core");
    plugin = new CloudFormationValidatePlugin();
    warm(plugin);
  } catch (error) {
    failure = describe(error);
  }
  port.on("message", (request: ValidationRequest) => {
    if (!plugin) return answer({ ok: false, error: failure ?? "the validation plugin did not load" });
    try {
      const report = plugin.validate({ ...request, appConstruct: undefined as never });
      answer({ ok: true, report, version: plugin.version });
    } catch (error) {
      answer({ ok: false, error: describe(error) });
    }
  });
}

/** Sets the engine up for every type iac emits; the findings on this made-up template are of no interest. */
function warm(plugin: Plugin): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-validate-"));
  try {
    const file = path.join(dir, "warm.template.json");
    const resources = Object.fromEntries(WARM_TYPES.map((type, i) => [`R${i}`, { Type: type, Properties: {} }]));
    fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
    plugin.validate({
      templatePaths: [file],
      stackTemplates: [{ stackConstructPath: "Warm", templatePath: file, accountId: undefined, region: undefined }],
      appConstruct: undefined as never,
    });
  } catch {
    // A warm-up that fails leaves the engine to be set up by the first real request.
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

if (workerData) main();

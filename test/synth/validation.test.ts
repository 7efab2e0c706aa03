/**
 * The CDK validation setting (it costs ~1 s per stack): with validation on,
 * the richest fixture passes CloudFormation's built-in checks and the
 * template is byte-identical to the unvalidated one; the plugin whose
 * engine is set up on another thread (src/synth/validation.ts) reports what
 * CDK's own plugin reports on this thread, finding for finding; and its
 * warm-up covers every resource type iac emits.
 */
import * as fs from "fs";
import * as path from "path";
import { CloudFormationValidatePlugin, type IPolicyValidationContext } from "aws-cdk-lib/core";
import { stopValidation, validationPlugin, validationsAnsweredByWorker } from "../../src/synth/validation";
import { WARM_TYPES } from "../../src/synth/validation-worker";
import { loadGraph, synthGraph, tempDir } from "./helpers";

afterAll(() => stopValidation());

test("validateTemplate: true passes, through the worker, and writes the same template as validation off", async () => {
  const graph = loadGraph("everything");
  const off = await synthGraph(graph, { validateTemplate: false });
  const before = validationsAnsweredByWorker();
  const on = await synthGraph(graph, { validateTemplate: true });
  expect(on.result.diagnostics).toEqual([]);
  expect(on.json).toBe(off.json);
  expect(validationsAnsweredByWorker()).toBe(before + 1);
});

test("the worker's plugin reports what CDK's own plugin reports on this thread, finding for finding", () => {
  const dir = tempDir("iac-validate-");
  const templatePath = path.join(dir, "broken.template.json");
  fs.writeFileSync(
    templatePath,
    JSON.stringify({
      Resources: {
        // No Code and no Role; a memory size CloudFormation refuses; a bucket property of the wrong type.
        Fn: { Type: "AWS::Lambda::Function", Properties: { Runtime: "nodejs22.x", MemorySize: 1 } },
        Store: { Type: "AWS::S3::Bucket", Properties: { VersioningConfiguration: "yes" } },
        Orphan: { Type: "AWS::SQS::Queue", Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: "Missing" } } } },
      },
    }),
  );
  const context: IPolicyValidationContext = {
    templatePaths: [templatePath],
    stackTemplates: [{ stackConstructPath: "Broken", templatePath, accountId: "123456789012", region: "eu-west-1" }],
    appConstruct: undefined as never,
  };
  const before = validationsAnsweredByWorker();
  const remote = validationPlugin().validate(context);
  expect(validationsAnsweredByWorker()).toBe(before + 1);
  const local = new CloudFormationValidatePlugin().validate(context);
  expect(remote.violations.length).toBeGreaterThan(2);
  expect(remote).toEqual(local);
});

test("the worker's engine is set up for every resource type iac emits (else each build would set it up again)", async () => {
  const types = new Set<string>();
  for (const ephemeral of [false, true]) {
    const { json } = await synthGraph(loadGraph("everything"), { ephemeral });
    for (const r of Object.values((JSON.parse(json) as { Resources: Record<string, { Type: string }> }).Resources)) types.add(r.Type);
  }
  expect([...types].filter((t) => !WARM_TYPES.includes(t))).toEqual([]);
});

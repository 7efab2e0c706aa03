/**
 * Label-index changes over as many stack updates as CloudFormation needs
 * (one GSI created or deleted per table update): the plan, every template
 * in it, and the assemblies the toolkit deploys for the steps.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Toolkit } from "@aws-cdk/toolkit-lib";
import { planIndexSteps, writeStepAssemblies, type IndexPlan } from "../../src/deploy";
import type { Template } from "../../src/diff";

const gsi = (n: number) => ({
  IndexName: `label${n}`,
  KeySchema: [
    { AttributeName: `label${n}pk`, KeyType: "HASH" },
    { AttributeName: `label${n}sk`, KeyType: "RANGE" },
  ],
  Projection: { ProjectionType: "ALL" },
});

const attrs = (labels: number[]) => [
  { AttributeName: "pk", AttributeType: "S" },
  { AttributeName: "sk", AttributeType: "S" },
  ...labels.flatMap((n) => [
    { AttributeName: `label${n}pk`, AttributeType: "S" },
    { AttributeName: `label${n}sk`, AttributeType: "S" },
  ]),
];

/** A stack with the table (these labels) and a function whose code is `code`: old code deployed, new code built. */
function stack(labels: number[], code: string): Template {
  return {
    Resources: {
      Table: {
        Type: "AWS::DynamoDB::Table",
        Properties: {
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: attrs(labels),
          BillingMode: "PAY_PER_REQUEST",
          ...(labels.length > 0 ? { GlobalSecondaryIndexes: labels.map(gsi) } : {}),
        },
        DeletionPolicy: "Retain",
      },
      Fn: { Type: "AWS::Lambda::Function", Properties: { Code: { S3Key: `${code}.zip` } } },
    },
  };
}

function labelsOf(t: Template): string[] {
  const list = t.Resources?.Table.Properties?.GlobalSecondaryIndexes;
  return Array.isArray(list) ? list.map((g: { IndexName: string }) => g.IndexName).sort() : [];
}

function codeOf(t: Template): string {
  return String((t.Resources?.Fn.Properties?.Code as { S3Key: string }).S3Key);
}

/** CloudFormation's rule: the attribute definitions are exactly the attributes the key schemas use. */
function definitionsMatchKeys(t: Template): boolean {
  const props = t.Resources?.Table.Properties ?? {};
  const defined = (props.AttributeDefinitions as { AttributeName: string }[]).map((a) => a.AttributeName).sort();
  const keys = [props.KeySchema, ...((props.GlobalSecondaryIndexes as { KeySchema: unknown }[] | undefined) ?? []).map((g) => g.KeySchema)].flatMap((k) =>
    (k as { AttributeName: string }[]).map((a) => a.AttributeName),
  );
  return JSON.stringify(defined) === JSON.stringify([...new Set(keys)].sort());
}

/** Every step is one GSI creation or deletion away from the one before (the deployed stack first). */
function expectOneIndexPerUpdate(deployed: Template, plan: IndexPlan): void {
  let before = labelsOf(deployed);
  for (const step of plan.steps) {
    const after = labelsOf(step.template);
    const added = after.filter((l) => !before.includes(l));
    const removed = before.filter((l) => !after.includes(l));
    expect(added.length + removed.length).toBeLessThanOrEqual(1);
    expect(definitionsMatchKeys(step.template)).toBe(true);
    before = after;
  }
}

describe("planIndexSteps", () => {
  test("two indexes added: the first added to the running stack (old code), the second with the new code", () => {
    const deployed = stack([1], "old");
    const built = stack([1, 2, 3], "new");
    const plan = planIndexSteps(deployed, built);
    expect(plan.steps.map((s) => [labelsOf(s.template), codeOf(s.template), s.base, s.change?.index])).toEqual([
      [["label1", "label2"], "old.zip", "deployed", "label2"],
      [["label1", "label2", "label3"], "new.zip", "built", "label3"],
    ]);
    expect(plan.steps[plan.steps.length - 1].template).toBe(built);
    expectOneIndexPerUpdate(deployed, plan);
    // Nothing else of the running stack changes in the first update.
    const first = structuredClone(plan.steps[0].template);
    const expected = structuredClone(deployed);
    delete first.Resources?.Table.Properties?.GlobalSecondaryIndexes;
    delete first.Resources?.Table.Properties?.AttributeDefinitions;
    delete expected.Resources?.Table.Properties?.GlobalSecondaryIndexes;
    delete expected.Resources?.Table.Properties?.AttributeDefinitions;
    expect(first).toEqual(expected);
  });

  test("two indexes dropped: the new code arrives first with one of them still there, then the last goes", () => {
    const deployed = stack([1, 2, 3], "old");
    const built = stack([1], "new");
    const plan = planIndexSteps(deployed, built);
    expect(plan.steps.map((s) => [labelsOf(s.template), codeOf(s.template), s.change?.action, s.change?.index])).toEqual([
      [["label1", "label3"], "new.zip", "delete", "label2"],
      [["label1"], "new.zip", "delete", "label3"],
    ]);
    expectOneIndexPerUpdate(deployed, plan);
  });

  test("adds before drops: old code never loses an index it queries, new code never runs before its indexes exist", () => {
    const deployed = stack([1, 2, 3], "old");
    const built = stack([3, 4, 5], "new");
    const plan = planIndexSteps(deployed, built);
    expect(plan.changes.map((c) => `${c.action} ${c.index}`)).toEqual(["create label4", "create label5", "delete label1", "delete label2"]);
    expect(plan.steps.map((s) => [labelsOf(s.template).join(","), codeOf(s.template)])).toEqual([
      ["label1,label2,label3,label4", "old.zip"],
      ["label1,label2,label3,label4,label5", "new.zip"],
      ["label2,label3,label4,label5", "new.zip"],
      ["label3,label4,label5", "new.zip"],
    ]);
    expectOneIndexPerUpdate(deployed, plan);
    // Every index the new code queries exists from its first update on; every one the old code queries stays while it runs.
    for (const s of plan.steps) {
      if (s.base === "built") for (const l of ["label3", "label4", "label5"]) expect(labelsOf(s.template)).toContain(l);
      else for (const l of ["label1", "label2", "label3"]) expect(labelsOf(s.template)).toContain(l);
    }
  });

  test("one change or none, a new stack, a new table: one update, the built template", () => {
    const built = stack([1, 2, 3], "new");
    for (const deployed of [stack([1, 2], "old"), stack([1, 2, 3, 4], "old"), stack([1, 2, 3], "old"), undefined, { Resources: {} }]) {
      const plan = planIndexSteps(deployed, built);
      expect(plan.steps).toEqual([{ template: built, base: "built" }]);
    }
  });

  test("an index redefined under the same name is reported, not sequenced", () => {
    const built = stack([1], "new");
    const gsis = built.Resources?.Table.Properties?.GlobalSecondaryIndexes as { Projection: unknown }[];
    gsis[0].Projection = { ProjectionType: "KEYS_ONLY" };
    expect(planIndexSteps(stack([1], "old"), built).redefined).toEqual([{ table: "Table", index: "label1" }]);
  });
});

describe("step assemblies", () => {
  test("the built assembly's stack with each step's template, readable by the CDK toolkit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-steps-"));
    const assembly = path.join(dir, "cdk.out");
    fs.mkdirSync(path.join(assembly, "asset.abc"), { recursive: true });
    fs.writeFileSync(path.join(assembly, "asset.abc", "index.mjs"), "export const handler = async () => {};\n");
    const built = stack([1, 2, 3], "new");
    const templateBody = JSON.stringify(built);
    fs.writeFileSync(path.join(assembly, "app-qa.template.json"), templateBody);
    const templateHash = "0".repeat(64);
    const bucket = "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}";
    fs.writeFileSync(
      path.join(assembly, "app-qa.assets.json"),
      JSON.stringify({
        version: "55.0.0",
        files: {
          abc: { source: { path: "asset.abc", packaging: "zip" }, destinations: { d: { bucketName: bucket, objectKey: "abc.zip" } } },
          [templateHash]: {
            source: { path: "app-qa.template.json", packaging: "file" },
            destinations: { d: { bucketName: bucket, objectKey: `${templateHash}.json` } },
          },
        },
        dockerImages: {},
      }),
    );
    fs.writeFileSync(
      path.join(assembly, "manifest.json"),
      JSON.stringify({
        version: "55.0.0",
        artifacts: {
          "app-qa.assets": { type: "cdk:asset-manifest", properties: { file: "app-qa.assets.json" } },
          "app-qa": {
            type: "aws:cloudformation:stack",
            environment: "aws://unknown-account/unknown-region",
            properties: {
              templateFile: "app-qa.template.json",
              stackTemplateAssetObjectUrl: `s3://${bucket}/${templateHash}.json`,
              tags: { "iac:app-id": "app-1" },
            },
            dependencies: ["app-qa.assets"],
            displayName: "app-qa",
          },
          Tree: { type: "cdk:tree", properties: { file: "tree.json" } },
        },
      }),
    );
    const plan = planIndexSteps(stack([1], "old"), built);
    const dirs = writeStepAssemblies(
      assembly,
      "app-qa",
      plan.steps.slice(0, -1).map((s) => s.template),
      path.join(dir, "steps"),
    );
    expect(dirs).toEqual([path.join(dir, "steps", "step-1")]);
    const step = dirs[0];
    const body = fs.readFileSync(path.join(step, "app-qa.template.json"), "utf8");
    expect(labelsOf(JSON.parse(body))).toEqual(["label1", "label2"]);
    const hash = require("crypto").createHash("sha256").update(body).digest("hex");
    const manifest = JSON.parse(fs.readFileSync(path.join(step, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.artifacts).sort()).toEqual(["app-qa", "app-qa.assets"]);
    expect(manifest.artifacts["app-qa"].properties).toMatchObject({
      stackTemplateAssetObjectUrl: `s3://${bucket}/${hash}.json`,
      tags: { "iac:app-id": "app-1" },
    });
    const assets = JSON.parse(fs.readFileSync(path.join(step, "app-qa.assets.json"), "utf8"));
    expect(Object.keys(assets.files).sort()).toEqual([hash, "abc"].sort());
    expect(assets.files[hash].destinations.d.objectKey).toBe(`${hash}.json`);
    // Code assets are not copied: they point back into the built assembly.
    expect(fs.existsSync(path.join(step, assets.files.abc.source.path, "index.mjs"))).toBe(true);
    const quiet = { notify: async () => undefined, requestResponse: async <T>(msg: { defaultResponse: T }) => msg.defaultResponse };
    const toolkit = new Toolkit({ ioHost: quiet, color: false, emojis: false });
    const stacks = await toolkit.list(await toolkit.fromAssemblyDirectory(step));
    expect(stacks.map((s) => s.name)).toEqual(["app-qa"]);
  });
});

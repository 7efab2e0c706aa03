/**
 * cdk-nag's AwsSolutions pack on every example and every test-matrix app
 * (test/apps): zero unacknowledged findings, errors and warnings alike,
 * and every acknowledgement carries a specific reason (synth writes them,
 * see src/synth/nag.ts and docs/permissions.md).
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import * as fs from "fs";
import * as path from "path";
import { buildAppDir, EXAMPLES, TEST_APPS } from "../iam/support";

function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const node of app.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== "object" || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data)) out.push({ path: node.node.path, id, reason: String(reason) });
    }
  }
  return out;
}

const apps = [
  ...["todo", "media", "legacy", "hooks"].map((name) => path.join(EXAMPLES, name)),
  ...fs
    .readdirSync(TEST_APPS)
    .map((name) => path.join(TEST_APPS, name))
    .filter((dir) => fs.existsSync(path.join(dir, "package.json"))),
];

describe.each(apps.map((dir) => [path.relative(path.join(__dirname, "..", ".."), dir), dir]))("%s", (_name, dir) => {
  let app: App;
  beforeAll(async () => {
    app = (await buildAppDir(dir)).app;
  });

  test("no unacknowledged AwsSolutions findings", () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(", ")}`);
    expect(findings).toEqual([]);
  });

  test("every acknowledgement names a rule and gives a specific reason", () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id).toMatch(/AwsSolutions-[A-Z]+[0-9]+/);
      expect(a.reason.length).toBeGreaterThan(40);
    }
    // A `*` resource is accepted only where AWS offers nothing narrower (docs/permissions.md).
    const star = acks.filter((a) => a.id.endsWith("[Resource::*]") && !/Custom::|BucketNotificationsHandler/.test(a.path));
    for (const a of star) expect(a.reason).toMatch(/ListStreams/);
  });
});

test("the same result through CDK's validation plugin hook (how a user attaches cdk-nag)", async () => {
  const { app } = await buildAppDir(path.join(EXAMPLES, "todo"));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).not.toThrow();
});

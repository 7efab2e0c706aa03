/**
 * iac eject on every example and template: the ejected CDK app type-checks,
 * synthesizes offline, and CDK's CloudFormation diff against `iac build`'s
 * template for the same stage has no resource and no output changes (a
 * deployed stack is taken over with no replacement); ejecting twice writes
 * the same bytes; cdk.json's command runs the app.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { eject } from "../../src/compiler";
import { defineEjectSuite, listApps, ROOT, snapshotFiles, STAGE } from "./support";

const root = defineEjectSuite([...listApps("examples"), ...listApps("templates")]);

test("ejecting twice writes the same bytes", async () => {
  const out = path.join(root, `examples_todo-${STAGE}`);
  const before = snapshotFiles(out);
  const again = await eject(path.join(ROOT, "examples", "todo"), { out, stage: STAGE });
  expect(again.ok).toBe(true);
  expect(snapshotFiles(out)).toEqual(before);
}, 120_000);

test("the stack is readable CDK, each construct commented with the code that caused it", () => {
  const out = path.join(root, `examples_todo-${STAGE}`);
  const stack = fs.readFileSync(path.join(out, "lib", "todo-stack.ts"), "utf8");
  expect(stack).toContain('const table = new Table(this, "Table", {');
  expect(stack).toMatch(/\/\/ Label index label1:\n\s+\/\/ {3}data\.getByLabel on label label1; namespace "status" at src\/todos\.ts:\d+:\d+/);
  expect(stack).toMatch(/\/\/ Function "http" \(http\), for:\n\s+\/\/ {3}error middleware \(index\.ts:\d+:\d+\)/);
  expect(stack).toContain('new Rule(this, "RuleScheduleRate60Minutes", {');
  expect(stack).toContain('(table.node.defaultChild as CfnTable).overrideLogicalId("Table");');
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(pkg.dependencies["aws-cdk-lib"]).toBe(own.dependencies["aws-cdk-lib"]);
  expect(pkg.dependencies.iac).toBe(`npm:iac-compiler@${own.version}`);
  for (const v of [...Object.values(pkg.dependencies), ...Object.values(pkg.devDependencies)]) expect(String(v)).not.toMatch(/[\^~*]/);
  const readme = fs.readFileSync(path.join(out, "README.md"), "utf8");
  expect(readme).toContain("## Dropping the SDK later, area by area");
  expect(readme).toMatch(/index `label1`:\n\s+- data\.getByLabel/);
});

test("iac.config's stack and function hooks run from the ejected app (the example's alarm and tags are in its template)", () => {
  const out = path.join(root, `examples_hooks-${STAGE}`);
  expect(fs.readFileSync(path.join(out, "bin", "app.ts"), "utf8")).toMatch(/await config\.hooks\?\.stack\?\.\(stack, context\);/);
  const template = JSON.parse(fs.readFileSync(path.join(out, "cdk.out", `hooks-${STAGE}.template.json`), "utf8"));
  const alarms = Object.values<{ Type: string }>(template.Resources).filter((r) => r.Type === "AWS::CloudWatch::Alarm");
  expect(alarms.length).toBeGreaterThan(0);
});

test("cdk.json's command (ts-node) runs the ejected app", () => {
  const out = path.join(root, `examples_todo-${STAGE}`);
  const cdk = JSON.parse(fs.readFileSync(path.join(out, "cdk.json"), "utf8"));
  expect(cdk.app).toBe("npx ts-node --prefer-ts-exts bin/app.ts");
  fs.rmSync(path.join(out, "cdk.out"), { recursive: true, force: true });
  // Types are checked above; transpile-only keeps this to the command itself.
  const run = spawnSync(process.execPath, [path.join(root, "node_modules", "ts-node", "dist", "bin.js"), "--prefer-ts-exts", "bin/app.ts"], {
    cwd: out,
    encoding: "utf8",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", CDK_OUTDIR: "cdk.out", CDK_VALIDATION: "false" },
    timeout: 120_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(fs.existsSync(path.join(out, "cdk.out", `todo-${STAGE}.template.json`))).toBe(true);
}, 120_000);

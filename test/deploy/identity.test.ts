/**
 * The app's identity: pinned once in iac.app.json so that no
 * rename (package.json `name`, the folder) moves the app to a new, empty
 * stack; a deliberate change is refused by `iac deploy` unless acknowledged.
 * And the deploy engine end to end up to the AWS API boundary: CloudFormation
 * is a stand-in (what it answers about the account's stacks), the toolkit a
 * recorder (which assemblies it was asked to deploy, in which order).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "../../src/compiler";
import { IDENTITY_FILE, readIdentity } from "../../src/config";
import { APP_ID_TAG, checkIdentity, deployApp, STAGE_TAG, type DeployedStack, type DeployStackFn, type StackLookup } from "../../src/deploy";
import type { Template } from "../../src/diff";

const SOURCE = [
  'const { api, data } = require("iac");',
  'api.get("/a", async (req, res) => res.json(await data.getByLabel("label1", "status:open*")));',
  'api.get("/b", async (req, res) => res.json(await data.getByLabel("label2", "owner:me*")));',
  'api.get("/c", async (req, res) => res.json(await data.getByLabel("label3", "tag:x*")));',
  "",
].join("\n");

/** A fresh app folder; `pkgName` undefined leaves package.json without a name (the folder names the app). */
function app(folder: string, pkgName?: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iac-identity-")), folder);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...(pkgName ? { name: pkgName } : {}), main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), SOURCE);
  return dir;
}

/** CloudFormation as a stand-in: the account's stacks, with their tags and templates. */
class Stacks implements StackLookup {
  readonly asked: string[] = [];
  constructor(readonly stacks: { name: string; tags: Record<string, string>; template?: Template }[] = []) {}
  async describe(name: string): Promise<DeployedStack | undefined> {
    this.asked.push(`describe ${name}`);
    const s = this.stacks.find((x) => x.name === name);
    return s ? { name: s.name, status: "UPDATE_COMPLETE", tags: s.tags } : undefined;
  }
  async find(tags: Record<string, string>): Promise<DeployedStack[]> {
    this.asked.push(`find ${JSON.stringify(tags)}`);
    return this.stacks
      .filter((s) => Object.entries(tags).every(([k, v]) => s.tags[k] === v))
      .map((s) => ({ name: s.name, status: "UPDATE_COMPLETE", tags: s.tags }));
  }
  async template(name: string): Promise<Template | undefined> {
    this.asked.push(`template ${name}`);
    return this.stacks.find((x) => x.name === name)?.template;
  }
}

/** The toolkit as a recorder: each assembly it is asked to deploy, with its template's label indexes. */
function recorder(): { deployStack: DeployStackFn; deployed: { stackName: string; dir: string; labels: string[] }[] } {
  const deployed: { stackName: string; dir: string; labels: string[] }[] = [];
  const deployStack: DeployStackFn = async (target) => {
    const template = JSON.parse(fs.readFileSync(path.join(target.assemblyDir, `${target.stackName}.template.json`), "utf8"));
    const gsis: { IndexName: string }[] = template.Resources.Table.Properties.GlobalSecondaryIndexes ?? [];
    deployed.push({ stackName: target.stackName, dir: target.assemblyDir, labels: gsis.map((g) => g.IndexName) });
    return { ok: true, outputs: { Url: "https://d111.cloudfront.net" }, changes: [], declined: false, diagnostics: [] };
  };
  return { deployStack, deployed };
}

const saved = { ...process.env };
beforeAll(() => {
  // The credential check (the SDK's default chain) finds these; nothing is sent anywhere.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example", AWS_REGION: "eu-west-1" });
  delete process.env.AWS_PROFILE;
});
afterAll(() => {
  process.env = saved;
});

describe("pinning", () => {
  test("the first build that may write pins the derived name; a library build or a diff never writes", async () => {
    const dir = app("notes-folder");
    const plain = await build(dir, { stage: "qa", outDir: path.join(dir, "out-a") });
    expect(plain.ok && plain.stackName).toBe("notes-folder-qa");
    expect(fs.existsSync(path.join(dir, IDENTITY_FILE))).toBe(false);
    const pinned = await build(dir, { stage: "qa", outDir: path.join(dir, "out-b"), pinIdentity: true });
    expect(pinned.ok).toBe(true);
    const identity = readIdentity(dir).identity;
    expect(identity).toEqual({ app: "notes-folder", id: expect.stringMatching(/^notes-folder-[0-9a-f]{12}$/) });
    expect(pinned.diagnostics.find((d) => d.code === "IAC8112")).toMatchObject({ severity: "info", location: { file: IDENTITY_FILE } });
    // The stack carries the id, so a deploy can find it under a later name.
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "out-b", "manifest.json"), "utf8"));
    expect(manifest.artifacts["notes-folder-qa"].properties.tags).toMatchObject({ [APP_ID_TAG]: identity?.id, [STAGE_TAG]: "qa", "iac:app": "notes-folder" });
  });

  test("a renamed folder or package.json keeps the pinned stack name, and says which name counts", async () => {
    const dir = app("notes");
    expect((await build(dir, { stage: "qa", outDir: path.join(dir, "out"), pinIdentity: true })).ok).toBe(true);
    const moved = path.join(path.dirname(dir), "notes-v2");
    fs.renameSync(dir, moved);
    fs.writeFileSync(path.join(moved, "package.json"), JSON.stringify({ name: "@acme/notes-app", main: "index.js" }));
    const again = await build(moved, { stage: "qa", outDir: path.join(moved, "out2"), pinIdentity: true });
    expect(again.ok && again.stackName).toBe("notes-qa");
    expect(again.diagnostics.find((d) => d.code === "IAC8113")?.message).toContain('names the app "notes-app"; its identity stays "notes"');
    expect(JSON.parse(fs.readFileSync(path.join(moved, ".iac", "graph.json"), "utf8")).app.name).toBe("notes");
  });

  test("an unreadable or invalid iac.app.json is an error, never ignored", async () => {
    const dir = app("broken", "broken");
    for (const body of ["{", JSON.stringify({ app: "Bad Name", id: "x" }), JSON.stringify({ app: "ok" })]) {
      fs.writeFileSync(path.join(dir, IDENTITY_FILE), body);
      const r = await build(dir, { stage: "qa", outDir: path.join(dir, "out"), pinIdentity: true });
      expect(r.ok).toBe(false);
      expect(r.diagnostics.find((d) => d.code === "IAC8111")).toMatchObject({ severity: "error", location: { file: IDENTITY_FILE } });
    }
  });
});

describe("checkIdentity", () => {
  const check = { stackName: "shop-prod", stage: "prod", appId: "todo-aaaaaaaaaaaa", accept: false };

  test("renamed: the app's stage lives in another stack, so deploying would start empty: refused", async () => {
    const stacks = new Stacks([
      { name: "todo-prod", tags: { [APP_ID_TAG]: "todo-aaaaaaaaaaaa", [STAGE_TAG]: "prod" } },
      { name: "todo-qa", tags: { [APP_ID_TAG]: "todo-aaaaaaaaaaaa", [STAGE_TAG]: "qa" } },
    ]);
    const verdict = await checkIdentity(check, undefined, stacks);
    expect(verdict.ok).toBe(false);
    expect(verdict.previous).toBe("todo-prod");
    expect(verdict.diagnostics[0]).toMatchObject({ code: "IAC7407", severity: "error" });
    expect(verdict.diagnostics[0].message).toContain("creates a new stack with an empty table and bucket; the data stays in todo-prod");
    expect(verdict.diagnostics[0].hint).toContain("--accept-identity-change");
    const accepted = await checkIdentity({ ...check, accept: true }, undefined, stacks);
    expect(accepted).toMatchObject({ ok: true, diagnostics: [{ code: "IAC7407", severity: "warning" }] });
  });

  test("the stack carries another app's id: refused; no id (deployed before pinning) or ours: fine", async () => {
    const stacks = new Stacks();
    const theirs = await checkIdentity(check, { name: "shop-prod", status: "UPDATE_COMPLETE", tags: { [APP_ID_TAG]: "shop-bbbbbbbbbbbb" } }, stacks);
    expect(theirs.ok).toBe(false);
    expect(theirs.diagnostics[0].message).toContain("belongs to app id shop-bbbbbbbbbbbb");
    expect((await checkIdentity(check, { name: "shop-prod", status: "UPDATE_COMPLETE", tags: {} }, stacks)).ok).toBe(true);
    expect((await checkIdentity(check, { name: "shop-prod", status: "UPDATE_COMPLETE", tags: { [APP_ID_TAG]: check.appId } }, stacks)).ok).toBe(true);
    // A first deployment, nothing of this app anywhere.
    expect(await checkIdentity(check, undefined, stacks)).toEqual({ ok: true, diagnostics: [] });
  });
});

describe("deployApp (CloudFormation a stand-in, the toolkit a recorder)", () => {
  test("first deploy pins the identity and deploys once; a changed identity is refused before anything is deployed", async () => {
    const dir = app("notes", "notes");
    const stacks = new Stacks();
    const toolkit = recorder();
    const first = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack });
    expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(first).toMatchObject({ ok: true, stackName: "notes-qa", updates: 1, url: "https://d111.cloudfront.net" });
    expect(toolkit.deployed.map((d) => d.stackName)).toEqual(["notes-qa"]);
    const identity = readIdentity(dir).identity;
    expect(identity?.app).toBe("notes");
    // As deployed: the stack carries the id.
    stacks.stacks.push({ name: "notes-qa", tags: { [APP_ID_TAG]: identity?.id ?? "", [STAGE_TAG]: "qa" } });

    // Someone renames the app in iac.app.json.
    fs.writeFileSync(path.join(dir, IDENTITY_FILE), JSON.stringify({ app: "jottings", id: identity?.id }));
    const refused = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack });
    expect(refused.ok).toBe(false);
    expect(refused.stackName).toBe("jottings-qa");
    expect(refused.diagnostics.find((d) => d.code === "IAC7407")?.message).toContain("deployed as stack notes-qa");
    expect(toolkit.deployed).toHaveLength(1);

    const accepted = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack, acceptIdentityChange: true });
    expect(accepted.ok).toBe(true);
    expect(accepted.diagnostics.find((d) => d.code === "IAC7407")?.severity).toBe("warning");
    expect(toolkit.deployed.map((d) => d.stackName)).toEqual(["notes-qa", "jottings-qa"]);
  });

  test("a checkout without iac.app.json (never committed) takes the id the stack carries, instead of being refused as another app", async () => {
    const dir = app("notes", "notes");
    const stacks = new Stacks([{ name: "notes-qa", tags: { [APP_ID_TAG]: "notes-0123456789ab", [STAGE_TAG]: "qa" } }]);
    const toolkit = recorder();
    const report = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack });
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(report.ok).toBe(true);
    expect(readIdentity(dir).identity).toEqual({ app: "notes", id: "notes-0123456789ab" });
    expect(report.diagnostics.find((d) => d.code === "IAC7407")).toMatchObject({ severity: "info", message: expect.stringContaining("notes-0123456789ab") });
    // Deployed with the stack's own id in its tags.
    const manifest = JSON.parse(fs.readFileSync(path.join(toolkit.deployed[0].dir, "manifest.json"), "utf8"));
    expect(manifest.artifacts["notes-qa"].properties.tags[APP_ID_TAG]).toBe("notes-0123456789ab");
    // A committed iac.app.json with another id is never overwritten: that is the identity check's case.
    fs.writeFileSync(path.join(dir, IDENTITY_FILE), JSON.stringify({ app: "notes", id: "notes-ffffffffffff" }));
    const refused = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.find((d) => d.code === "IAC7407")?.message).toContain("belongs to app id notes-0123456789ab");
    expect(readIdentity(dir).identity?.id).toBe("notes-ffffffffffff");
  });

  test("three label indexes added at once: three stack updates, one index each, the running code unchanged until the last", async () => {
    const dir = app("labels", "labels");
    const toolkit = recorder();
    // What is deployed: this app before it used labels (built now, its indexes removed).
    const before = await build(dir, { stage: "qa", outDir: path.join(dir, "before") });
    if (!before.ok) throw new Error(JSON.stringify(before.diagnostics));
    const deployedTemplate: Template = JSON.parse(fs.readFileSync(before.templatePath, "utf8"));
    const table = deployedTemplate.Resources?.Table.Properties ?? {};
    delete table.GlobalSecondaryIndexes;
    table.AttributeDefinitions = [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
    ];
    const stacks = new Stacks([{ name: "labels-qa", tags: {}, template: deployedTemplate }]);
    const lines: string[] = [];
    const report = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack, onProgress: (l) => lines.push(l) });
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(report).toMatchObject({ ok: true, updates: 3 });
    expect(report.indexChanges.map((c) => `${c.action} ${c.index}`)).toEqual(["create label1", "create label2", "create label3"]);
    expect(toolkit.deployed.map((d) => d.labels)).toEqual([["label1"], ["label1", "label2"], ["label1", "label2", "label3"]]);
    // The steps are assemblies of their own; the last is the one `iac build` wrote.
    expect(toolkit.deployed.map((d) => path.relative(dir, d.dir))).toEqual([
      path.join(".iac", "deploy-steps", "qa", "step-1"),
      path.join(".iac", "deploy-steps", "qa", "step-2"),
      "cdk.out",
    ]);
    expect(lines.filter((l) => l.startsWith("Update "))).toEqual([
      "Update 1 of 3: create index label1 (the running code unchanged)",
      "Update 2 of 3: create index label2 (the running code unchanged)",
      "Update 3 of 3: create index label3",
    ]);
    expect(report.diagnostics.find((d) => d.code === "IAC7409")?.message).toContain("deployed in 3 updates");
  });

  test("a failed update stops the sequence and says what is deployed", async () => {
    const dir = app("labels", "labels");
    const deployedTemplate: Template = {
      Resources: {
        Table: {
          Type: "AWS::DynamoDB::Table",
          Properties: {
            KeySchema: [
              { AttributeName: "pk", KeyType: "HASH" },
              { AttributeName: "sk", KeyType: "RANGE" },
            ],
            AttributeDefinitions: [
              { AttributeName: "pk", AttributeType: "S" },
              { AttributeName: "sk", AttributeType: "S" },
            ],
          },
        },
      },
    };
    const stacks = new Stacks([{ name: "labels-qa", tags: {}, template: deployedTemplate }]);
    let calls = 0;
    const failing: DeployStackFn = async () => {
      calls += 1;
      return calls === 2
        ? {
            ok: false,
            outputs: {},
            changes: [],
            declined: false,
            diagnostics: [{ code: "IAC7403", severity: "error", message: "Resource handler returned message: LimitExceededException" }],
          }
        : { ok: true, outputs: {}, changes: [], declined: false, diagnostics: [] };
    };
    const report = await deployApp(dir, { build, stage: "qa", stacks, deployStack: failing });
    expect(report.ok).toBe(false);
    expect(calls).toBe(2);
    expect(report.diagnostics.find((d) => d.code === "IAC7409" && d.severity === "error")?.message).toBe(
      "update 2 of 3 (create index label2) failed; update 1 is deployed",
    );
  });

  test("approval is asked once, up front, for the whole sequenced change", async () => {
    const dir = app("labels", "labels");
    const built = await build(dir, { stage: "qa", outDir: path.join(dir, "cdk.out") });
    if (!built.ok) throw new Error("build failed");
    const deployedTemplate: Template = JSON.parse(fs.readFileSync(built.templatePath, "utf8"));
    // Deployed: two more indexes than the code uses now; dropping them is destructive.
    const t = deployedTemplate.Resources?.Table.Properties ?? {};
    const gsis = t.GlobalSecondaryIndexes as { IndexName: string }[];
    t.GlobalSecondaryIndexes = [
      ...gsis,
      ...["label4", "label5"].map((n) => ({
        IndexName: n,
        KeySchema: [
          { AttributeName: `${n}pk`, KeyType: "HASH" },
          { AttributeName: `${n}sk`, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    ];
    t.AttributeDefinitions = [
      ...(t.AttributeDefinitions as unknown[]),
      ...["label4", "label5"].flatMap((n) => [
        { AttributeName: `${n}pk`, AttributeType: "S" },
        { AttributeName: `${n}sk`, AttributeType: "S" },
      ]),
    ];
    const stacks = new Stacks([{ name: "labels-qa", tags: {}, template: deployedTemplate }]);
    const toolkit = recorder();
    const asked: string[][] = [];
    const declined = await deployApp(dir, {
      build,
      stage: "qa",
      stacks,
      deployStack: toolkit.deployStack,
      approve: async (changes) => {
        asked.push(changes.map((c) => `${c.class} ${c.subject}`));
        return false;
      },
    });
    expect(declined).toMatchObject({ ok: false, declined: true });
    expect(asked).toEqual([["destructive Table (AWS::DynamoDB::Table)"]]);
    expect(toolkit.deployed).toEqual([]);
    const approved = await deployApp(dir, { build, stage: "qa", stacks, deployStack: toolkit.deployStack, approve: async () => true });
    expect(approved).toMatchObject({ ok: true, updates: 2 });
    expect(toolkit.deployed.map((d) => d.labels)).toEqual([
      ["label1", "label2", "label3", "label5"],
      ["label1", "label2", "label3"],
    ]);
  });
});

/**
 * What no change may do silently:
 * - a renamed app (package.json `name`, the folder, or iac.app.json's `app`)
 *   deploys a new, empty stack: one destructive change that says so, and
 *   the template part lists what stays behind instead of a fake update;
 * - two label indexes created or deleted in one change cannot be one
 *   CloudFormation update: the diff says how iac deploy sequences them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "../../src/compiler";
import { compareSides, diff, renderText, shouldFail } from "../../src/diff";
import type { BuiltSide, Change, DiffReport, Template } from "../../src/diff";
import type { AppGraph, LabelName } from "../../src/graph";
import { baseSide } from "./fixtures";

function sides(edit: (graph: AppGraph, template: Template) => void): [BuiltSide, BuiltSide] {
  const b = baseSide();
  const h = baseSide();
  const head = { graph: structuredClone(h.graph), template: structuredClone(h.template ?? {}) };
  edit(head.graph, head.template);
  return [
    { info: { spec: "base", kind: "in-memory" }, graph: b.graph, template: b.template },
    { info: { spec: "head", kind: "in-memory" }, graph: head.graph, template: head.template },
  ];
}

function brief(c: Change): string {
  return `${c.class} ${c.source} ${c.area} ${c.action} ${c.subject}`;
}

describe("a renamed app", () => {
  let r: DiffReport;
  beforeAll(() => {
    const [b, h] = sides((graph) => {
      graph.app.name = "todo-app";
    });
    r = compareSides(b, h, "prod");
  });

  test("is one destructive change that says where the data stays, then what the old stack keeps", () => {
    expect(r.changes[0]).toMatchObject({
      class: "destructive",
      area: "app",
      action: "changed",
      subject: "app identity",
      details: ["stack todo-prod → todo-app-prod"],
    });
    expect(r.changes[0].reason).toContain("new stack todo-app-prod with an empty table and bucket");
    expect(r.changes[0].reason).toContain("the data stays in todo-prod");
    expect(r.changes[0].reason).toContain("--accept-identity-change");
    const template = r.changes.filter((c) => c.source === "template");
    expect(template.map(brief)).toEqual([
      "destructive template resource replaced Bucket (AWS::S3::Bucket)",
      "destructive template resource replaced Table (AWS::DynamoDB::Table)",
    ]);
    expect(template[1].reason).toBe("stays in stack todo-prod with its data; stack todo-app-prod gets a new, empty table");
    expect(shouldFail(r, "destructive")).toBe(true);
  });

  test("is not a list of safe in-place modifications", () => {
    expect(r.changes.filter((c) => c.class === "safe" && c.source === "template")).toEqual([]);
    expect(renderText(r)).toMatch(/^Destructive \(3\)\n {2}app identity changed\n/m);
  });

  test("the same app under the same name is no change", () => {
    const [b, h] = sides(() => undefined);
    expect(compareSides(b, h, "prod").changes).toEqual([]);
  });
});

describe("label indexes", () => {
  const withLabels = (labels: LabelName[]) =>
    sides((graph) => {
      for (const r of graph.resources) if (r.kind === "data") r.labels = labels;
    });

  test("two created in one change: CloudFormation's one-per-update limit is named, with iac deploy's order", () => {
    const [b, h] = withLabels(["label1", "label2", "label3", "label4"]);
    const seq = compareSides(b, h, "prod").changes.find((c) => c.subject === "label indexes");
    expect(seq).toMatchObject({ class: "safe", area: "label-index", action: "changed", details: ["update 1: create label3", "update 2: create label4"] });
    expect(seq?.reason).toContain("CloudFormation creates or deletes one index per table update");
    expect(seq?.reason).toContain("iac deploy makes it 2 stack updates");
  });

  test("one created and one dropped: two updates, the drop destructive as before", () => {
    const [b, h] = withLabels(["label1", "label3"]);
    const changes = compareSides(b, h, "prod").changes;
    expect(changes.find((c) => c.subject === "label indexes")?.details).toEqual(["update 1: create label3", "update 2: delete label2"]);
    expect(changes.find((c) => c.subject === "label index label2")?.class).toBe("destructive");
  });

  test("one change is one update: nothing to say", () => {
    const [b, h] = withLabels(["label1", "label2", "label3"]);
    expect(compareSides(b, h, "prod").changes.find((c) => c.subject === "label indexes")).toBeUndefined();
  });
});

test("app directories: package.json renamed without iac.app.json is destructive; with it, no change", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "iac-diff-identity-"));
  const app = (dir: string, name: string, pinned?: string): string => {
    const full = path.join(root, dir);
    fs.mkdirSync(full, { recursive: true });
    fs.writeFileSync(path.join(full, "package.json"), JSON.stringify({ name, main: "index.js" }));
    fs.writeFileSync(
      path.join(full, "index.js"),
      'const { api, data } = require("iac");\napi.get("/n", async (req, res) => res.json(await data.get("note:1")));\n',
    );
    if (pinned) fs.writeFileSync(path.join(full, "iac.app.json"), JSON.stringify({ app: pinned, id: `${pinned}-0123456789ab` }));
    return full;
  };
  const renamed = await diff(app("a", "notes"), app("b", "notes-app"), { stage: "prod", build });
  expect(renamed.ok).toBe(true);
  expect(renamed.changes.map(brief)).toEqual([
    "destructive graph app changed app identity",
    "destructive template resource replaced Table (AWS::DynamoDB::Table)",
  ]);
  const pinned = await diff(app("c", "notes", "notes"), app("d", "notes-app", "notes"), { stage: "prod", build });
  expect(pinned.changes).toEqual([]);
  // A diff never writes the identity file into either side.
  expect(fs.existsSync(path.join(root, "a", "iac.app.json"))).toBe(false);
  expect(fs.existsSync(path.join(root, "b", "iac.app.json"))).toBe(false);
});

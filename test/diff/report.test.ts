// Diff on fixture pairs: classes, reasons, causes, and the exit code of each
// pair under every --fail-on.
import { compareSides, exitCodeFor, MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown, renderText } from "../../src/diff";
import type { Change, DiffReport, FailOn } from "../../src/diff";
import { baseSide, headSide, type CaseName } from "./fixtures";

function report(name: CaseName): DiffReport {
  const b = baseSide(name);
  const h = headSide(name);
  return compareSides(
    { info: { spec: "base", kind: "in-memory" }, graph: b.graph, template: b.template, diagnostics: b.diagnostics },
    { info: { spec: name, kind: "in-memory" }, graph: h.graph, template: h.template, diagnostics: h.diagnostics },
    "prod",
  );
}

function brief(c: Change): string {
  return `${c.class} ${c.source} ${c.area} ${c.action} ${c.subject}`;
}

describe("diff on fixture pairs", () => {
  test("a route added is safe, in the graph and in the template", () => {
    const r = report("route-added");
    expect(r.changes.map(brief)).toEqual([
      "safe graph route added GET /health",
      "safe template resource added HttpApiGEThealthRoute (AWS::ApiGatewayV2::Route)",
    ]);
    expect(r.changes[0].causes).toEqual([{ side: "head", location: { file: "src/index.ts", line: 42, column: 1 }, via: [], what: undefined }]);
  });

  test("a handler that starts writing storage widens its function's permissions, citing the call and its helper", () => {
    const r = report("storage-write");
    expect(r.changes.map(brief)).toEqual([
      'permissions graph permission widened schedule-rate-1-hour: storage.write on path prefix "reports/"',
      "safe template resource changed FunctionScheduleRate1Hour (AWS::Lambda::Function)",
      "permissions template resource changed FunctionScheduleRate1HourServiceRoleDefaultPolicy (AWS::IAM::Policy)",
    ]);
    expect(r.changes[0].causes).toEqual([
      {
        side: "head",
        what: "storage.write",
        from: "schedule:rate(1 hour)",
        location: { file: "src/lib/reports.ts", line: 7, column: 9 },
        via: [{ file: "src/index.ts", line: 39, column: 11 }],
      },
    ]);
  });

  test("a label no longer used drops its index: destructive", () => {
    const r = report("label-dropped");
    expect(r.changes.map(brief)).toEqual([
      "destructive graph label-index removed label index label2",
      "safe graph route removed GET /todos/overdue",
      "destructive template resource changed Table (AWS::DynamoDB::Table)",
    ]);
    const dropped = r.changes[0];
    expect(dropped.reason).toMatch(/label2/);
    // Where label2 was used, in the base tree.
    expect(dropped.causes.map((c) => `${c.side} ${c.location.file}:${c.location.line}`)).toEqual(["base src/index.ts:23", "base src/lib/todos.ts:12"]);
    expect(r.changes[r.changes.length - 1].reason).toBe("index label2 is dropped from the table");
  });

  test("storage removed is destructive: the bucket leaves the app", () => {
    const r = report("storage-removed");
    expect(r.changes.map(brief)).toEqual([
      "destructive graph storage removed storage bucket",
      'safe graph permission narrowed http: storage.read on path prefix "uploads/"',
      "safe graph route removed GET /files/:name",
      "destructive template resource removed Bucket (AWS::S3::Bucket)",
      "safe template resource changed FunctionHttp (AWS::Lambda::Function)",
      "safe template resource changed FunctionHttpServiceRoleDefaultPolicy (AWS::IAM::Policy)",
    ]);
    expect(r.changes[3].reason).toMatch(/retained in the account/);
  });

  test("a pure refactor that moves handlers between files is no change at all", () => {
    const r = report("refactor");
    expect(r.changes).toEqual([]);
    expect(r.summary).toEqual({ safe: 0, permissions: 0, destructive: 0, total: 0 });
    expect(renderText(r)).toContain("No changes.");
    expect(renderMarkdown(r)).toMatch(/^\*\*iac diff\*\*: no infrastructure changes/);
  });

  const failOns: FailOn[] = ["none", "any", "permissions", "destructive"];
  const expected: Record<CaseName, number[]> = {
    "route-added": [0, 1, 0, 0],
    "storage-write": [0, 1, 1, 0],
    "label-dropped": [0, 1, 1, 1],
    "storage-removed": [0, 1, 1, 1],
    "collection-read": [0, 1, 1, 0],
    "security-group": [0, 1, 1, 0],
    "app-renamed": [0, 1, 1, 1],
    "timeout-warnings": [0, 1, 0, 0],
    refactor: [0, 0, 0, 0],
  };
  test.each(Object.entries(expected))("%s: exit codes under --fail-on none/any/permissions/destructive", (name, codes) => {
    const r = report(name as CaseName);
    expect(failOns.map((f) => exitCodeFor(r, f))).toEqual(codes);
  });
});

describe("what changed inside a resource", () => {
  const resource = (name: CaseName, id: string) => report(name).changes.find((c) => c.resource?.logicalId === id)?.resource;

  test("an IAM policy: the statements added, not the name PolicyDocument", () => {
    expect(resource("storage-write", "FunctionScheduleRate1HourServiceRoleDefaultPolicy")).toEqual({
      logicalId: "FunctionScheduleRate1HourServiceRoleDefaultPolicy",
      type: "AWS::IAM::Policy",
      properties: [],
      statements: [
        {
          change: "added",
          effect: "Allow",
          actions: ["s3:PutObject"],
          resources: ["${Bucket.Arn}/reports/*"],
          principals: ["AWS:${FunctionScheduleRate1HourServiceRole}"],
        },
      ],
    });
    expect(resource("collection-read", "FunctionHttpServiceRoleDefaultPolicy")?.statements?.[0].condition).toBe(
      '"ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [ "note" ] }',
    );
  });

  test("a statement removed makes the policy safe, and says it grants less", () => {
    const c = report("storage-removed").changes.find((x) => x.resource?.logicalId === "FunctionHttpServiceRoleDefaultPolicy");
    expect(c).toMatchObject({ class: "safe", reason: "the IAM resource grants less than before" });
    expect(c?.resource?.statements?.map((s) => `${s.change} ${s.actions.join(",")} ${s.resources.join(",")}`)).toEqual([
      "removed s3:GetObject ${Bucket.Arn}/uploads/*",
    ]);
  });

  test("a table: the indexes and attributes before and after, as a JSON line diff", () => {
    const table = resource("label-dropped", "Table");
    expect(table?.properties.map((p) => p.path)).toEqual(["AttributeDefinitions", "GlobalSecondaryIndexes"]);
    expect(table?.properties[1].lines).toEqual(expect.arrayContaining(['-    "IndexName": "label2",']));
    expect(table?.properties[1].lines?.filter((l) => l.startsWith("+"))).toEqual([]);
  });

  test("a scalar: before → after; a nested key: its full path", () => {
    expect(resource("timeout-warnings", "FunctionHttp")?.properties).toEqual([{ path: "Timeout", before: 10, after: 30, replaces: false }]);
    expect(resource("storage-write", "FunctionScheduleRate1Hour")?.properties).toEqual([
      { path: "Environment.Variables.IAC_BUCKET", after: { Ref: "Bucket" }, replaces: false },
    ]);
  });

  test("a security group open to the world: its rules, as permissions", () => {
    const c = report("security-group").changes[0];
    expect(c).toMatchObject({ class: "permissions", action: "added", reason: "a new security group rule lets traffic through" });
    expect(c.resource?.securityGroupRules).toEqual([
      { change: "added", group: "${EdgeSecurityGroup.GroupId}", direction: "in", protocol: "TCP 443", peer: "Everyone (IPv4)" },
      { change: "added", group: "${EdgeSecurityGroup.GroupId}", direction: "out", protocol: "Everything", peer: "Everyone (IPv4)" },
    ]);
  });

  test("a property that replaces the resource is marked; a code-only change (asset hash) is no change", () => {
    const b = baseSide();
    const head = structuredClone(b.template ?? {});
    const resources = head.Resources ?? {};
    resources.Bucket.Properties = { ...resources.Bucket.Properties, BucketName: "todo-files" };
    const fn = resources.FunctionHttp.Properties ?? {};
    fn.Code = { ...Object(fn.Code), S3Key: `${"f".repeat(64)}.zip` };
    const r = compareSides(
      { info: { spec: "b", kind: "in-memory" }, graph: b.graph, template: b.template },
      { info: { spec: "h", kind: "in-memory" }, graph: b.graph, template: head },
      "prod",
    );
    expect(r.changes.map((c) => `${c.class} ${c.action} ${c.subject}`)).toEqual(["destructive replaced Bucket (AWS::S3::Bucket)"]);
    expect(r.changes[0].resource?.properties).toEqual([{ path: "BucketName", after: "todo-files", replaces: true }]);
    expect(renderMarkdown(r)).toContain('`BucketName`: added `"todo-files"` — **requires replacement**');
  });
});

describe("analysis warnings", () => {
  test("the head's new ones, the ones the base had too (moved lines included), and the resolved; infos left out", () => {
    const w = report("timeout-warnings").warnings;
    expect(w.baseKnown).toBe(true);
    expect(w.added.map((d) => d.code)).toEqual(["IAC6102"]);
    expect(w.unchanged.map((d) => `${d.code} ${d.location?.line}`)).toEqual(["IAC3002 25"]);
    expect(w.resolved.map((d) => d.code)).toEqual(["IAC5004"]);
  });

  test("a base without diagnostics (graph.json, assembly): every warning of the head is shown, not called new", () => {
    const b = baseSide();
    const h = headSide("timeout-warnings");
    const r = compareSides(
      { info: { spec: "graph.json", kind: "graph-json" }, graph: b.graph },
      { info: { spec: "h", kind: "in-memory" }, graph: h.graph, diagnostics: h.diagnostics },
      "prod",
    );
    expect(r.warnings).toMatchObject({ baseKnown: false, unchanged: [], resolved: [] });
    expect(r.warnings.added.map((d) => d.code)).toEqual(["IAC3002", "IAC6102"]);
    expect(renderMarkdown(r)).toContain("2 analysis warnings</b>");
    expect(renderMarkdown(r).split("\n")[0]).toContain("⚠️ 2 warnings");
  });
});

test("a report too long for a comment drops resource details, the safe ones first, and says so", () => {
  const r = report("label-dropped");
  const big = (i: number): Change => ({
    source: "template",
    area: "resource",
    action: "changed",
    subject: `R${i} (AWS::Lambda::Function)`,
    class: i % 2 === 0 ? "safe" : "permissions",
    reason: "modified in place",
    causes: [],
    resource: {
      logicalId: `R${i}`,
      type: "AWS::Lambda::Function",
      properties: [
        { path: "Environment", before: {}, after: {}, replaces: false, lines: Array.from({ length: 40 }, (_, j) => `+ "VARIABLE_${j}": "${"x".repeat(40)}"`) },
      ],
    },
  });
  const huge = { ...r, changes: [...r.changes, ...Array.from({ length: 30 }, (_, i) => big(i))] };
  const md = renderMarkdown(huge);
  expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
  expect(md).toContain("Some resource details are left out to fit in a comment");
  expect(md).toContain('-    "IndexName": "label2",');
  expect(md.trimEnd().endsWith(MARKDOWN_MARKER)).toBe(true);
});

test("markdown escapes what it quotes outside code, and leaves a reason's code spans as they are", () => {
  const r = report("refactor");
  const change: Change = {
    source: "graph",
    area: "params",
    action: "added",
    subject: "param API_KEY",
    class: "safe",
    reason: "the app reads API_KEY: set it with `iac params set API_KEY <value> --stage <stage>` before deploying",
    causes: [],
  };
  const md = renderMarkdown({ ...r, changes: [change], summary: { safe: 1, permissions: 0, destructive: 0, total: 1 } });
  expect(md).toContain("- **param API\\_KEY** added: the app reads API\\_KEY: set it with `iac params set API_KEY <value> --stage <stage>` before deploying");
});

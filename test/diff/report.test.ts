// Diff on fixture pairs: classes, reasons, causes, and the exit code of each
// pair under every --fail-on.
import { compareSides, exitCodeFor, renderMarkdown, renderText } from "../../src/diff";
import type { Change, DiffReport, FailOn } from "../../src/diff";
import { baseSide, headSide, type CaseName } from "./fixtures";

function report(name: CaseName): DiffReport {
  const b = baseSide();
  const h = headSide(name);
  return compareSides({ info: { spec: "base", kind: "in-memory" }, graph: b.graph, template: b.template }, { info: { spec: name, kind: "in-memory" }, graph: h.graph, template: h.template }, "prod");
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
    expect(r.changes[0].causes).toEqual([{
      side: "head", what: "storage.write", from: "schedule:rate(1 hour)",
      location: { file: "src/lib/reports.ts", line: 7, column: 9 },
      via: [{ file: "src/index.ts", line: 39, column: 11 }],
    }]);
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
    refactor: [0, 0, 0, 0],
  };
  test.each(Object.entries(expected))("%s: exit codes under --fail-on none/any/permissions/destructive", (name, codes) => {
    const r = report(name as CaseName);
    expect(failOns.map((f) => exitCodeFor(r, f))).toEqual(codes);
  });

  test.each(["route-added", "storage-write", "label-dropped", "storage-removed", "refactor"] as const)("markdown for %s", (name) => {
    const md = renderMarkdown(report(name));
    expect(md.split("\n")[0]).toMatch(/^\*\*iac diff\*\*/);
    expect(md).toMatchSnapshot();
  });
});

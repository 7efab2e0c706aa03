/**
 * What `iac dev` reports between two analyses (src/local/dev/analysis-changes.ts):
 * diagnostics that appeared or were fixed, infrastructure changes worded for
 * a terminal, and which graph they are measured from. Graphs come from the
 * analyzer on small apps, so the words are checked against real inference.
 */
import { analyzeFiles, cleanup } from "../analyzer/helpers";
import type { AnalyzeResult } from "../../src/analyzer";
import type { Diagnostic } from "../../src/graph";
import { diagnosticChanges, infrastructureChanges, inventory, nextReport } from "../../src/local/dev/analysis-changes";

const PKG = JSON.stringify({ name: "shop", main: "index.ts" });

function app(body: string): AnalyzeResult {
  return analyzeFiles({ "package.json": PKG, "index.ts": `import { api, data, schedule, storage } from "iac";\n${body}\n` });
}

function diag(code: string, line: number, message = `problem ${code}`, severity: Diagnostic["severity"] = "error"): Diagnostic {
  return { code, severity, message, location: { file: "index.ts", line, column: 5 } };
}

afterAll(cleanup);

describe("diagnosticChanges", () => {
  test("a new diagnostic appears, a gone one is fixed, one that only moved is neither", () => {
    const before = [diag("IAC1001", 3), diag("IAC2001", 9)];
    const after = [diag("IAC1001", 5), diag("IAC3001", 7)];
    const { appeared, fixed } = diagnosticChanges(before, after);
    expect(appeared.map((d) => d.code)).toEqual(["IAC3001"]);
    expect(fixed.map((d) => d.code)).toEqual(["IAC2001"]);
  });

  test("repeats are matched one for one", () => {
    const same = diag("IAC1001", 3, "the route path of api.get is not a static string");
    const { appeared, fixed } = diagnosticChanges([same], [same, { ...same, location: { file: "index.ts", line: 8, column: 1 } }]);
    expect(appeared).toHaveLength(1);
    expect(appeared[0].location?.line).toBe(8);
    expect(fixed).toEqual([]);
    expect(diagnosticChanges([same, same], [same])).toEqual({ appeared: [], fixed: [same] });
  });

  test("the same code with another message or severity is another diagnostic", () => {
    const { appeared, fixed } = diagnosticChanges([diag("IAC3002", 4, "x", "warning")], [diag("IAC3002", 4, "x", "error")]);
    expect(appeared.map((d) => d.severity)).toEqual(["error"]);
    expect(fixed.map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("infrastructureChanges", () => {
  const base = app(
    `api.get("/items", async (req, res) => res.json(await data.getByLabel("label1", "owner:*")));\nschedule.every("1 hour", async () => undefined);`,
  );

  test("a new label index says the next deploy adds a GSI; new routes and permissions get their own lines", () => {
    const head = app(
      `api.get("/items", async (req, res) => res.json(await data.getByLabel("label1", "owner:*")));\n` +
        `api.get("/recent", async (req, res) => res.json(await data.getByLabel("label2", "day:*")));\n` +
        `schedule.every("1 hour", async () => undefined);`,
    );
    expect(base.diagnostics).toEqual([]);
    const lines = infrastructureChanges(base.graph, head.graph).map((c) => c.line);
    expect(lines).toContain("new label index label2: the next deploy adds a GSI");
    expect(lines).toContain("new route GET /recent");
    expect(lines.some((l) => /^permission widened: function \S+ can now call data\.getByLabel on label namespace "day"$/.test(l))).toBe(true);
  });

  test("a label index no longer used is destructive; a removed route and a changed schedule are said plainly", () => {
    const head = app(
      `api.get("/items", async (req, res) => res.json(await data.get("item:*")));\nschedule.every("2 hours", async () => undefined);\napi.get("/other", (req, res) => res.json({}));`,
    );
    const changes = infrastructureChanges(base.graph, head.graph);
    expect(changes).toContainEqual({ line: "label index label1 is no longer used: the next deploy deletes its GSI", class: "destructive" });
    expect(changes.map((c) => c.line)).toEqual(
      expect.arrayContaining(["new route GET /other", "schedule changed: schedule rate(1 hour) → schedule rate(2 hours)"]),
    );
  });

  test("a storage bucket and a new listener are lines; the same app twice is no change", () => {
    const head = app(
      `api.get("/items", async (req, res) => res.json(await data.getByLabel("label1", "owner:*")));\n` +
        `schedule.every("1 hour", async () => undefined);\n` +
        `api.post("/upload", async (req, res) => { await storage.write("in/a.txt", "x"); res.json({}); });\n` +
        `storage.on("write:in/*", async () => undefined);`,
    );
    const lines = infrastructureChanges(base.graph, head.graph).map((c) => c.line);
    expect(lines).toEqual(expect.arrayContaining(["new storage bucket: the next deploy creates the S3 bucket", "new route POST /upload"]));
    expect(lines.some((l) => l.startsWith("new listener storage.on("))).toBe(true);
    expect(infrastructureChanges(base.graph, base.graph)).toEqual([]);
  });
});

describe("nextReport", () => {
  const valid = app(`api.get("/items", async (req, res) => res.json(await data.get("item:*")));`);
  const computed = app(
    `api.get("/items", async (req, res) => res.json(await data.get("item:*")));\nconst where = process.env.ROUTE ?? "/x";\napi.get(where, (req, res) => res.json({}));`,
  );
  const label2 = app(`api.get("/items", async (req, res) => res.json(await data.getByLabel("label2", "x:*")));`);

  test("the first report has every diagnostic and the inventory; later ones only what changed", () => {
    const first = nextReport(undefined, computed, 12);
    expect(first.report).toMatchObject({ run: 1, errors: 1, held: true, changes: [] });
    expect(first.report.appeared.map((d) => d.code)).toEqual(["IAC1001"]);
    expect(first.report.inventory).toMatch(/^1 route, data \(no label index\)/);

    const fixed = nextReport(first.state, valid, 5);
    expect(fixed.report).toMatchObject({ run: 2, errors: 0, held: false, appeared: [] });
    expect(fixed.report).not.toHaveProperty("inventory");
    expect(fixed.report.fixed.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`)).toEqual(["IAC1001 index.ts:4"]);
  });

  test("infrastructure is compared from the last analysis without errors, never from one with errors", () => {
    const start = nextReport(undefined, valid, 1);
    const broken = nextReport(start.state, computed, 1);
    expect(broken.report.held).toBe(true);
    expect(broken.report.changes).toEqual([]);
    // Fixed, with a new label: measured from `valid`, so the route the broken version lost is no change.
    const next = nextReport(broken.state, label2, 1);
    expect(next.report.changes.map((c) => c.line)).toContain("new label index label2: the next deploy adds a GSI");
    expect(next.report.changes.map((c) => c.line).some((l) => l.includes("GET /items"))).toBe(false);
  });

  test("inventory names what the app needs", () => {
    expect(inventory(label2.graph)).toMatch(/^1 route, data \(label indexes label2\), 1 function$/);
  });
});

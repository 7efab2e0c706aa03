/**
 * One fixture app per kind of fix (test/fixtures/fix/<kind>/app), each with
 * its golden dry-run diff (expected.diff, rewritten with UPDATE_GOLDEN=1 and
 * reviewed as a diff): the dry run prints it and writes nothing; the real run
 * writes exactly it (nothing else in the file moves: formatting, quotes and
 * comments stay), and the analysis afterwards reports none of the fixed
 * problems, so a second run has nothing to do.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze, fix } from "../../src/compiler";
import { fixApp } from "../../src/fix";
import { unifiedDiff } from "../../src/fix/unified-diff";

const FIXTURES = path.join(__dirname, "..", "fixtures", "fix");
const KINDS: [string, string][] = [
  ["route-path", "IAC1003"],
  ["rate", "IAC2002"],
  ["cron", "IAC2003"],
  ["cron-both-days", "IAC2004"],
  ["label", "IAC3001"],
  ["data-event", "IAC3003"],
  ["storage-event", "IAC4001"],
  ["import-path", "IAC8007"],
  ["export-name", "IAC8008"],
  ["default-import", "IAC8008"],
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-fix-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function copyFixture(kind: string): string {
  const dir = path.join(tmp, kind);
  fs.cpSync(path.join(FIXTURES, kind, "app"), dir, { recursive: true });
  return dir;
}

function sources(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const full = path.join(dir, f);
    if (!f.startsWith(".iac") && fs.statSync(full).isFile()) out[f.split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
  }
  return out;
}

test("every kind of fix has a fixture", () => {
  const { FIXES } = jest.requireActual<typeof import("../../src/fix/kinds")>("../../src/fix/kinds");
  expect([...new Set(KINDS.map(([, code]) => code))].sort()).toEqual(Object.keys(FIXES).sort());
});

test.each(KINDS)(
  "%s (%s): the dry run prints the golden diff, the fix writes it, the analysis no longer reports it",
  async (kind, code) => {
    const dir = copyFixture(kind);
    const before = await analyze(dir);
    expect(before.diagnostics.map((d) => d.code)).toContain(code);
    const original = sources(dir);

    const dry = await fix(dir, { dryRun: true });
    const golden = path.join(FIXTURES, kind, "expected.diff");
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(golden, dry.diff);
    expect(dry.diff).toBe(fs.readFileSync(golden, "utf8"));
    expect(dry.fixes.map((f) => f.code)).toEqual(dry.fixes.map(() => code));
    expect(sources(dir)).toEqual(original);

    const real = await fix(dir);
    expect(real.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(real.ok).toBe(true);
    const written = sources(dir);
    const diff = Object.keys(written)
      .sort()
      .map((f) => unifiedDiff(f, original[f] ?? "", written[f]))
      .join("");
    expect(diff).toBe(dry.diff);

    const after = await analyze(dir);
    expect(after.diagnostics.filter((d) => d.code === code)).toEqual([]);
    expect((await fix(dir, { dryRun: true })).fixes).toEqual([]);
  },
  60_000,
);

test("a label as near to several labels as to one (label6) has no fix, and stays reported", async () => {
  const dir = copyFixture("label");
  const file = path.join(dir, "index.ts");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"lable1"', '"label6"'));
  const result = await fix(dir);
  expect(result.fixes.map((f) => f.title)).toEqual(["rename label Label2 to label2"]);
  expect(result.ok).toBe(false);
  expect(result.diagnostics.filter((d) => d.code === "IAC3001").map((d) => d.message)).toEqual(['"label6" is not a label: labels are label1 to label5']);
  expect(result.diagnostics.map((d) => d.code)).not.toContain("IAC8312");
}, 60_000);

test("a misspelt import whose binding is also exported keeps its name as an alias", async () => {
  const dir = copyFixture("export-name");
  fs.appendFileSync(path.join(dir, "index.ts"), "export { lisTodos };\n");
  const result = await fix(dir);
  expect(result.fixes.map((f) => f.title)).toEqual(["import listTodos as lisTodos"]);
  expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toContain('import { listTodos as lisTodos } from "./lib/todos";');
  expect(result.ok).toBe(true);
}, 60_000);

test("a default import used other than as x.name is left alone", async () => {
  const dir = copyFixture("default-import");
  fs.appendFileSync(path.join(dir, "index.ts"), "console.log(todos);\n");
  const result = await fix(dir, { dryRun: true });
  expect(result.fixes).toEqual([]);
}, 60_000);

test("--only fixes the codes named and leaves the others", async () => {
  const dir = copyFixture("label");
  const file = path.join(dir, "index.ts");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"/todos"', '"todos"'));
  const result = await fix(dir, { only: ["IAC1003"] });
  expect(result.fixes.map((f) => f.code)).toEqual(["IAC1003"]);
  expect(result.diagnostics.filter((d) => d.code === "IAC3001")).toHaveLength(2);
  const unknown = await fix(dir, { only: ["IAC6102"] });
  expect(unknown.ok).toBe(false);
  expect(unknown.diagnostics.map((d) => d.code)).toEqual(["IAC8311"]);
}, 60_000);

test("a diagnostic's own structured fix is applied as it says, whatever its code", async () => {
  const dir = copyFixture("rate");
  const carried = {
    code: "IAC2002",
    severity: "error" as const,
    message: "a rate the analyzer fixed itself",
    location: { file: "index.ts", line: 8, column: 16 },
    fix: { title: "use the hourly digest", edits: [{ file: "index.ts", start: { line: 8, column: 16 }, end: { line: 8, column: 26 }, newText: '"1 hour"' }] },
  };
  // fixApp is handed the library's analyze (src/compiler.ts does that): here one whose first answer carries the fix.
  let calls = 0;
  const result = await fixApp(dir, {}, async (d, o) => {
    const r = await analyze(d, o);
    return calls++ === 0 ? { ...r, diagnostics: [carried] } : r;
  });
  expect(calls).toBe(2);
  expect(result.fixes.map((f) => f.title)).toEqual(["use the hourly digest"]);
  expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toContain('schedule.every("1 hour", digest); // every five minutes');
  expect(result.ok).toBe(true);
  const { mayFix } = jest.requireActual<typeof import("../../src/fix/kinds")>("../../src/fix/kinds");
  expect(mayFix({ code: "IAC9999", severity: "error", message: "x", fix: { title: "t", edits: [] } })).toBe(true);
  expect(mayFix({ code: "IAC6102", severity: "warning", message: "x", location: { file: "index.ts", line: 1, column: 1 } })).toBe(false);
}, 60_000);

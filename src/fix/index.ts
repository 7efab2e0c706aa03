/**
 * src/fix: `iac fix`. App folder in; the fixes its diagnostics know applied
 * to its source (or, with `dryRun`, a unified diff of them), then the app
 * analysed again to confirm the fixed problems are gone.
 *
 * A diagnostic's fix is its own `fix` (a structured edit from the phase
 * that raised it) or one computed here from its code, location and hint
 * (providers.ts). Edits are applied with ts-morph as text replacements of
 * exactly the spans they name, so formatting and comments elsewhere stay as
 * they were; two edits that overlap are never both applied (the second
 * waits for the next run). ts-morph loads with this module only.
 */
import * as fs from "fs";
import * as path from "path";
import { Project, type SourceFile } from "ts-morph";
import { appDirProblem } from "../app-dir";
import { hasErrors, sortDiagnostics, type AppGraph, type Diagnostic, type DiagnosticFix, type TextEdit } from "../graph";
import { FIX_CODES } from "./codes";
import { FIXES, isFixableCode, mayFix } from "./kinds";
import { positionOf, PROVIDERS } from "./providers";
import type { AppliedFix, FixOptions, FixResult } from "./types";
import { unifiedDiff } from "./unified-diff";

export type { AppliedFix, FixOptions, FixResult } from "./types";

/** The library's `analyze` (src/compiler.ts passes it): run before the fixes and again after. */
export type AnalyzeFn = (dir: string, options: { tsconfig?: string }) => Promise<{ ok: boolean; graph: AppGraph; diagnostics: Diagnostic[] }>;

export async function fixApp(dir: string, options: FixOptions, analyze: AnalyzeFn): Promise<FixResult> {
  const appDir = path.resolve(dir);
  const dryRun = options.dryRun === true;
  const none = (diagnostics: Diagnostic[], ok = false): FixResult => ({
    ok,
    dryRun,
    fixes: [],
    diff: "",
    files: [],
    diagnostics: sortDiagnostics(diagnostics),
  });
  const missing = appDirProblem(appDir);
  if (missing) return none([missing]);
  const unknown = (options.only ?? []).filter((c) => !isFixableCode(c));
  if (unknown.length > 0) {
    return none([
      {
        code: FIX_CODES.notFixable,
        severity: "error",
        message: `iac fix has no fix for ${unknown.join(", ")}`,
        hint: `fixable codes: ${Object.keys(FIXES).join(", ")}`,
      },
    ]);
  }
  const before = await analyze(appDir, { tsconfig: options.tsconfig });
  const wanted = before.diagnostics.filter((d) => (!options.only || options.only.includes(d.code)) && mayFix(d));
  if (wanted.length === 0) return none(before.diagnostics, dryRun || before.ok);

  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true } });
  const files = new Map<string, SourceFile>();
  const fileOf = (rel: string): SourceFile | undefined => {
    const abs = path.resolve(appDir, rel);
    // Only the app's own files: a location outside the app (a monorepo sibling) is left alone.
    if (path.relative(appDir, abs).startsWith("..") || !fs.existsSync(abs)) return undefined;
    const sf = files.get(rel) ?? project.addSourceFileAtPath(abs);
    files.set(rel, sf);
    return sf;
  };
  const planned: { d: Diagnostic; fix: DiagnosticFix }[] = [];
  for (const d of wanted) {
    const sf = d.location ? fileOf(d.location.file) : undefined;
    const fix = d.fix ?? (sf && isFixableCode(d.code) ? PROVIDERS[d.code](d, sf) : undefined);
    if (fix && fix.edits.every((e) => fileOf(e.file) !== undefined)) planned.push({ d, fix });
  }

  // Every edit as offsets in the text the analysis read; overlapping fixes wait for the next run.
  const notes: Diagnostic[] = [];
  const accepted = new Map<string, { start: number; end: number; newText: string }[]>();
  const applied: AppliedFix[] = [];
  const fixed = new Set<string>();
  for (const { d, fix } of planned) {
    const spans = fix.edits.map((e) => ({ file: e.file, ...spanOf(e, fileOf(e.file)) }));
    if (spans.some((s) => s.start < 0)) continue;
    const clash = spans.some((s) => (accepted.get(s.file) ?? []).some((o) => s.start < o.end && o.start < s.end));
    if (clash) {
      if (d.location)
        notes.push({
          code: FIX_CODES.overlapping,
          severity: "info",
          location: d.location,
          message: `not fixed in this run: ${fix.title} overlaps another fix`,
          hint: "run iac fix again",
        });
      continue;
    }
    for (const s of spans) accepted.set(s.file, [...(accepted.get(s.file) ?? []), s]);
    if (d.location) applied.push({ code: d.code, location: d.location, title: fix.title });
    fixed.add(problemKey(d));
  }

  const changed = [...accepted.keys()].sort();
  let diff = "";
  for (const rel of changed) {
    const sf = files.get(rel);
    if (!sf) continue;
    const original = sf.getFullText();
    // From the end, so earlier offsets stay valid.
    for (const e of [...(accepted.get(rel) ?? [])].sort((a, b) => b.start - a.start)) sf.replaceText([e.start, e.end], e.newText);
    const next = sf.getFullText();
    diff += unifiedDiff(rel, original, next);
    if (!dryRun) fs.writeFileSync(path.resolve(appDir, rel), next);
  }
  const fixes = applied.sort((a, b) =>
    a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line || a.location.column - b.location.column,
  );
  if (dryRun) return { ok: true, dryRun, fixes, diff, files: changed, diagnostics: sortDiagnostics([...before.diagnostics, ...notes]) };

  // Confirm: the problems a fix was applied for are gone (the same code and message in the same file; lines may have moved).
  const after = await analyze(appDir, { tsconfig: options.tsconfig });
  const still = after.diagnostics.filter((d) => fixed.has(problemKey(d)));
  const problems: Diagnostic[] = still.map((d) => ({
    code: FIX_CODES.stillReported,
    severity: "error",
    ...(d.location ? { location: d.location } : {}),
    message: `${d.code} is still reported after its fix: ${d.message}`,
    hint: "a bug in iac fix: please report it with this file",
  }));
  const diagnostics = sortDiagnostics([...after.diagnostics, ...notes, ...problems]);
  return { ok: !hasErrors(diagnostics), dryRun, fixes, diff, files: changed, diagnostics };
}

function problemKey(d: Diagnostic): string {
  return `${d.code}\0${d.location?.file ?? ""}\0${d.message}`;
}

/** A text edit as offsets into the file's text (start -1: the position is not in the file). */
function spanOf(e: TextEdit, sf: SourceFile | undefined): { start: number; end: number; newText: string } {
  const start = sf ? positionOf(sf, e.start.line, e.start.column) : undefined;
  const end = sf ? positionOf(sf, e.end.line, e.end.column) : undefined;
  if (start === undefined || end === undefined || end < start) return { start: -1, end: -1, newText: e.newText };
  return { start, end, newText: e.newText };
}

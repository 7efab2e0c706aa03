/**
 * One diagnostic shape for every phase. Codes live in a small catalogue per
 * area next to the code that raises them; ranges: 1xxx api/http, 2xxx
 * schedule, 3xxx data, 4xxx storage, 5xxx events/params/static, 6xxx graph
 * validation, 7xxx synth and deploy, 8xxx CLI and config, 9xxx internal.
 */
import type { SourceLocation } from "./types";

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  message: string;
  location: SourceLocation;
}

/** A position in a file, 1-based as `SourceLocation` counts (the column in UTF-16 code units). */
export interface TextPosition {
  line: number;
  column: number;
}

/** Replace the text of `file` from `start` up to (not including) `end` with `newText`. */
export interface TextEdit {
  /** Project-relative POSIX path, as in locations. */
  file: string;
  start: TextPosition;
  end: TextPosition;
  newText: string;
}

/**
 * The change a diagnostic knows to be the one right answer, as a structured
 * edit (as esbuild's messages carry suggestions): `iac fix` applies it.
 */
export interface DiagnosticFix {
  /** What the edit does, e.g. `replace "5 minuts" with "5 minutes"`. */
  title: string;
  /** Applied together; they never overlap. */
  edits: TextEdit[];
}

export interface Diagnostic {
  /** `IAC2003`. */
  code: string;
  severity: Severity;
  message: string;
  location?: SourceLocation;
  related?: RelatedLocation[];
  hint?: string;
  /** The structured fix, when the diagnostic knows it (see `iac fix`, src/fix). */
  fix?: DiagnosticFix;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.location?.file ?? "";
    const fb = b.location?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

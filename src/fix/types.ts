/** The public shapes of `fix` (iac/compiler). */
import type { Diagnostic, SourceLocation } from "../graph";

export interface FixOptions {
  /** Print the changes (a unified diff) instead of writing them. */
  dryRun?: boolean;
  /** Only the diagnostics with these codes (e.g. `IAC2002`). */
  only?: string[];
  /** A tsconfig.json to analyse the app with instead of its own. */
  tsconfig?: string;
}

export interface AppliedFix {
  code: string;
  /** The diagnostic's location, before the fix. */
  location: SourceLocation;
  /** What the fix does, e.g. `replace "5 minuts" with "5 minutes"`. */
  title: string;
}

export interface FixResult {
  /** False when the app still has errors after fixing, or a fix did not take; a dry run is ok when it could plan. */
  ok: boolean;
  dryRun: boolean;
  /** The fixes applied (or, on a dry run, that would be), in file and line order. */
  fixes: AppliedFix[];
  /** A unified diff of every change, files in order. */
  diff: string;
  /** Files changed (relative to the app, POSIX). */
  files: string[];
  /** The analysis after fixing (before, on a dry run), plus fix's own findings. */
  diagnostics: Diagnostic[];
}

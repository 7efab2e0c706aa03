/**
 * The diagnostics `iac fix` knows the one right answer for, and what it
 * does for each. Plain data with no ts-morph, so `iac dev` can say "run
 * `iac fix` to apply" without loading it. docs/diagnostics.md lists these
 * (scripts/diagnostics-doc.js reads FIXES).
 */
import type { Diagnostic } from "../graph";

export const FIXES = {
  /** Adds the leading `/` the route path is missing (`"todos"` → `"/todos"`). */
  IAC1003: "routePathRelative",
  /** Replaces the rate with the nearest valid one the hint names (`"5 minuts"` → `"5 minutes"`). */
  IAC2002: "rateInvalid",
  /** Replaces the cron expression with the nearest valid one the hint names. */
  IAC2003: "cronInvalid",
  /** Puts `?` in one of the two day fields, as the hint says (`"0 12 * * * *"` → `"0 12 * * ? *"`). */
  IAC2004: "cronBothDays",
  /** Replaces a misspelt label with the one label1..label5 it is nearest to (`"lable1"` → `"label1"`, `Label2` → `label2`); none when several are as near (`label6`). */
  IAC3001: "labelInvalid",
  /** Replaces a misspelt `data.on` event with the one it is nearest to (`"creatd:todo:*"` → `"created:todo:*"`). */
  IAC3003: "dataEventInvalid",
  /** Replaces a misspelt `storage.on` event with the one it is nearest to (`"wirte:uploads/*"` → `"write:uploads/*"`). */
  IAC4001: "storageEventInvalid",
  /** Replaces the import path with the app's file it is nearest to, keeping its extension. */
  IAC8007: "importUnresolved",
  /** A misspelt import name: renamed to the nearest export, with its uses in the file; a default import of a module with only named exports (the CommonJS habit) becomes a namespace import when the file uses it only as `x.name`. */
  IAC8008: "exportMissing",
} as const;

export type FixableCode = keyof typeof FIXES;

export function isFixableCode(code: string): code is FixableCode {
  return code in FIXES;
}

/**
 * Whether `iac fix` may have a fix for `d`, judged from the diagnostic alone
 * (the fix itself needs the source): its own structured fix, or a code
 * whose fixes the hint or message names.
 */
export function mayFix(d: Diagnostic): boolean {
  if (d.fix) return true;
  if (!isFixableCode(d.code) || !d.location) return false;
  switch (d.code) {
    case "IAC1003":
    case "IAC2002":
    case "IAC2003":
    case "IAC2004":
    case "IAC3003":
    case "IAC8007":
      return /did you mean "/.test(d.hint ?? "");
    case "IAC8008":
      return /did you mean "/.test(d.hint ?? "") || / has no default export$/.test(d.message);
    case "IAC3001":
    case "IAC4001":
      return true;
    default: {
      const never: never = d.code;
      return never;
    }
  }
}

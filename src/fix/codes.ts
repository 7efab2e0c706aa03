/** Diagnostic codes of `iac fix` (83xx: code that iac writes). */
export const FIX_CODES = {
  /** `--only` names a code `iac fix` has no fix for (error). */
  notFixable: "IAC8311",
  /** After the fixes were written, the analysis still reports a problem a fix was applied for (error: a bug in the fix). */
  stillReported: "IAC8312",
  /** Two fixes would change the same text: the second waits for the next run (info). */
  overlapping: "IAC8313",
} as const;

/**
 * Diagnostic codes of `iac eject` (83xx: code that iac writes). The app's
 * own errors come back with the analyzer's and iac.config's codes.
 */
export const EJECT_CODES = {
  /** The output folder holds files that an earlier eject did not write; nothing is overwritten (error). */
  outDirNotEmpty: "IAC8301",
  /** The output folder is the app's own folder, or inside its `.iac` (error). */
  outDirInvalid: "IAC8302",
  /** iac.config's stack or function hooks are in a file the ejected app cannot import (`.mjs`, `.mts`, `.cjs`): they are not run by it (warning). */
  hooksNotCarried: "IAC8303",
} as const;

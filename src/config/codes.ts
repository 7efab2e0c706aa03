/**
 * Diagnostic codes of iac.config (8xxx: CLI and config; 81xx here). Each
 * points at the config file, at the line that threw when it can be found.
 */
export const CONFIG_CODES = {
  /** esbuild could not compile the config (syntax error, missing import). */
  compileError: "IAC8101",
  /** The config module threw while loading. */
  loadError: "IAC8102",
  /** The config's shape or a setting is invalid. */
  invalid: "IAC8103",
  /** The `graph` hook threw. */
  graphHookFailed: "IAC8104",
  /** The `stack` hook threw. */
  stackHookFailed: "IAC8105",
  /** The `function` hook threw. */
  functionHookFailed: "IAC8106",
  /** The `validate` hook threw. */
  validateHookFailed: "IAC8107",
  /** The `graph` hook left a graph that is not valid (or settings out of range). */
  graphHookInvalid: "IAC8108",
  /** Default code of a `validate` hook finding. */
  validation: "IAC8110",
  /** `iac.app.json` (the app's pinned identity) is unreadable or invalid. */
  identityInvalid: "IAC8111",
  /** The app's identity was pinned in `iac.app.json` by this build (info). */
  identityPinned: "IAC8112",
  /** package.json names the app differently from its pinned identity, which stands (info). */
  identityKept: "IAC8113",
} as const;

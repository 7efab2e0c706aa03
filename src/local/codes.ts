/**
 * Diagnostic codes of the local instance and of the checks the command line
 * makes itself (82xx). A missing app folder or entry and an invalid stage
 * name keep the codes `iac build` gives them (IAC8001), and a package.json
 * that does not parse the analyzer's (IAC8006), so that one mistake has one
 * code in every command.
 */
export const LOCAL_CODES = {
  /** A value or a local file a command cannot use: a test path pattern that is not a regular expression, `--workers 0`, a data.json or `.iac/<stage>/params.json` that does not parse, an unknown template, a folder `iac init` may not write into, a port already in use, an `iac why` query that matches nothing (error). */
  input: "IAC8201",
} as const;

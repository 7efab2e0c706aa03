/**
 * `--format json`: every command that offers it prints exactly one JSON
 * document on stdout, an object whose `ok` says whether the command did
 * what it was asked; when it did not, `diagnostics` says why (the one
 * diagnostic shape, src/graph/diagnostics.ts). Progress and notes go to
 * stderr. The shape of each command's document is in docs/cli.md.
 */
import { LOCAL_CODES } from "../compiler";
import type { Diagnostic } from "../compiler";

export function writeJson(document: object): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** A plain user error (a bad value, a file that does not parse) as a diagnostic; `code` as the library chose it. */
export function userError(message: string, options: { code?: string; hint?: string } = {}): Diagnostic {
  return { code: options.code ?? LOCAL_CODES.input, severity: "error", message, ...(options.hint ? { hint: options.hint } : {}) };
}

/** The `--format` option, for commands that print JSON besides text. */
export const FORMAT_OPTION = {
  choices: ["text", "json"] as const,
  default: "text" as const,
  describe: "Output format (json: one document on stdout, see docs/cli.md)",
};

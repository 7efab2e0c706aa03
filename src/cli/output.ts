/** Shared printing for commands: diagnostics to stderr, rendered for people. */
import * as path from "path";
import type { Diagnostic } from "../compiler";
import { renderDiagnostics } from "./render/diagnostics";
import { styleFor } from "./render/style";

export function printDiagnostics(diagnostics: readonly Diagnostic[], appDir: string): void {
  if (diagnostics.length === 0) return;
  process.stderr.write(`${renderDiagnostics(diagnostics, path.resolve(appDir), styleFor(process.stderr))}\n`);
}

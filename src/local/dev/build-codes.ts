/**
 * A failed dev build, reported in `iac build`'s words. esbuild and the
 * analyzer both find a syntax error; `iac build` and `iac test` analyse
 * first, so they report it as the analyzer's IAC8002, and `iac dev` must
 * not call the same mistake IAC7001 (esbuild's bundling code). So when the
 * dev build fails, the app is analysed once (the analyzer, loaded on the
 * first failure only; not through the library, which loads this module
 * to start the dev server): files with a syntax error are reported
 * with the analyzer's diagnostics, and esbuild's errors in those files are
 * dropped; esbuild's other errors (an import it cannot resolve) stay.
 */
import * as path from "path";
import type { Diagnostic } from "../../graph";

const SYNTAX_ERROR = "IAC8002";

export async function inBuildTerms(appDir: string, bundleErrors: Diagnostic[]): Promise<Diagnostic[]> {
  const { analyzeApp } = await import("../../analyzer");
  const analysed = analyzeApp(path.resolve(appDir));
  const syntax = analysed.diagnostics.filter((d) => d.code === SYNTAX_ERROR);
  if (syntax.length === 0) return bundleErrors;
  const files = new Set(syntax.map((d) => d.location?.file));
  return [...syntax, ...bundleErrors.filter((d) => !files.has(d.location?.file))];
}

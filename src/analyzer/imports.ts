/**
 * IAC8008: a named or default import of an app module that does not export
 * that name. The binding is `undefined` at run time (a call through it
 * throws, a registration through it never happens), and the analyzer would
 * follow nothing behind it: an error at the import, with the nearest
 * exported name. Only where the exports are static (an ES module without
 * `export =` and without `export *` from a package); type-only imports are
 * left to the type checker.
 */
import ts = require("typescript");
import { nearestWord } from "../graph";
import type { ExtractContext } from "./context";
import type { Resolver } from "./resolve";
import { ANALYZER_CODES } from "./codes";

const { isImportDeclaration, isNamedImports, isStringLiteralLike } = ts;

export function checkImports(files: readonly ts.SourceFile[], resolver: Resolver, ctx: ExtractContext): void {
  for (const file of files) {
    for (const st of file.statements) {
      if (!isImportDeclaration(st) || !st.importClause || st.importClause.isTypeOnly || !isStringLiteralLike(st.moduleSpecifier)) continue;
      const target = resolver.module(st.moduleSpecifier.text, file);
      if (target.kind !== "module") continue;
      const names = resolver.staticExports(target.file);
      if (!names) continue;
      const wanted: { name: string; node: ts.Node }[] = [];
      if (st.importClause.name) wanted.push({ name: "default", node: st.importClause.name });
      const bindings = st.importClause.namedBindings;
      if (bindings && isNamedImports(bindings)) {
        for (const el of bindings.elements) if (!el.isTypeOnly) wanted.push({ name: (el.propertyName ?? el.name).text, node: el });
      }
      for (const { name, node } of wanted) {
        if (names.has(name)) continue;
        const nearest = nearestWord(
          name,
          [...names].filter((n) => n !== "default"),
        );
        ctx.report(
          ANALYZER_CODES.exportMissing,
          "error",
          node,
          name === "default" ? `"${st.moduleSpecifier.text}" has no default export` : `"${st.moduleSpecifier.text}" does not export "${name}"`,
          {
            hint: nearest ? `did you mean "${nearest}"?` : `it exports ${[...names].sort().join(", ") || "nothing"}`,
          },
        );
      }
    }
  }
}

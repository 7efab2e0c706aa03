/**
 * A module's exports by name, read from its statements: what the checker's
 * `getExportsOfModule` gave us, without binding the program.
 *
 * ES modules (and TypeScript with import/export syntax): exported
 * declarations, `export default`, `export =` (as `export=`), `export { a as
 * b }` (the specifier, resolved later by the resolver), `export * as ns`, and
 * `export * from` an app module (its names, except `default`, behind the
 * file's own). A CommonJS file has no such syntax: its `module.exports = ...`
 * and `exports.x = ...` assignments are the table.
 */
import ts = require("typescript");

const {
  canHaveModifiers,
  getModifiers,
  isBinaryExpression,
  isClassDeclaration,
  isEnumDeclaration,
  isExportAssignment,
  isExportDeclaration,
  isExpressionStatement,
  isExternalModule,
  isFunctionDeclaration,
  isIdentifier,
  isImportEqualsDeclaration,
  isInterfaceDeclaration,
  isModuleDeclaration,
  isNamespaceExport,
  isOmittedExpression,
  isPropertyAccessExpression,
  isStringLiteralLike,
  isTypeAliasDeclaration,
  isVariableStatement,
  SyntaxKind,
} = ts;

/** A declaration (resolved as a binding) or, for CommonJS assignments, the assigned expression. */
export type ExportEntry = { decl: ts.Declaration } | { expr: ts.Expression };

export type ExportTable = Map<string, ExportEntry>;

/** Resolves `export * from "<specifier>"` to an app file, if it is one. */
export type StarTarget = (specifier: string, from: ts.SourceFile) => ts.SourceFile | undefined;

export function readExports(file: ts.SourceFile, starTarget: StarTarget, visiting: Set<ts.SourceFile> = new Set()): ExportTable {
  if (!isExternalModule(file)) return commonJsExports(file);
  visiting.add(file);
  const own = ownExports(file);
  // `export =` makes the module that value: no other names are its exports.
  const whole = own.table.get("export=");
  if (whole) return new Map([["export=", whole]]);
  // A copy: the star exports below are this file's view, not the module's own names.
  const table = new Map(own.table);
  // Star exports, depth first in source order, each module's own names before those of its stars: what
  // reading each target's whole table and keeping the names not yet taken gives, without recursing once per
  // module of a chain (5,000 modules each `export *` from the next overflowed the stack).
  const stack: { from: ts.SourceFile; stars: string[]; next: number }[] = [{ from: file, stars: own.stars, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.stars.length) {
      stack.pop();
      continue;
    }
    const target = starTarget(top.stars[top.next++], top.from);
    if (!target || visiting.has(target) || !isExternalModule(target)) continue;
    visiting.add(target);
    const exports = ownExports(target);
    // A module whose value is `export =` has no names for `export *` (nor do its own stars).
    if (exports.table.has("export=")) continue;
    for (const [name, entry] of exports.table) {
      if (name !== "default" && name !== "export=" && !table.has(name)) table.set(name, entry);
    }
    stack.push({ from: target, stars: exports.stars, next: 0 });
  }
  return table;
}

const ownByFile = new WeakMap<ts.SourceFile, { table: ExportTable; stars: string[] }>();

/** An ES module's own exports (none through `export *`), and the specifiers of its `export *` declarations; read once per file. */
function ownExports(file: ts.SourceFile): { table: ExportTable; stars: string[] } {
  let own = ownByFile.get(file);
  if (!own) {
    own = readOwnExports(file);
    ownByFile.set(file, own);
  }
  return own;
}

function readOwnExports(file: ts.SourceFile): { table: ExportTable; stars: string[] } {
  const table: ExportTable = new Map();
  const set = (name: string, decl: ts.Declaration): void => {
    const had = table.get(name);
    // A value declaration wins over a type of the same name, as it is the merged symbol's value declaration.
    if (!had || ("decl" in had && isTypeOnly(had.decl) && !isTypeOnly(decl))) table.set(name, { decl });
  };
  const stars: string[] = [];
  for (const st of file.statements) {
    if (isExportAssignment(st)) {
      set(st.isExportEquals ? "export=" : "default", st);
    } else if (isExportDeclaration(st)) {
      const clause = st.exportClause;
      if (!clause) {
        if (st.moduleSpecifier && isStringLiteralLike(st.moduleSpecifier)) stars.push(st.moduleSpecifier.text);
      } else if (isNamespaceExport(clause)) {
        set(clause.name.text, clause);
      } else {
        for (const s of clause.elements) set(s.name.text, s);
      }
    } else if (hasModifier(st, SyntaxKind.ExportKeyword)) {
      const isDefault = hasModifier(st, SyntaxKind.DefaultKeyword);
      if (isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) setBinding(d.name, d, set);
      } else if (isFunctionDeclaration(st) || isClassDeclaration(st)) {
        if (isDefault) set("default", st);
        else if (st.name) set(st.name.text, st);
      } else if (isEnumDeclaration(st) || isInterfaceDeclaration(st) || isTypeAliasDeclaration(st) || isImportEqualsDeclaration(st)) {
        set(st.name.text, st);
      } else if (isModuleDeclaration(st) && isIdentifier(st.name)) {
        set(st.name.text, st);
      }
    }
  }
  return { table, stars };
}

function commonJsExports(file: ts.SourceFile): ExportTable {
  const table: ExportTable = new Map();
  for (const st of file.statements) {
    if (!isExpressionStatement(st) || !isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    if (isModuleExports(left)) table.set("export=", { expr: right });
    else if (isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (isIdentifier(left.expression) && left.expression.text === "exports"))) {
      table.set(left.name.text, { expr: right });
    }
  }
  return table;
}

function setBinding(name: ts.BindingName, decl: ts.VariableDeclaration | ts.BindingElement, set: (name: string, decl: ts.Declaration) => void): void {
  if (isIdentifier(name)) return set(name.text, decl);
  for (const el of name.elements) if (!isOmittedExpression(el)) setBinding(el.name, el, set);
}

function hasModifier(st: ts.Statement, kind: ts.SyntaxKind): boolean {
  return canHaveModifiers(st) && (getModifiers(st) ?? []).some((m) => m.kind === kind);
}

function isTypeOnly(decl: ts.Declaration): boolean {
  // A namespace merged with a function, class or enum of its name gives way to it (functions bind first).
  return isInterfaceDeclaration(decl) || isTypeAliasDeclaration(decl) || isModuleDeclaration(decl);
}

export function isModuleExports(e: ts.Expression): boolean {
  return isPropertyAccessExpression(e) && isIdentifier(e.expression) && e.expression.text === "module" && e.name.text === "exports";
}

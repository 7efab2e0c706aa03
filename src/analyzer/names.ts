/**
 * Names a file declares other than as parameters: imports, variables (and
 * destructured bindings), functions, classes, enums. Scope lookup never
 * leaves the file except for globals, so an identifier whose name is not
 * here resolves to a parameter, a global or nothing, and the resolver can
 * skip the checker for it (most identifiers are `req`, `res`, `JSON`).
 */
import ts from "typescript";

const cache = new WeakMap<ts.SourceFile, Set<string>>();

export function declaredNames(file: ts.SourceFile): Set<string> {
  const cached = cache.get(file);
  if (cached) return cached;
  const found = new Set<string>();
  const addName = (name: ts.BindingName | ts.Identifier | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) found.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addName(el.name);
  };
  // One switch per node: this walk touches every node of every file.
  const walk = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NumericLiteral:
        return;
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.ImportClause:
      case ts.SyntaxKind.NamespaceImport:
      case ts.SyntaxKind.ImportSpecifier:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassExpression:
        if (isNamed(node)) addName(node.name);
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
  cache.set(file, found);
  return found;
}

type Named = ts.VariableDeclaration | ts.ImportEqualsDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration | ts.ImportClause | ts.NamespaceImport | ts.ImportSpecifier | ts.FunctionExpression | ts.ClassExpression;

function isNamed(node: ts.Node): node is Named {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isImportEqualsDeclaration(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isImportClause(node) ||
    ts.isNamespaceImport(node) ||
    ts.isImportSpecifier(node) ||
    ts.isFunctionExpression(node) ||
    ts.isClassExpression(node)
  );
}

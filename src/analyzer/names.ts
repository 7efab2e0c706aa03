/**
 * One walk per parsed file that sets every node's `parent` (the parser is
 * asked not to, as its own pass is a walk of the same size) and collects the
 * names the file declares other than as parameters: imports, variables (and
 * destructured bindings), functions, classes, enums. Scope lookup never
 * leaves the file except for globals, so an identifier whose name is not
 * among them resolves to a parameter, a global or nothing, and the resolver
 * can skip scope lookup for it (most identifiers are `req`, `res`, `JSON`).
 */
import ts = require("typescript");

const cache = new WeakMap<ts.SourceFile, Set<string>>();

/** Sets parents and records the file's declared names; run once per file before anything reads `.parent`. */
export function bindFile(file: ts.SourceFile): Set<string> {
  const found = new Set<string>();
  names = found;
  parent = file;
  try {
    ts.forEachChild(file, visit);
  } finally {
    names = undefined;
  }
  cache.set(file, found);
  return found;
}

export function declaredNames(file: ts.SourceFile): Set<string> {
  return cache.get(file) ?? bindFile(file);
}

// The walk's state lives here rather than in closures: it visits every node
// of every file, and a closure per node was a measurable share of its cost.
let names: Set<string> | undefined;
let parent: ts.Node;

/** Kinds whose `name` the file declares, by kind number (one array read per node). */
const NAMED_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ImportClause,
  ts.SyntaxKind.NamespaceImport,
  ts.SyntaxKind.ImportSpecifier,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassExpression,
]) {
  NAMED_KINDS[kind] = 1;
}
const LAST_TOKEN = ts.SyntaxKind.LastToken;

function visit(node: ts.Node): void {
  (node as { parent: ts.Node }).parent = parent;
  // Tokens and identifiers have no children.
  if (node.kind <= LAST_TOKEN) return;
  if (NAMED_KINDS[node.kind] === 1) addName((node as Named).name);
  const saved = parent;
  parent = node;
  ts.forEachChild(node, visit);
  parent = saved;
}

function addName(name: ts.BindingName | ts.Identifier | undefined): void {
  if (!name) return;
  if (ts.isIdentifier(name)) names?.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addName(el.name);
}

type Named = ts.VariableDeclaration | ts.ImportEqualsDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration | ts.ImportClause | ts.NamespaceImport | ts.ImportSpecifier | ts.FunctionExpression | ts.ClassExpression;

/**
 * One walk per parsed file that sets every node's `parent` (the parser is
 * asked not to, as its own pass is a walk of the same size) and collects the
 * names the file declares other than as parameters: imports, variables (and
 * destructured bindings), functions, classes, enums. Scope lookup never
 * leaves the file except for globals, so an identifier whose name is not
 * among them resolves to a parameter, a global or nothing, and the resolver
 * can skip scope lookup for it (most identifiers are `req`, `res`, `JSON`).
 * It also counts every binding of each name (parameters too), so that a name
 * bound once, at module level, is found without walking scopes.
 */
import ts = require("typescript");
import { kindTable } from "./kinds";

const { forEachChild, isIdentifier, isOmittedExpression, SyntaxKind } = ts;

interface FileNames {
  /** Names bound other than as parameters. */
  declared: Set<string>;
  /** How many bindings each name has in the file, parameters included. */
  bindings: Map<string, number>;
}

const cache = new WeakMap<ts.SourceFile, FileNames>();

/**
 * How deep the analyzer's walkers go. They recurse, as TypeScript's own
 * `forEachChild` does; about 1,400 levels (a chain of that many `+` terms)
 * overflow the stack. A file nested deeper is not analysed: the caller
 * reports where (IAC8010). Hand-written code stays far below this.
 */
export const MAX_DEPTH = 1000;

/**
 * Sets parents and records the file's declared names; run once per file
 * before anything reads `.parent`. Returns the first node found deeper than
 * MAX_DEPTH, if any (the walk does not descend below it).
 */
export function bindFile(file: ts.SourceFile): ts.Node | undefined {
  return walkFile(file).tooDeep;
}

function walkFile(file: ts.SourceFile): { found: FileNames; tooDeep: ts.Node | undefined } {
  const found: FileNames = { declared: new Set(), bindings: new Map() };
  names = found;
  parent = file;
  depth = 0;
  tooDeep = undefined;
  try {
    forEachChild(file, visit);
  } finally {
    names = undefined;
  }
  cache.set(file, found);
  return { found, tooDeep };
}

function namesOf(file: ts.SourceFile): FileNames {
  return cache.get(file) ?? walkFile(file).found;
}

export function declaredNames(file: ts.SourceFile): Set<string> {
  return namesOf(file).declared;
}

/**
 * How many times the file binds `name` (declarations, imports, parameters,
 * catch variables, function and class expression names). With exactly one,
 * every reference in the file means that binding, wherever it stands.
 */
export function bindingCount(file: ts.SourceFile, name: string): number {
  return namesOf(file).bindings.get(name) ?? 0;
}

// The walk's state lives here rather than in closures: it visits every node
// of every file, and a closure per node was a measurable share of its cost.
let names: FileNames | undefined;
let parent: ts.Node;
let depth = 0;
let tooDeep: ts.Node | undefined;

/** Kinds whose `name` the file declares, by kind number (one array read per node). */
const NAMED_KINDS = kindTable([
  SyntaxKind.VariableDeclaration,
  SyntaxKind.ImportEqualsDeclaration,
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.ClassDeclaration,
  SyntaxKind.EnumDeclaration,
  SyntaxKind.ImportClause,
  SyntaxKind.NamespaceImport,
  SyntaxKind.ImportSpecifier,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ClassExpression,
  SyntaxKind.ModuleDeclaration,
]);
const LAST_TOKEN = SyntaxKind.LastToken;

function visit(node: ts.Node): void {
  (node as { parent: ts.Node }).parent = parent;
  // Tokens and identifiers have no children.
  if (node.kind <= LAST_TOKEN) return;
  if (NAMED_KINDS[node.kind] === 1) addName((node as Named).name, false);
  else if (node.kind === SyntaxKind.Parameter) addName((node as ts.ParameterDeclaration).name, true);
  if (depth >= MAX_DEPTH) {
    tooDeep ??= node;
    return;
  }
  const saved = parent;
  parent = node;
  depth++;
  forEachChild(node, visit);
  depth--;
  parent = saved;
}

function addName(name: ts.BindingName | ts.ModuleName | undefined, parameter: boolean): void {
  if (!name || !names) return;
  if (isIdentifier(name)) {
    if (!parameter) names.declared.add(name.text);
    names.bindings.set(name.text, (names.bindings.get(name.text) ?? 0) + 1);
  } else if ("elements" in name) {
    for (const el of name.elements) if (!isOmittedExpression(el)) addName(el.name, parameter);
  }
}

type Named =
  | ts.VariableDeclaration
  | ts.ImportEqualsDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportSpecifier
  | ts.FunctionExpression
  | ts.ClassExpression
  | ts.ModuleDeclaration;

/**
 * Where a text nests deepest, for a file TypeScript's own parser could not
 * parse (it recurses too, and a few hundred levels of some shapes, such as
 * nested `(() => {`, exhaust its stack before our MAX_DEPTH is reached). A
 * token scan, no tree: the first token at which brackets (`{ ( [ ${`) are
 * 256 deep, or as deep as they get; when they never nest much (a chain of
 * `!`, `=>` or `? :`), the start of the longest line, where such chains are
 * written. An offset into `text`, for a located diagnostic.
 */
export function nestingPoint(text: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const LIMIT = 256;
  const firstAt: number[] = [];
  const open: boolean[] = []; // true: a template's `${`
  let max = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      token === SyntaxKind.OpenBraceToken ||
      token === SyntaxKind.OpenParenToken ||
      token === SyntaxKind.OpenBracketToken ||
      token === SyntaxKind.TemplateHead
    ) {
      open.push(token === SyntaxKind.TemplateHead);
      if (open.length <= LIMIT && firstAt[open.length] === undefined) firstAt[open.length] = scanner.getTokenStart();
      max = Math.max(max, open.length);
    } else if (token === SyntaxKind.CloseBraceToken && open[open.length - 1] === true) {
      open.pop();
      if (scanner.reScanTemplateToken(false) === SyntaxKind.TemplateMiddle) open.push(true);
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseParenToken || token === SyntaxKind.CloseBracketToken) {
      open.pop();
    }
  }
  if (max >= 32) return firstAt[Math.min(max, LIMIT)];
  let best = 0;
  let bestLength = -1;
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > bestLength) {
      bestLength = end - start;
      best = start;
    }
    start = end + 1;
  }
  while (best < text.length && (text[best] === " " || text[best] === "\t")) best++;
  return best;
}

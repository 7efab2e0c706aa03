/**
 * The fix of each fixable diagnostic, computed from its code, location,
 * message and hint and the source at that location (ts-morph), for
 * diagnostics that do not carry one. Each fix is recomputed from the text
 * with the helper the analyzer used (normalizeRate/normalizeCron,
 * edit distance) or taken from the analyzer's own "did you mean", and only
 * when the source at the location is what the diagnostic describes: a
 * literal written in place, never a value computed elsewhere.
 */
import { Node, SyntaxKind, type NoSubstitutionTemplateLiteral, type SourceFile, type StringLiteral } from "ts-morph";
import { editDistance, normalizeCron, normalizeRate, type Diagnostic, type DiagnosticFix, type TextEdit } from "../graph";
import type { FixableCode } from "./kinds";

type Provider = (d: Diagnostic, file: SourceFile) => DiagnosticFix | undefined;

/** A string written in place: `"x"`, `'x'` or a template without substitutions. */
type Literal = StringLiteral | NoSubstitutionTemplateLiteral;

function isLiteral(n: Node): n is Literal {
  return Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n);
}

export const PROVIDERS: Record<FixableCode, Provider> = {
  IAC1003: (d, file) => {
    const lit = literalAt(d, file);
    if (!lit || lit.getLiteralValue().startsWith("/")) return undefined;
    return replaceLiteral(d, lit, `/${lit.getLiteralValue()}`);
  },
  IAC2002: (d, file) => {
    const lit = literalAt(d, file);
    const parsed = lit ? normalizeRate(lit.getLiteralValue()) : undefined;
    return lit && parsed && !parsed.ok && parsed.suggestion ? replaceLiteral(d, lit, parsed.suggestion) : undefined;
  },
  IAC2003: (d, file) => cronFix(d, file),
  IAC2004: (d, file) => cronFix(d, file),
  IAC3001: (d, file) => {
    const node = nodeAt(d, file);
    const name = /^"([^"]*)" is not a label/.exec(d.message)?.[1];
    const label = name === undefined ? undefined : nearestUnique(name, ["label1", "label2", "label3", "label4", "label5"], 2);
    if (!node || name === undefined || !label) return undefined;
    const lit = node.asKind(SyntaxKind.StringLiteral) ?? node.asKind(SyntaxKind.NoSubstitutionTemplateLiteral);
    if (lit && lit.getLiteralValue() === name) return replaceLiteral(d, lit, label);
    // A label key in set's options: `{ lable1: "status:open" }`.
    const prop = node.getFirstAncestorByKind(SyntaxKind.PropertyAssignment) ?? node.asKind(SyntaxKind.PropertyAssignment);
    const key = prop?.getNameNode();
    if (!key || !(Node.isIdentifier(key) || Node.isStringLiteral(key)) || (Node.isIdentifier(key) ? key.getText() : key.getLiteralValue()) !== name)
      return undefined;
    return {
      title: `rename label ${name} to ${label}`,
      edits: [edit(d, file, key.getStart(), key.getEnd(), Node.isIdentifier(key) ? label : quoted(key, label))],
    };
  },
  IAC3003: (d, file) => eventFix(d, file, /^"([^"]*)" is not a data event/, ["created", "updated", "deleted"]),
  IAC4001: (d, file) => eventFix(d, file, /^"([^"]*)" is not a storage event/, ["write", "remove"]),
  IAC8007: (d, file) => {
    const lit = literalAt(d, file);
    const suggestion = didYouMean(d);
    if (!lit || suggestion === undefined) return undefined;
    const old = lit.getLiteralValue();
    const ext = /\.[cm]?[jt]sx?$/.exec(old)?.[0];
    const next = ext && !/\.[cm]?[jt]sx?$/.test(suggestion) ? `${suggestion}${ext}` : suggestion;
    return replaceLiteral(d, lit, next);
  },
  IAC8008: (d, file) => importFix(d, file),
};

function cronFix(d: Diagnostic, file: SourceFile): DiagnosticFix | undefined {
  const lit = literalAt(d, file);
  const parsed = lit ? normalizeCron(lit.getLiteralValue()) : undefined;
  return lit && parsed && !parsed.ok && parsed.suggestion ? replaceLiteral(d, lit, parsed.suggestion) : undefined;
}

/** `data.on` / `storage.on`: the event before the first `:` of each literal spec that names the bad event. */
function eventFix(d: Diagnostic, file: SourceFile, pattern: RegExp, events: string[]): DiagnosticFix | undefined {
  const bad = pattern.exec(d.message)?.[1];
  const node = nodeAt(d, file);
  const near = bad === undefined ? undefined : nearestUnique(bad, events, 2);
  if (!node || bad === undefined || !near) return undefined;
  const literals = [node, ...node.getDescendants()].filter(isLiteral);
  const wrong = literals.filter((l) => l.getLiteralValue().split(":")[0] === bad);
  if (wrong.length === 1) return replaceLiteral(d, wrong[0], `${near}${wrong[0].getLiteralValue().slice(bad.length)}`);
  const edits = wrong.map((l) => edit(d, file, l.getStart(), l.getEnd(), quoted(l, `${near}${l.getLiteralValue().slice(bad.length)}`)));
  return edits.length > 0 ? { title: `replace event "${bad}" with "${near}"`, edits } : undefined;
}

function importFix(d: Diagnostic, file: SourceFile): DiagnosticFix | undefined {
  const node = nodeAt(d, file);
  if (!node) return undefined;
  const specifier = node.asKind(SyntaxKind.ImportSpecifier) ?? node.getFirstAncestorByKind(SyntaxKind.ImportSpecifier);
  const nearest = didYouMean(d);
  if (specifier && nearest !== undefined) {
    const alias = specifier.getAliasNode();
    const nameNode = specifier.getNameNode();
    if (alias) return { title: `import ${nearest} (not ${nameNode.getText()})`, edits: [edit(d, file, nameNode.getStart(), nameNode.getEnd(), nearest)] };
    // The local binding has the misspelt name too: rename it where the file uses it, unless a use
    // also names it to the outside (`{ x }` shorthand, `export { x }`), where the import keeps the old name as an alias.
    const old = nameNode.getText();
    const refs = Node.isIdentifier(nameNode) ? nameNode.findReferencesAsNodes().filter((r) => r.getSourceFile() === file && r !== nameNode) : [];
    const awkward = refs.some((r) => Node.isShorthandPropertyAssignment(r.getParent()) || Node.isExportSpecifier(r.getParent()));
    if (awkward) return { title: `import ${nearest} as ${old}`, edits: [edit(d, file, nameNode.getStart(), nameNode.getEnd(), `${nearest} as ${old}`)] };
    return {
      title: `rename ${old} to ${nearest}`,
      edits: [nameNode, ...refs].map((r) => edit(d, file, r.getStart(), r.getEnd(), nearest)),
    };
  }
  // `import x from "./m"` where ./m has only named exports: `import * as x`, when x is only ever `x.name`.
  const clause = node.asKind(SyntaxKind.ImportClause) ?? node.getFirstAncestorByKind(SyntaxKind.ImportClause);
  const ident = clause?.getDefaultImport();
  if (!clause || !ident || clause.getNamedBindings() !== undefined || clause.isTypeOnly() || !/ has no default export$/.test(d.message)) return undefined;
  const refs = ident.findReferencesAsNodes().filter((r) => r.getSourceFile() === file && r !== ident);
  if (refs.length === 0 || !refs.every((r) => Node.isPropertyAccessExpression(r.getParent()) && r.getParent()?.getChildAtIndex(0) === r)) return undefined;
  return {
    title: `import * as ${ident.getText()} (the module has no default export)`,
    edits: [edit(d, file, ident.getStart(), ident.getEnd(), `* as ${ident.getText()}`)],
  };
}

/** The analyzer's suggestion in its hint: `did you mean "x"?`. */
function didYouMean(d: Diagnostic): string | undefined {
  return /did you mean "([^"]*)"\?/.exec(d.hint ?? "")?.[1];
}

/**
 * The one candidate nearest to `word` (ignoring case) within `max` edits;
 * undefined when two are as near, since then there is no one right answer.
 */
export function nearestUnique(word: string, candidates: readonly string[], max: number): string | undefined {
  const scored = candidates.map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) })).filter((s) => s.d <= max && s.c !== word);
  const best = Math.min(...scored.map((s) => s.d));
  const at = scored.filter((s) => s.d === best);
  return at.length === 1 ? at[0].c : undefined;
}

/** The node a diagnostic points at: the innermost node that starts there. */
function nodeAt(d: Diagnostic, file: SourceFile): Node | undefined {
  if (!d.location) return undefined;
  const pos = positionOf(file, d.location.line, d.location.column);
  if (pos === undefined) return undefined;
  let node = file.getDescendantAtPos(pos);
  // Up to the outermost node that starts at the position (the literal, not its token; the specifier, not its name).
  while (node && node.getParent() && node.getParent()?.getStart() === pos && !Node.isSourceFile(node.getParent())) node = node.getParent();
  return node?.getStart() === pos ? node : undefined;
}

function literalAt(d: Diagnostic, file: SourceFile): Literal | undefined {
  const node = nodeAt(d, file);
  if (!node) return undefined;
  const lit = [node, ...node.getDescendants().slice(0, 1)].find(isLiteral);
  return lit && lit.getStart() === node.getStart() ? lit : undefined;
}

function replaceLiteral(d: Diagnostic, lit: Literal, value: string): DiagnosticFix {
  const file = lit.getSourceFile();
  return { title: `replace "${lit.getLiteralValue()}" with "${value}"`, edits: [edit(d, file, lit.getStart(), lit.getEnd(), quoted(lit, value))] };
}

/** `value` as a literal in the quotes `like` uses (', " or `). */
function quoted(like: Node, value: string): string {
  const q = like.getText()[0];
  if (q === "`") return `\`${value.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, "\\${")}\``;
  const body = JSON.stringify(value).slice(1, -1);
  return q === "'" ? `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : `"${body}"`;
}

function edit(d: Diagnostic, file: SourceFile, start: number, end: number, newText: string): TextEdit {
  const s = file.getLineAndColumnAtPos(start);
  const e = file.getLineAndColumnAtPos(end);
  return { file: d.location?.file ?? "", start: { line: s.line, column: s.column }, end: { line: e.line, column: e.column }, newText };
}

export function positionOf(file: SourceFile, line: number, column: number): number | undefined {
  const lineStarts = file.compilerNode.getLineStarts();
  const start = lineStarts[line - 1];
  if (start === undefined) return undefined;
  const pos = start + column - 1;
  return pos <= file.getEnd() ? pos : undefined;
}

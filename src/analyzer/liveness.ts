/**
 * Why an SDK use that no handler reaches over the call graph is not
 * reached: it is dead code (nothing live in the app refers to the function
 * that holds it), or live code refers to it in a way the call graph does
 * not follow (a function stored in an object picked by a computed key, a
 * method of a class whose instance reaches it through a value we cannot
 * type). Dead code is granted nothing; the other kind is granted to every
 * function, and the reference we could not follow is named.
 *
 * A function is referred to through what holds it: its own name (a
 * declaration, or the variable or export it is assigned to), the object
 * literal or class it is a member of (a class method also by its own name:
 * one named nowhere is never called), or, for a function written where it
 * is used (a callback, a default export), the code around it. A reference
 * counts only when it stands in live code, so a helper called only by dead
 * code is dead too: liveness spreads from the units the call graph reaches
 * (and every module's top level) through references, to a fixpoint. Built
 * only when some use is not reached, from one walk of the app.
 */
import ts = require("typescript");
import { isModuleExports } from "./exports";
import { type FunctionLike, isFunctionLike, skipOuter } from "./syntax";
import type { ScanResult, UnitNode } from "./scan";

const {
  canHaveModifiers,
  forEachChild,
  getModifiers,
  isArrowFunction,
  isBinaryExpression,
  isClassDeclaration,
  isClassExpression,
  isClassLike,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isMethodDeclaration,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isSourceFile,
  isVariableDeclaration,
  SyntaxKind,
} = ts;

export type Liveness =
  /** Live code refers to it at `reference`, in a way the call graph does not follow. */
  | { kind: "referenced"; reference: ts.Node }
  /** Nothing live refers to it. */
  | { kind: "dead" };

/** What holds a function: names it is referred to by, or the unit it is written in. */
interface NameHolder {
  name: string;
  declaration: ts.Node;
  member?: { name: string; declaration: ts.Node };
}
type Holder = NameHolder | { unit: UnitNode; at: ts.Node };

export class LivenessIndex {
  /** Live units, each with the node that makes it live. */
  private readonly referenced = new Map<UnitNode, ts.Node>();

  constructor(files: readonly ts.SourceFile[], scan: ScanResult, live: ReadonlySet<UnitNode>) {
    // Identifiers by the unit they stand in: what a unit refers to once it is live.
    const namesIn = new Map<UnitNode, ts.Identifier[]>();
    const walk = (node: ts.Node, unit: UnitNode): void => {
      if (isIdentifier(node)) {
        const list = namesIn.get(unit);
        if (list) list.push(node);
        else namesIn.set(unit, [node]);
        return;
      }
      const inner = isFunctionLike(node) && scan.units.has(node) ? node : unit;
      forEachChild(node, (c) => walk(c, inner));
    };
    for (const file of files) walk(file, file);

    // Units not yet live, by what would make them live.
    const byName = new Map<string, { unit: FunctionLike; holder: NameHolder }[]>();
    const byMember = new Map<string, { unit: FunctionLike; member: { name: string; declaration: ts.Node } }[]>();
    const byUnit = new Map<UnitNode, { unit: FunctionLike; at: ts.Node }[]>();
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const unit of scan.units.keys()) {
      if (isSourceFile(unit) || live.has(unit)) continue;
      const holder = holderOf(unit, scan);
      if ("unit" in holder) push(byUnit, holder.unit, { unit, at: holder.at });
      else {
        push(byName, holder.name, { unit, holder });
        if (holder.member) push(byMember, holder.member.name, { unit, member: holder.member });
      }
    }

    // A class method needs both its class and its own name referred to.
    const holderSeen = new Map<FunctionLike, ts.Node>();
    const memberSeen = new Set<FunctionLike>();
    const queue: UnitNode[] = [];
    const mark = (unit: UnitNode, reference: ts.Node): void => {
      if (this.referenced.has(unit)) return;
      this.referenced.set(unit, reference);
      queue.push(unit);
    };
    for (const file of files) mark(file, file);
    for (const unit of live) mark(unit, unit);
    for (let i = 0; i < queue.length; i++) {
      const unit = queue[i];
      for (const child of byUnit.get(unit) ?? []) mark(child.unit, child.at);
      for (const id of namesIn.get(unit) ?? []) {
        for (const { unit: target, holder } of byName.get(id.text) ?? []) {
          if (id === holder.declaration || holderSeen.has(target)) continue;
          holderSeen.set(target, id);
          if (!holder.member || memberSeen.has(target)) mark(target, id);
        }
        for (const { unit: target, member } of byMember.get(id.text) ?? []) {
          if (id === member.declaration || memberSeen.has(target)) continue;
          memberSeen.add(target);
          const seen = holderSeen.get(target);
          if (seen) mark(target, seen);
        }
      }
    }
  }

  of(unit: UnitNode): Liveness {
    const reference = this.referenced.get(unit);
    return reference ? { kind: "referenced", reference } : { kind: "dead" };
  }
}

function holderOf(fn: FunctionLike, scan: ScanResult): Holder {
  const around = (): Holder => ({ unit: scan.parents.get(fn) ?? fn.getSourceFile(), at: fn });
  if (isFunctionDeclaration(fn)) {
    // A default export is imported under any name: live as its module is.
    return fn.name && !isDefaultExport(fn) ? { name: fn.name.text, declaration: fn.name } : around();
  }
  if (isClassLike(fn.parent)) {
    const cls = fn.parent;
    const binding = classBinding(cls);
    if (!binding) return around();
    const member = fn.name && isIdentifier(fn.name) && fn.kind !== SyntaxKind.Constructor ? { name: fn.name.text, declaration: fn.name } : undefined;
    if (binding === "module") return member ? { name: member.name, declaration: member.declaration } : around();
    return { ...binding, ...(member ? { member } : {}) };
  }
  if (!isFunctionExpression(fn) && !isArrowFunction(fn) && !isMethodDeclaration(fn)) return around();
  const slot = slotOf(fn);
  const owner = isMethodDeclaration(fn) ? fn.parent : isPropertyAssignment(slot) || isShorthandPropertyAssignment(slot) ? slot.parent : undefined;
  if (owner && isObjectLiteralExpression(owner)) return objectHolder(owner, scan) ?? around();
  return valueHolder(fn, slot) ?? around();
}

/** Where a value stands, past parentheses and type assertions. */
function slotOf(node: ts.Node): ts.Node {
  let value: ts.Node = node;
  while (value.parent && skipOuter(value.parent as ts.Expression) !== value.parent) value = value.parent;
  return value.parent;
}

/** A value stored in a variable or assigned to a name (`exports.f = ...`); `module.exports = ...` is its module's. */
function valueHolder(value: ts.Node, slot: ts.Node): Holder | undefined {
  if (isVariableDeclaration(slot) && isIdentifier(slot.name)) return { name: slot.name.text, declaration: slot.name };
  if (isBinaryExpression(slot) && slot.operatorToken.kind === SyntaxKind.EqualsToken && skipOuter(slot.right) === value) {
    const target = skipOuter(slot.left);
    if (isModuleExports(target)) return undefined;
    const name = isIdentifier(target) ? target : isPropertyAccessExpression(target) ? target.name : undefined;
    if (name) return { name: name.text, declaration: name };
  }
  return undefined;
}

/** An object literal is referred to through what holds it; one handed on, returned or exported is live as the code around it. */
function objectHolder(obj: ts.ObjectLiteralExpression, scan: ScanResult): Holder | undefined {
  const slot = slotOf(obj);
  if (isPropertyAssignment(slot) && isObjectLiteralExpression(slot.parent)) return objectHolder(slot.parent, scan);
  const named = valueHolder(obj, slot);
  if (named) return named;
  for (let n = obj.parent; n; n = n.parent) {
    if (isSourceFile(n) || (isFunctionLike(n) && scan.units.has(n))) return { unit: n, at: obj };
  }
  return undefined;
}

/** The name a class is referred to by; `"module"` for a default export (imported under any name). */
function classBinding(cls: ts.ClassLikeDeclaration): { name: string; declaration: ts.Node } | "module" | undefined {
  if (isClassDeclaration(cls) && isDefaultExport(cls)) return "module";
  if ((isClassDeclaration(cls) || isClassExpression(cls)) && cls.name) return { name: cls.name.text, declaration: cls.name };
  const holder = valueHolder(cls, slotOf(cls));
  if (holder && "name" in holder) return { name: holder.name, declaration: holder.declaration };
  return isBinaryExpression(slotOf(cls)) ? "module" : undefined;
}

function isDefaultExport(node: ts.Node): boolean {
  return canHaveModifiers(node) && (getModifiers(node) ?? []).some((m) => m.kind === SyntaxKind.DefaultKeyword);
}

/**
 * Why an SDK use that no handler reaches over the call graph is not
 * reached: it is dead code (nothing in the app refers to the function that
 * holds it), or the code refers to it in a way the call graph does not
 * follow (a function stored in an object picked by a computed key, a class
 * whose instance reaches it through a value we cannot type). Dead code is
 * granted nothing; the other kind is granted to every function, and the
 * reference we could not follow is named.
 *
 * A function is referred to through what holds it: its own name (a
 * declaration, or the variable it initialises), the object literal or class
 * it is a member of, or, for an anonymous function (a callback), the
 * function it is written in. A reference counts only when it stands in code
 * that is itself live, so a helper called only by dead code is dead too.
 * Built only when some use is not reached, from one walk of the app's
 * identifiers.
 */
import ts = require("typescript");
import { type FunctionLike, isFunctionLike, skipOuter } from "./resolve";
import type { ScanResult, UnitNode } from "./scan";

const { forEachChild, isArrowFunction, isBinaryExpression, isClassDeclaration, isClassExpression, isClassLike, isFunctionDeclaration, isFunctionExpression, isIdentifier, isMethodDeclaration, isObjectLiteralExpression, isPropertyAssignment, isShorthandPropertyAssignment, isSourceFile, isVariableDeclaration, SyntaxKind } = ts;

export type Liveness =
  /** Some live code refers to it (at `reference`), in a way the call graph does not follow. */
  | { kind: "referenced"; reference: ts.Node }
  /** Nothing live refers to it. */
  | { kind: "dead" };

/** What holds a function: a name it is referred to by, or the unit it is written in. */
type Holder = { name: string; declaration: ts.Node; member?: string } | { unit: UnitNode; at: ts.Node };

export class LivenessIndex {
  private readonly occurrences = new Map<string, ts.Identifier[]>();
  private readonly memo = new Map<UnitNode, Liveness>();
  private readonly visiting = new Set<UnitNode>();

  constructor(
    files: readonly ts.SourceFile[],
    private readonly scan: ScanResult,
    /** Units the call graph reaches from a handler or from start-up. */
    private readonly live: ReadonlySet<UnitNode>,
  ) {
    const add = (id: ts.Identifier): void => {
      const list = this.occurrences.get(id.text);
      if (list) list.push(id);
      else this.occurrences.set(id.text, [id]);
    };
    const walk = (node: ts.Node): void => {
      if (isIdentifier(node)) add(node);
      else forEachChild(node, walk);
    };
    for (const file of files) walk(file);
  }

  of(unit: UnitNode): Liveness {
    const known = this.memo.get(unit);
    if (known) return known;
    if (isSourceFile(unit) || this.live.has(unit)) return { kind: "referenced", reference: unit };
    // A cycle (a function that refers to itself, two that refer to each other): not live through itself.
    if (this.visiting.has(unit)) return { kind: "dead" };
    this.visiting.add(unit);
    const found = this.compute(unit);
    this.visiting.delete(unit);
    this.memo.set(unit, found);
    return found;
  }

  private compute(fn: FunctionLike): Liveness {
    const holder = this.holderOf(fn);
    if ("unit" in holder) {
      const around = this.of(holder.unit);
      return around.kind === "referenced" ? { kind: "referenced", reference: holder.at } : around;
    }
    const reference = this.liveReference(holder.name, holder.declaration);
    if (!reference) return { kind: "dead" };
    // A class method is called by its name; one named nowhere else is never called.
    if (holder.member !== undefined && !this.liveReference(holder.member, fn.name ?? fn)) return { kind: "dead" };
    return { kind: "referenced", reference };
  }

  /** An occurrence of `name` in live code other than the declaration itself. */
  private liveReference(name: string, declaration: ts.Node): ts.Node | undefined {
    for (const id of this.occurrences.get(name) ?? []) {
      if (id === declaration || id.parent === declaration) continue;
      const unit = this.enclosingUnit(id);
      if (this.of(unit).kind === "referenced") return id;
    }
    return undefined;
  }

  private enclosingUnit(node: ts.Node): UnitNode {
    for (let n = node.parent; n; n = n.parent) {
      if (isFunctionLike(n) && this.scan.units.has(n)) return n;
      if (isSourceFile(n)) return n;
    }
    return node.getSourceFile();
  }

  private holderOf(fn: FunctionLike): Holder {
    const parentUnit = (): Holder => ({ unit: this.scan.parents.get(fn) ?? fn.getSourceFile(), at: fn });
    if (isFunctionDeclaration(fn)) return fn.name ? { name: fn.name.text, declaration: fn.name } : parentUnit();
    if (isClassLike(fn.parent)) {
      const cls = fn.parent;
      const className = classBinding(cls);
      if (!className) return parentUnit();
      const member = fn.name && isIdentifier(fn.name) && fn.kind !== SyntaxKind.Constructor ? fn.name.text : undefined;
      return { ...className, ...(member !== undefined ? { member } : {}) };
    }
    // A function written as a value: named by what it is stored in.
    let value: ts.Node = fn;
    while (value.parent && skipOuter(value.parent as ts.Expression) !== value.parent) value = value.parent;
    const slot = value.parent;
    if (isFunctionExpression(fn) || isArrowFunction(fn) || isMethodDeclaration(fn)) {
      const owner = isMethodDeclaration(fn) ? fn.parent : isPropertyAssignment(slot) || isShorthandPropertyAssignment(slot) ? slot.parent : undefined;
      if (owner && isObjectLiteralExpression(owner)) return this.objectHolder(owner) ?? parentUnit();
      if (isVariableDeclaration(slot) && isIdentifier(slot.name)) return { name: slot.name.text, declaration: slot.name };
      if (isBinaryExpression(slot) && slot.operatorToken.kind === SyntaxKind.EqualsToken && slot.right === value) {
        // `exports.f = () => ...`, `obj.f = ...`: referred to through the name it is assigned to.
        const target = skipOuter(slot.left);
        const name = isIdentifier(target) ? target : ts.isPropertyAccessExpression(target) ? target.name : undefined;
        if (name) return { name: name.text, declaration: name };
      }
    }
    return parentUnit();
  }

  /** An object literal is referred to through the variable (or outer object) that holds it. */
  private objectHolder(obj: ts.ObjectLiteralExpression): Holder | undefined {
    let value: ts.Node = obj;
    while (value.parent && skipOuter(value.parent as ts.Expression) !== value.parent) value = value.parent;
    const slot = value.parent;
    if (isVariableDeclaration(slot) && isIdentifier(slot.name)) return { name: slot.name.text, declaration: slot.name };
    if (isPropertyAssignment(slot) && isObjectLiteralExpression(slot.parent)) return this.objectHolder(slot.parent);
    // Handed to a call, returned, exported: live as the code around it is.
    for (let n = obj.parent; n; n = n.parent) {
      if (isSourceFile(n) || (isFunctionLike(n) && this.scan.units.has(n))) return { unit: n, at: obj };
    }
    return undefined;
  }
}

function classBinding(cls: ts.ClassLikeDeclaration): { name: string; declaration: ts.Node } | undefined {
  if ((isClassDeclaration(cls) || isClassExpression(cls)) && cls.name) return { name: cls.name.text, declaration: cls.name };
  const slot = cls.parent;
  if (isVariableDeclaration(slot) && isIdentifier(slot.name)) return { name: slot.name.text, declaration: slot.name };
  return undefined;
}

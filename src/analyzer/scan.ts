/**
 * One walk over every app file. It finds each SDK call and read (by the
 * symbol its callee resolves to) and builds the call graph: units are
 * function-likes plus each file's top level; edges are calls, callbacks
 * passed to calls, and functions nested in a unit (a closure defined in a
 * function is assumed to run on its behalf).
 *
 * Functions written inside a registration's arguments (`api.get("/", (req,
 * res) => ...)`) are not edges of the code around them: they run when the
 * registration fires, so they are roots of that handler instead.
 *
 * An SDK interface used as a value (`new NoteRepo(data)`,
 * `registerRoutes(api)`, `this.store = storage`), a method taken off it
 * (`api.post.bind(api)`, `api.put.call(...)`) or called by a computed name
 * (`api[method](...)`) is an `escape` site: the calls made through it cannot
 * be followed, so the pipeline infers what they could need (see index.ts)
 * and says so.
 */
import ts = require("typescript");
import { isModuleExports } from "./exports";
import type { CallerIndex, Invocation, Ref, Resolver } from "./resolve";
import { type FunctionLike, isFunctionLike, requireSpecifier, skipOuter } from "./syntax";

const {
  forEachChild,
  isArrayLiteralExpression,
  isArrowFunction,
  isAsExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isConstructorDeclaration,
  isElementAccessExpression,
  isExportAssignment,
  isExpressionStatement,
  isFunctionExpression,
  isIdentifier,
  isNewExpression,
  isNumericLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isSatisfiesExpression,
  isShorthandPropertyAssignment,
  isStringLiteralLike,
  isVariableDeclaration,
  SyntaxKind,
} = ts;

export type UnitNode = FunctionLike | ts.SourceFile;

const LAST_TOKEN = SyntaxKind.LastToken;
const FIRST_TYPE_NODE = SyntaxKind.FirstTypeNode;
const LAST_TYPE_NODE = SyntaxKind.LastTypeNode;

export interface SdkSite {
  kind: "call" | "read" | "escape";
  /** CallExpression for calls; PropertyAccess, ElementAccess or BindingElement for reads; the expression that hands the interface on for escapes. */
  node: ts.Node;
  /** `["data", "get"]`; a computed read (`params[x]`) has `"[]"` as its last element; an escape is `["data"]`, a method taken off it `["api", "post"]` (computed: `["api", "[]"]`), or `[]` for the whole SDK (`cloud`). */
  path: readonly string[];
  unit: UnitNode;
}

export interface Edge {
  target: FunctionLike;
  /** The call site (or the nested function) that makes the edge. */
  at: ts.Node;
}

export interface Unit {
  node: UnitNode;
  edges: Edge[];
  sites: SdkSite[];
}

export interface ScanResult {
  /** In file order, then source order. */
  sites: SdkSite[];
  units: Map<UnitNode, Unit>;
  /** Calls of app functions (and `new` of app classes: their constructor): what the order walk descends into. */
  calls: Map<Invocation, FunctionLike>;
  sdkCalls: Map<ts.CallExpression, SdkSite>;
  /** The unit that encloses each function-like. */
  parents: Map<FunctionLike, UnitNode>;
  /**
   * Some call hands an app function something its parameter could be bound
   * to (the SDK, an app object, instance, class or function): a scan with
   * the caller index would follow more (see index.ts `scanWithValueFlow`).
   */
  passesValues: boolean;
}

export type IsRegistration = (path: readonly string[]) => boolean;

export function scanFiles(files: readonly ts.SourceFile[], resolver: Resolver, isRegistration: IsRegistration): ScanResult {
  const result: ScanResult = { sites: [], units: new Map(), calls: new Map(), sdkCalls: new Map(), parents: new Map(), passesValues: false };

  const unitOf = (node: UnitNode): Unit => {
    let u = result.units.get(node);
    if (!u) {
      u = { node, edges: [], sites: [] };
      result.units.set(node, u);
    }
    return u;
  };

  const addSite = (site: SdkSite): void => {
    result.sites.push(site);
    unitOf(site.unit).sites.push(site);
  };

  const callableOf = (ref: Ref): FunctionLike | undefined => resolver.callable(ref);

  // Children are visited through one callback and this state, not a closure per node.
  let currentUnit: UnitNode | undefined;
  let currentRegistration = false;
  const visitChild = (c: ts.Node): void => {
    // Tokens and identifiers have no children and are never a site; types hold no calls.
    const kind = c.kind;
    if (kind <= LAST_TOKEN || (kind >= FIRST_TYPE_NODE && kind <= LAST_TYPE_NODE)) return;
    visit(c, currentUnit as UnitNode, currentRegistration);
  };
  const descend = (node: ts.Node, unit: UnitNode, registration: boolean): void => {
    const savedUnit = currentUnit;
    const savedRegistration = currentRegistration;
    currentUnit = unit;
    currentRegistration = registration;
    forEachChild(node, visitChild);
    currentUnit = savedUnit;
    currentRegistration = savedRegistration;
  };

  /** `registration`: inside the arguments of a registration call, where nested functions are roots, not edges. */
  const visit = (node: ts.Node, unit: UnitNode, registration: boolean): void => {
    if (isFunctionLike(node)) {
      result.parents.set(node, unit);
      unitOf(node);
      if (!registration && isCallback(node)) unitOf(unit).edges.push({ target: node, at: node });
      descend(node, node, false);
      return;
    }
    if (isCallExpression(node)) {
      visitCall(node, unit, registration);
      return;
    }
    if (isNewExpression(node)) {
      const cls = resolver.expression(node.expression);
      const ctor = cls.kind === "class" ? resolver.constructorOf(cls.node) : undefined;
      noteArguments(node, ctor, unit);
      if (ctor) {
        result.calls.set(node, ctor);
        if (!registration) unitOf(unit).edges.push({ target: ctor, at: node });
      }
    } else if (isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken && !isExportTarget(node.left) && !isConstructorField(node)) {
      noteEscape(node.right, unit, 0);
    }
    if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
      const parent = node.parent;
      const isCallee = isCallExpression(parent) && parent.expression === node;
      if (!isCallee) {
        const obj = resolver.expression(node.expression);
        if (obj.kind === "sdk" && obj.path.length === 1) {
          const name = isPropertyAccessExpression(node) ? node.name.text : literalKey(node.argumentExpression);
          // Params are values; any other interface's member read rather than called is a method
          // taken off it (`api.post.bind(api)`, `fns.push(data.get)`): calls through it cannot be followed.
          addSite({ kind: obj.path[0] === "params" ? "read" : "escape", node, path: [obj.path[0], name ?? "[]"], unit });
        }
      }
    } else if (isVariableDeclaration(node) && isObjectBindingPattern(node.name) && node.initializer) {
      visitPattern(node.name, unit);
    }
    descend(node, unit, registration);
  };

  const visitPattern = (pattern: ts.ObjectBindingPattern, unit: UnitNode): void => {
    const source = resolver.patternSource(pattern);
    if (source.kind !== "sdk" || source.path.length !== 1) return;
    for (const el of pattern.elements) {
      const key = el.propertyName ?? el.name;
      const name = el.dotDotDotToken ? "[]" : isIdentifier(key) || isStringLiteralLike(key) ? key.text : "[]";
      addSite({ kind: "read", node: el, path: [source.path[0], name], unit });
    }
  };

  const visitCall = (call: ts.CallExpression, unit: UnitNode, registration: boolean): void => {
    const callee = resolver.expression(call.expression);
    if (callee.kind === "sdk" && callee.path.length >= 2) {
      const site: SdkSite = { kind: "call", node: call, path: callee.path, unit };
      addSite(site);
      result.sdkCalls.set(call, site);
      const reg = isRegistration(callee.path);
      visit(call.expression, unit, registration);
      for (const arg of call.arguments) visit(arg, unit, registration || reg);
      return;
    }
    const target =
      requireSpecifier(call) !== undefined ? undefined : call.expression.kind === SyntaxKind.SuperKeyword ? superConstructor(call) : callableOf(callee);
    noteArguments(call, target, unit);
    // A computed member called (`api[method](...)`, `data[op](key)`): which operation is not static.
    const calleeNode = skipOuter(call.expression);
    if (isElementAccessExpression(calleeNode) && literalKey(calleeNode.argumentExpression) === undefined) {
      const obj = resolver.expression(calleeNode.expression);
      if (obj.kind === "sdk" && obj.path.length === 1 && obj.path[0] !== "params")
        addSite({ kind: "escape", node: calleeNode, path: [obj.path[0], "[]"], unit });
    }
    if (target) {
      result.calls.set(call, target);
      if (!registration) unitOf(unit).edges.push({ target, at: call });
    }
    if (!registration) {
      // A function passed to a call is assumed to be called by it (`items.map(load)`).
      for (const arg of call.arguments) {
        const a = skipOuter(arg);
        if (isIdentifier(a) || isPropertyAccessExpression(a)) {
          const fn = callableOf(resolver.expression(a));
          if (fn) unitOf(unit).edges.push({ target: fn, at: arg });
        }
      }
    }
    descend(call, unit, registration);
  };

  const superConstructor = (call: ts.CallExpression): FunctionLike | undefined => {
    const base = resolver.baseClassOf(call);
    return base ? resolver.constructorOf(base) : undefined;
  };

  /**
   * The arguments of a call or `new`: one that lands in a parameter of the
   * app function it runs is followed there (the resolver binds the
   * parameter to it, see resolve.ts `parameter`); any other is handed on.
   */
  const noteArguments = (call: Invocation, target: FunctionLike | undefined, unit: UnitNode): void => {
    const args = call.arguments ?? [];
    for (let i = 0; i < args.length; i++) {
      const param = target?.parameters[i];
      if (param && !param.dotDotDotToken && resolver.parameter(param).kind !== "unknown") continue;
      const passed = noteEscape(args[i], unit, 0);
      if (param && passed) result.passesValues = true;
    }
  };

  /** An SDK interface (or the whole SDK) handed on as a value: directly, or inside an object or array literal. */
  /** Returns whether the expression holds something a parameter could be bound to (see `passesValues`). */
  const noteEscape = (expr: ts.Expression, unit: UnitNode, depth: number): boolean => {
    const e = skipOuter(expr);
    let passed = false;
    if (isObjectLiteralExpression(e) && depth < 2) {
      for (const p of e.properties) {
        if (isPropertyAssignment(p)) passed = noteEscape(p.initializer, unit, depth + 1) || passed;
        else if (isShorthandPropertyAssignment(p)) passed = noteEscape(p.name, unit, depth + 1) || passed;
      }
      return passed;
    }
    if (isArrayLiteralExpression(e) && depth < 2) {
      for (const el of e.elements) passed = noteEscape(el, unit, depth + 1) || passed;
      return passed;
    }
    if (isNewExpression(e)) return true;
    if (!isIdentifier(e) && !isPropertyAccessExpression(e)) return false;
    // A module whose `module.exports` is the SDK (`module.exports = require("iac")`) is the SDK.
    const ref = resolver.moduleValue(resolver.expression(e));
    if (ref.kind === "sdk" && ref.path.length <= 1) addSite({ kind: "escape", node: e, path: ref.path, unit });
    return ref.kind !== "unknown" && ref.kind !== "value" && ref.kind !== "external";
  };

  for (const file of files) {
    unitOf(file);
    descend(file, file, false);
  }
  return result;
}

/** `this.db = db` as a statement of a constructor's body: the resolver reads it as the instance's field (resolve.ts `constructorField`). */
function isConstructorField(assignment: ts.BinaryExpression): boolean {
  const target = skipOuter(assignment.left);
  if (!isPropertyAccessExpression(target) || target.expression.kind !== SyntaxKind.ThisKeyword) return false;
  const statement = assignment.parent;
  return isExpressionStatement(statement) && isBlock(statement.parent) && isConstructorDeclaration(statement.parent.parent);
}

/** Who calls each app function, from a scan: what the next scan's resolver binds parameters to. */
export function callerIndex(scan: ScanResult): CallerIndex {
  const index = new Map<FunctionLike, Invocation[]>();
  for (const [call, fn] of scan.calls) {
    const list = index.get(fn);
    if (list) list.push(call);
    else index.set(fn, [call]);
  }
  return index;
}

/** `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...`: exporting the SDK is re-exporting it (resolve.ts follows that), not handing it to code. */
function isExportTarget(target: ts.Expression): boolean {
  for (let e = skipOuter(target); ; e = skipOuter(e.expression)) {
    if (isModuleExports(e) || (isIdentifier(e) && e.text === "exports")) return true;
    if (!isPropertyAccessExpression(e) && !isElementAccessExpression(e)) return false;
  }
}

function literalKey(arg: ts.Expression): string | undefined {
  const a = skipOuter(arg);
  return isStringLiteralLike(a) || isNumericLiteral(a) ? a.text : undefined;
}

/**
 * A function written where it is handed to someone (`items.map(x => ...)`),
 * as opposed to one being named or stored (`const f = () => ...`,
 * `{ load() {} }`), which only runs when something refers to it.
 */
function isCallback(fn: FunctionLike): boolean {
  if (!isFunctionExpression(fn) && !isArrowFunction(fn)) return false;
  let child: ts.Node = fn;
  let parent = fn.parent;
  while (isParenthesizedExpression(parent) || isAsExpression(parent) || isSatisfiesExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (isVariableDeclaration(parent) || isPropertyAssignment(parent) || isExportAssignment(parent) || isPropertyDeclaration(parent)) return false;
  if (isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken && parent.right === child) return false;
  return true;
}

/**
 * What an expression refers to, by symbol, never by text: the SDK (or one of
 * its interfaces or methods), an app module's namespace, an app function, an
 * object or array literal, or an export of an npm package.
 *
 * Identifiers are resolved by our own scope lookup (scope.ts) and module
 * exports read from syntax (exports.ts), so the program is never bound;
 * property chains (`cloud.api.get`) are followed here, so a local
 * `./lib/data` module named `data` never passes for the SDK. Every
 * declaration is resolved once and cached.
 */
import * as path from "path";
import ts = require("typescript");
import { type ExportEntry, type ExportTable, readExports } from "./exports";
import { declaredNames } from "./names";
import { absolutePath } from "./paths";
import type { AppProgram } from "./program";
import { Scopes } from "./scope";
import { SDK_EXPORTS, SDK_MODULES } from "./sdk";
import { type FunctionLike, isFunctionLike, requireSpecifier, skipOuter } from "./syntax";

const {
  canHaveModifiers,
  getCombinedNodeFlags,
  getModifiers,
  isArrowFunction,
  isClassDeclaration,
  isClassLike,
  isConstructorDeclaration,
  isGetAccessorDeclaration,
  isPropertyDeclaration,
  isSetAccessorDeclaration,
  isArrayLiteralExpression,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isCallExpression,
  isClassElement,
  isClassExpression,
  isElementAccessExpression,
  isEnumMember,
  isExportAssignment,
  isExportDeclaration,
  isExportSpecifier,
  isExternalModule,
  isExternalModuleReference,
  isFunctionExpression,
  isIdentifier,
  isImportClause,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isImportSpecifier,
  isMethodDeclaration,
  isNamespaceExport,
  isNamespaceImport,
  isNewExpression,
  isParameter,
  isReturnStatement,
  isBlock,
  isExpressionStatement,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isPartOfTypeNode,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isSourceFile,
  isSpreadAssignment,
  isStringLiteralLike,
  isTypeQueryNode,
  isVariableDeclaration,
  NodeFlags,
  SyntaxKind,
} = ts;

export type Ref =
  /** `[]` is the SDK module (or its default `cloud` export); `["data", "get"]` a method. */
  | { kind: "sdk"; path: readonly string[] }
  | { kind: "module"; file: ts.SourceFile }
  | { kind: "function"; node: FunctionLike }
  /**
   * `viaParameter`: reached through a parameter bound to what its callers
   * pass. Calls and code reached through it are followed, but the literals
   * in it are not static facts (a caller we cannot see may pass another
   * object), so no value is read out of it.
   */
  | { kind: "object"; node: ts.ObjectLiteralExpression; viaParameter?: true }
  | { kind: "array"; node: ts.ArrayLiteralExpression; viaParameter?: true }
  /** Something from an npm package: `express` is `{ module: "express", path: [] }`, `express()` adds `"()"`. */
  | { kind: "external"; module: string; path: readonly string[] }
  /** A TypeScript namespace (`namespace Store { export const db = data }`): its exported members. */
  | { kind: "namespace"; node: ts.ModuleDeclaration }
  /** A class; `new` of it is an instance, whose methods the call graph follows (`repo.list()`). */
  | { kind: "class"; node: ts.ClassLikeDeclaration }
  | { kind: "instance"; node: ts.ClassLikeDeclaration }
  /** Any other expression a `const` stands for (a string, a number, a template): for static evaluation. */
  | { kind: "value"; node: ts.Expression }
  | { kind: "unknown" };

const UNKNOWN: Ref = { kind: "unknown" };

/** A call or `new` of an app function, by the function it runs: where its parameters' values come from. */
export type CallerIndex = ReadonlyMap<FunctionLike, readonly Invocation[]>;
export type Invocation = ts.CallExpression | ts.NewExpression;

export class Resolver {
  private readonly byDeclaration = new Map<ts.Declaration, Ref>();
  private readonly inProgress = new Set<ts.Declaration>();
  /** Files whose `export *` chain is being followed (cycles between modules are legal). */
  private depth = 0;
  private readonly starVisiting = new Set<ts.SourceFile>();
  private readonly exportsByFile = new Map<ts.SourceFile, ExportTable>();
  private readonly scopes: Scopes;

  /**
   * `callers`: every call of each app function found by an earlier scan. With
   * it, a parameter stands for what its callers pass (`registerRoutes(api)`,
   * `makeRepo(data, "user")`, `new Repo(data)`); without it, parameters are
   * unknown.
   */
  constructor(
    private readonly program: AppProgram,
    private readonly modules: ReadonlyMap<string, string>,
    private readonly callers?: CallerIndex,
  ) {
    this.scopes = new Scopes(program.getCompilerOptions().alwaysStrict !== false);
    for (const fn of callers?.keys() ?? []) for (const p of fn.parameters) addBindingNames(p.name, this.parameterNames);
  }

  /** Names of the parameters the caller index can bind: the only parameters worth a scope lookup. */
  private readonly parameterNames = new Set<string>();

  /** The module a specifier in `from` names. */
  module(specifier: string, from: ts.SourceFile): Ref {
    if (SDK_MODULES.has(specifier)) return { kind: "sdk", path: [] };
    const target = this.modules.get(`${absolutePath(from.fileName)}\0${specifier}`);
    const file = target ? this.program.getSourceFile(target) : undefined;
    if (file) return { kind: "module", file };
    if (!specifier.startsWith(".") && !path.isAbsolute(specifier)) return { kind: "external", module: packageName(specifier), path: [] };
    return UNKNOWN;
  }

  expression(node: ts.Expression): Ref {
    // Spreads and aliases can form cycles (`const a = { ...b }, b = { ...a }`): bound the depth.
    if (this.depth > 48) return UNKNOWN;
    this.depth++;
    try {
      return this.expressionUnguarded(node);
    } finally {
      this.depth--;
    }
  }

  private expressionUnguarded(node: ts.Expression): Ref {
    const e = skipOuter(node);
    if (isIdentifier(e)) return this.identifier(e);
    if (isPropertyAccessExpression(e)) return this.member(this.expression(e.expression), e.name.text);
    if (isElementAccessExpression(e)) {
      const arg = skipOuter(e.argumentExpression);
      return isStringLiteralLike(arg) ? this.member(this.expression(e.expression), arg.text) : UNKNOWN;
    }
    if (isFunctionLike(e)) return { kind: "function", node: e };
    if (isObjectLiteralExpression(e)) return { kind: "object", node: e };
    if (isArrayLiteralExpression(e)) return { kind: "array", node: e };
    if (isClassExpression(e)) return { kind: "class", node: e };
    if (e.kind === SyntaxKind.ThisKeyword) return this.thisOf(e);
    const spec = requireSpecifier(e);
    if (spec !== undefined) return this.module(spec, e.getSourceFile());
    if (isNewExpression(e)) {
      const callee = this.expression(e.expression);
      if (callee.kind === "class") return { kind: "instance", node: callee.node };
      return callee.kind === "external" ? { ...callee, path: [...callee.path, "()"] } : UNKNOWN;
    }
    if (isCallExpression(e)) {
      if (requireSpecifier(e) !== undefined) return UNKNOWN;
      const callee = this.expression(e.expression);
      // An npm value keeps meaning through a call (`express()` is an Express app); an app
      // function's call is what it returns (`makeRepo(data, "user")` is the object it builds).
      if (callee.kind === "external") return { ...callee, path: [...callee.path, "()"] };
      const fn = this.callable(callee);
      return fn ? this.returned(fn) : UNKNOWN;
    }
    if (isAwaitExpression(e)) {
      // `await import("./x")` is that module's namespace.
      const inner = skipOuter(e.expression);
      const arg = isCallExpression(inner) && inner.expression.kind === SyntaxKind.ImportKeyword ? inner.arguments[0] : undefined;
      if (arg && isStringLiteralLike(arg)) return this.module(arg.text, e.getSourceFile());
      return this.expression(e.expression);
    }
    return { kind: "value", node: e };
  }

  identifier(id: ts.Identifier): Ref {
    // Most identifiers are parameters and globals (`req`, `res`, `JSON`); they can never be the SDK
    // or an app function, and skipping the checker for them halves the scan.
    const file = id.getSourceFile();
    if (!declaredNames(file).has(id.text) && !this.parameterNames.has(id.text)) return UNKNOWN;
    const decl = this.declarationOf(id, file);
    return decl ? this.declared(decl) : UNKNOWN;
  }

  /**
   * The declaration an identifier names, as the checker's symbol lookup found
   * it: scope lookup for references (a `{ api }` shorthand names the variable);
   * a declaration's own name is that declaration (the first of its name in an
   * object literal or scope, like a merged symbol); types name no value.
   */
  private declarationOf(id: ts.Identifier, file: ts.SourceFile = id.getSourceFile()): ts.Declaration | undefined {
    const parent = id.parent;
    if (isPropertyAssignment(parent) && parent.name === id && isObjectLiteralExpression(parent.parent)) {
      return parent.parent.properties.find((p) => p.name !== undefined && (isIdentifier(p.name) || isStringLiteralLike(p.name)) && p.name.text === id.text);
    }
    if (isPropertyAccessExpression(parent) && parent.name === id) return undefined;
    if (isFunctionExpression(parent) || isClassExpression(parent)) {
      if (parent.name === id) return parent;
    } else if ((isClassElement(parent) || isEnumMember(parent)) && parent.name === id) {
      // A class or enum member's own name: the member itself.
      return parent;
    }
    if (isPartOfTypeNode(id) && !isTypeQueryNode(parent)) return undefined;
    return this.scopes.lookup(id.text, id, file);
  }

  /** What a declaration binds; each declaration resolved once. */
  private declared(decl: ts.Declaration): Ref {
    const cached = this.byDeclaration.get(decl);
    if (cached) return cached;
    if (this.inProgress.has(decl)) return UNKNOWN;
    this.inProgress.add(decl);
    const ref = this.declaration(decl);
    this.inProgress.delete(decl);
    this.byDeclaration.set(decl, ref);
    return ref;
  }

  /** A member of what `ref` refers to: `sdk[]`.`api` → `sdk[api]`; a module's export; an object's property. */
  member(ref: Ref, name: string): Ref {
    switch (ref.kind) {
      case "sdk":
        if (ref.path.length === 0) {
          // The default export is the `cloud` object, which holds every interface.
          if (name === "default") return ref;
          if (!SDK_EXPORTS.has(name)) return UNKNOWN;
        }
        return { kind: "sdk", path: [...ref.path, name] };
      case "module":
        return this.exportOf(ref.file, name);
      case "object":
        return ref.viaParameter ? throughParameter(this.property(ref.node, name)) : this.property(ref.node, name);
      case "external":
        return ref.path.length === 0 && name === "default" ? ref : { kind: "external", module: ref.module, path: [...ref.path, name] };
      case "namespace":
        return this.namespaceMember(ref.node, name);
      case "class":
        return this.classMember(ref.node, name, true, 0);
      case "instance":
        return this.classMember(ref.node, name, false, 0);
      case "function":
      case "array":
      case "value":
      case "unknown":
        return UNKNOWN;
      default: {
        const never: never = ref;
        throw new Error(`unhandled ref ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * The `const x = ...` an expression names, through imports and
   * `module.exports = x`: where an Express app is created, say.
   */
  variableOf(expr: ts.Expression, depth = 0): ts.VariableDeclaration | undefined {
    const e = skipOuter(expr);
    if (depth > 8) return undefined;
    if (isIdentifier(e)) {
      if (!declaredNames(e.getSourceFile()).has(e.text)) return undefined;
      const decl = this.declarationOf(e);
      if (decl && isVariableDeclaration(decl)) {
        const init = decl.initializer && skipOuter(decl.initializer);
        const spec = init ? requireSpecifier(init) : undefined;
        if (spec === undefined) return decl;
        const mod = this.module(spec, decl.getSourceFile());
        return mod.kind === "module" ? this.exportedVariable(mod.file, "export=", depth) : undefined;
      }
      if (decl && (isImportClause(decl) || isImportSpecifier(decl))) {
        const importDecl = isImportClause(decl) ? decl.parent : decl.parent.parent.parent;
        const mod = isImportDeclaration(importDecl) ? this.importModule(importDecl) : UNKNOWN;
        const name = isImportClause(decl) ? "default" : (decl.propertyName ?? decl.name).text;
        return mod.kind === "module" ? (this.exportedVariable(mod.file, name, depth) ?? this.exportedVariable(mod.file, "export=", depth)) : undefined;
      }
    }
    const spec = requireSpecifier(e);
    if (spec !== undefined) {
      const mod = this.module(spec, e.getSourceFile());
      return mod.kind === "module" ? this.exportedVariable(mod.file, "export=", depth) : undefined;
    }
    return undefined;
  }

  private exportedVariable(file: ts.SourceFile, name: string, depth: number): ts.VariableDeclaration | undefined {
    this.exportOf(file, name);
    const entry = this.exportsByFile.get(file)?.get(name);
    if (!entry) return undefined;
    if ("decl" in entry) {
      const { decl } = entry;
      if (isVariableDeclaration(decl)) return decl;
      if (isExportAssignment(decl)) return this.variableOf(decl.expression, depth + 1);
      return undefined;
    }
    return this.variableOf(entry.expr, depth + 1);
  }

  /** What a CommonJS module's `module.exports = ...` holds, for a module ref; other refs unchanged. */
  moduleValue(ref: Ref): Ref {
    if (ref.kind !== "module") return ref;
    const whole = this.exportOf(ref.file, "export=");
    return whole.kind === "unknown" ? ref : whole;
  }

  /** The function a call to `ref` runs: the function itself, or a module whose `module.exports` is one. */
  callable(ref: Ref): FunctionLike | undefined {
    if (ref.kind === "function") return ref.node;
    if (ref.kind === "module") {
      const whole = this.exportOf(ref.file, "export=");
      return whole.kind === "function" ? whole.node : undefined;
    }
    return undefined;
  }

  private property(obj: ts.ObjectLiteralExpression, name: string): Ref {
    // Last one wins, as at run time.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (isSpreadAssignment(p)) {
        if (this.depth > 48) return UNKNOWN;
        this.depth++;
        const spread = this.member(this.expression(p.expression), name);
        this.depth--;
        if (spread.kind !== "unknown") return spread;
        continue;
      }
      const key = p.name && (isIdentifier(p.name) || isStringLiteralLike(p.name)) ? p.name.text : undefined;
      if (key !== name) continue;
      if (isPropertyAssignment(p)) return this.expression(p.initializer);
      if (isShorthandPropertyAssignment(p)) return this.identifier(p.name);
      if (isMethodDeclaration(p)) return { kind: "function", node: p };
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  /**
   * The names an app module surely exports, or undefined when that is not
   * static: a CommonJS module (interop), `export =`, or an `export *` from
   * something other than an app ES module (a package, the SDK).
   */
  staticExports(file: ts.SourceFile, visiting: Set<ts.SourceFile> = new Set()): ReadonlySet<string> | undefined {
    if (this.staticExportsByFile.has(file)) return this.staticExportsByFile.get(file);
    // A star chain longer than any export is followed through: not checked.
    if (visiting.size >= Resolver.MAX_EXPORT_HOPS) return undefined;
    const found = this.readStaticExports(file, visiting);
    this.staticExportsByFile.set(file, found);
    return found;
  }

  private readonly staticExportsByFile = new Map<ts.SourceFile, ReadonlySet<string> | undefined>();

  private readStaticExports(file: ts.SourceFile, visiting: Set<ts.SourceFile>): ReadonlySet<string> | undefined {
    if (!isExternalModule(file)) return undefined;
    visiting.add(file);
    const table = this.exportTable(file);
    if (table.has("export=")) return undefined;
    for (const st of file.statements) {
      if (!isExportDeclaration(st) || st.exportClause || !st.moduleSpecifier || !isStringLiteralLike(st.moduleSpecifier)) continue;
      const target = this.module(st.moduleSpecifier.text, file);
      if (target.kind !== "module") return undefined;
      // A cycle of star exports adds no names of its own.
      if (!visiting.has(target.file) && this.staticExports(target.file, visiting) === undefined) return undefined;
    }
    return new Set(table.keys());
  }

  private exportTable(file: ts.SourceFile): ExportTable {
    let table = this.exportsByFile.get(file);
    if (!table) {
      table = readExports(file, (specifier, from) => {
        const target = this.module(specifier, from);
        return target.kind === "module" ? target.file : undefined;
      });
      this.exportsByFile.set(file, table);
    }
    return table;
  }

  /**
   * A method (or a property holding a function) of a class, static or of
   * its instances, looked up the prototype chain through `extends` (a few
   * levels; a computed base is not followed).
   */
  private classMember(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean, depth: number): Ref {
    for (const m of cls.members) {
      if (!m.name || !(isIdentifier(m.name) || isStringLiteralLike(m.name)) || m.name.text !== name) continue;
      if (hasStatic(m) !== isStatic) continue;
      if (isMethodDeclaration(m)) return { kind: "function", node: m };
      if (isPropertyDeclaration(m) && m.initializer) return this.expression(m.initializer);
      if (!isPropertyDeclaration(m)) return UNKNOWN;
    }
    if (!isStatic) {
      const assigned = this.constructorField(cls, name);
      if (assigned) return assigned;
    }
    const parent = depth < 8 ? this.superclass(cls) : undefined;
    return parent ? this.classMember(parent, name, isStatic, depth + 1) : UNKNOWN;
  }

  /**
   * An instance field the constructor sets: a parameter property
   * (`constructor(private db: Data)`) or a top-level `this.db = db` of its
   * body (the last one wins, as at run time).
   */
  private constructorField(cls: ts.ClassLikeDeclaration, name: string): Ref | undefined {
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => isConstructorDeclaration(m));
    if (!ctor) return undefined;
    for (const p of ctor.parameters) {
      if (isIdentifier(p.name) && p.name.text === name && (getModifiers(p) ?? []).length > 0) return this.parameter(p);
    }
    const statements = ctor.body?.statements ?? [];
    for (let i = statements.length - 1; i >= 0; i--) {
      const st = statements[i];
      if (!isExpressionStatement(st) || !isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
      const target = skipOuter(st.expression.left);
      if (isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword && target.name.text === name)
        return this.expression(st.expression.right);
    }
    return undefined;
  }

  /** An exported member of a namespace (`N.db`; `namespace A.B` nests one in another). */
  private namespaceMember(ns: ts.ModuleDeclaration, name: string): Ref {
    const body = ns.body;
    if (!body) return UNKNOWN;
    if (ts.isModuleDeclaration(body)) return isIdentifier(body.name) && body.name.text === name ? { kind: "namespace", node: body } : UNKNOWN;
    if (!ts.isModuleBlock(body)) return UNKNOWN;
    for (const st of body.statements) {
      if (!(getModifiers(st as ts.HasModifiers) ?? []).some((m) => m.kind === SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(st)) {
        const decl = st.declarationList.declarations.find((d) => isIdentifier(d.name) && d.name.text === name);
        if (decl) return this.declared(decl);
      } else if (
        (ts.isFunctionDeclaration(st) || isClassDeclaration(st) || ts.isModuleDeclaration(st)) &&
        st.name &&
        isIdentifier(st.name) &&
        st.name.text === name
      ) {
        return this.declared(st);
      }
    }
    return UNKNOWN;
  }

  /** `this` in a class's method, constructor or property initializer: the instance (statics: the class); elsewhere unknown. */
  private thisOf(node: ts.Node): Ref {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      // An arrow function keeps the `this` around it; any other function has its own.
      if (isArrowFunction(n)) continue;
      if (
        isClassLike(n.parent) &&
        (isMethodDeclaration(n) || isConstructorDeclaration(n) || isPropertyDeclaration(n) || isGetAccessorDeclaration(n) || isSetAccessorDeclaration(n))
      ) {
        return hasStatic(n) ? { kind: "class", node: n.parent } : { kind: "instance", node: n.parent };
      }
      if (isFunctionLike(n) || isSourceFile(n)) return UNKNOWN;
    }
    return UNKNOWN;
  }

  /**
   * Modules an export is followed through at most (`export { x } from`,
   * `export *`, `module.exports = require(...)` chains). Real apps re-export
   * through a handful; a longer chain is cut, and where is reported
   * (`tooDeep`), so the walk cannot overflow the stack.
   */
  static readonly MAX_EXPORT_HOPS = 200;
  private hops = 0;
  /** Where an export chain was cut at MAX_EXPORT_HOPS, once per module. */
  readonly tooDeep = new Set<ts.SourceFile>();

  private exportOf(file: ts.SourceFile, name: string): Ref {
    if (this.hops >= Resolver.MAX_EXPORT_HOPS) {
      this.tooDeep.add(file);
      return UNKNOWN;
    }
    this.hops++;
    try {
      return this.exportOfUnguarded(file, name);
    } finally {
      this.hops--;
    }
  }

  private exportOfUnguarded(file: ts.SourceFile, name: string): Ref {
    const table = this.exportTable(file);
    const entry = table.get(name);
    if (entry) return this.entry(entry);
    if (name !== "export=") {
      const whole = table.get("export=");
      if (whole) {
        const ref = this.member(this.entry(whole), name);
        if (ref.kind !== "unknown") return ref;
      }
    }
    // `export * from "iac"` (the SDK is no file of the program) and CommonJS targets: follow star exports by hand.
    // A star export never carries a module's default export or its `module.exports` as a whole.
    if (name === "default" || name === "export=") return UNKNOWN;
    for (const st of file.statements) {
      if (isExportDeclaration(st) && !st.exportClause && st.moduleSpecifier && isStringLiteralLike(st.moduleSpecifier)) {
        const target = this.module(st.moduleSpecifier.text, file);
        if (target.kind === "sdk") return this.member(target, name);
        if (target.kind === "module" && !this.starVisiting.has(target.file)) {
          this.starVisiting.add(file);
          const ref = this.exportOf(target.file, name);
          this.starVisiting.delete(file);
          if (ref.kind !== "unknown") return ref;
        }
      }
    }
    return UNKNOWN;
  }

  private entry(entry: ExportEntry): Ref {
    return "decl" in entry ? this.declared(entry.decl) : this.expression(entry.expr);
  }

  private declaration(decl: ts.Declaration): Ref {
    if (isFunctionLike(decl)) return { kind: "function", node: decl };
    if (ts.isModuleDeclaration(decl)) return { kind: "namespace", node: decl };
    if (isClassDeclaration(decl) || isClassExpression(decl)) return { kind: "class", node: decl };
    if (isVariableDeclaration(decl)) {
      if (!decl.initializer) return UNKNOWN;
      if (!isIdentifier(decl.name)) return UNKNOWN;
      const ref = this.expression(decl.initializer);
      // A `let` may be reassigned: its literal value is only a guess, so it is not static.
      return ref.kind === "value" && !(getCombinedNodeFlags(decl) & NodeFlags.Const) ? UNKNOWN : ref;
    }
    if (isBindingElement(decl)) return this.bindingElement(decl);
    if (isParameter(decl)) return isIdentifier(decl.name) ? this.parameter(decl) : UNKNOWN;
    if (isImportSpecifier(decl)) {
      const from = this.importModule(decl.parent.parent.parent);
      return this.member(from, (decl.propertyName ?? decl.name).text);
    }
    if (isImportClause(decl)) return this.member(this.importModule(decl.parent), "default");
    if (isNamespaceImport(decl)) return this.importModule(decl.parent.parent);
    if (isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (isExternalModuleReference(ref)) return isStringLiteralLike(ref.expression) ? this.module(ref.expression.text, decl.getSourceFile()) : UNKNOWN;
      // `import api = sdk.api`: an alias of an entity name.
      return this.entityName(ref);
    }
    if (isExportSpecifier(decl)) {
      const exportDecl = decl.parent.parent;
      if (exportDecl.moduleSpecifier && isStringLiteralLike(exportDecl.moduleSpecifier)) {
        return this.member(this.module(exportDecl.moduleSpecifier.text, decl.getSourceFile()), (decl.propertyName ?? decl.name).text);
      }
      const local = this.scopes.lookup((decl.propertyName ?? decl.name).text, decl);
      return local ? this.declared(local) : UNKNOWN;
    }
    if (isNamespaceExport(decl)) {
      const exportDecl = decl.parent;
      return exportDecl.moduleSpecifier && isStringLiteralLike(exportDecl.moduleSpecifier)
        ? this.module(exportDecl.moduleSpecifier.text, decl.getSourceFile())
        : UNKNOWN;
    }
    if (isExportAssignment(decl)) return this.expression(decl.expression);
    if (isShorthandPropertyAssignment(decl)) return this.identifier(decl.name);
    if (isPropertyAssignment(decl)) return this.expression(decl.initializer);
    // CommonJS in JS files: `module.exports = x`, `exports.setup = x`, `module.exports.setup = x`.
    if (isBinaryExpression(decl)) return this.expression(decl.right);
    if ((isPropertyAccessExpression(decl) || isElementAccessExpression(decl)) && isBinaryExpression(decl.parent) && decl.parent.left === decl) {
      return this.expression(decl.parent.right);
    }
    if (isSourceFile(decl)) return { kind: "module", file: decl };
    return UNKNOWN;
  }

  private entityName(name: ts.EntityName): Ref {
    return isIdentifier(name) ? this.identifier(name) : this.member(this.entityName(name.left), name.right.text);
  }

  private importModule(decl: ts.ImportDeclaration | ts.JSDocImportTag): Ref {
    return isStringLiteralLike(decl.moduleSpecifier) ? this.module(decl.moduleSpecifier.text, decl.getSourceFile()) : UNKNOWN;
  }

  /** `const { api, data: d } = require("iac")`, nested patterns included. */
  private bindingElement(el: ts.BindingElement): Ref {
    if (el.dotDotDotToken) return UNKNOWN;
    const pattern = el.parent;
    if (!isObjectBindingPattern(pattern)) return UNKNOWN;
    const key = el.propertyName ?? el.name;
    const name = isIdentifier(key) || isStringLiteralLike(key) ? key.text : undefined;
    if (name === undefined) return UNKNOWN;
    return this.member(this.patternSource(pattern), name);
  }

  /** What an object binding pattern destructures. */
  patternSource(pattern: ts.ObjectBindingPattern): Ref {
    const owner = pattern.parent;
    if (isVariableDeclaration(owner)) return owner.initializer ? this.expression(owner.initializer) : UNKNOWN;
    if (isBindingElement(owner)) return this.bindingElement(owner);
    if (isParameter(owner)) return this.parameter(owner);
    return UNKNOWN;
  }

  /**
   * What a parameter holds: the one value its callers pass at its position
   * (the caller index is the app's whole program, so this is a static fact).
   * Callers that pass something we cannot resolve do not hide the one we
   * can: calls through the parameter are then those of that value, which is
   * what the graph needs. Literals are never bound (`makeRepo(data,
   * "user")`'s prefix stays unknown): a caller we cannot see (the function
   * handed to a library) may pass another, and a key prefix read from it
   * would narrow a permission. A default value stands for an omitted
   * argument.
   */
  parameter(param: ts.ParameterDeclaration): Ref {
    const fn = param.parent;
    if (!this.callers || param.dotDotDotToken || !isFunctionLike(fn)) return UNKNOWN;
    const calls = this.callers.get(fn);
    if (!calls || calls.length === 0) return UNKNOWN;
    const index = fn.parameters.indexOf(param);
    const found: Ref[] = [];
    for (const call of calls) {
      const args = call.arguments ?? [];
      // A spread before or at this position hides which argument lands here.
      if (args.slice(0, index + 1).some((a) => a.kind === SyntaxKind.SpreadElement)) return UNKNOWN;
      const arg = args[index] ?? param.initializer;
      const ref = arg ? this.expression(arg) : UNKNOWN;
      if (ref.kind !== "unknown" && !found.some((f) => sameRef(f, ref))) found.push(ref);
    }
    return found.length === 1 ? throughParameter(found[0]) : UNKNOWN;
  }

  /** What a function returns when every `return` (or its expression body) agrees on one value. */
  private returned(fn: FunctionLike): Ref {
    const cached = this.returns.get(fn);
    if (cached) return cached;
    // A recursive function's call inside its own body: unknown while it is being read.
    this.returns.set(fn, UNKNOWN);
    const ref = this.readReturned(fn);
    this.returns.set(fn, ref);
    return ref;
  }

  private readonly returns = new Map<FunctionLike, Ref>();

  private readReturned(fn: FunctionLike): Ref {
    if (!fn.body) return UNKNOWN;
    if (!isBlock(fn.body)) return this.expression(fn.body);
    let result: Ref | undefined;
    const visit = (node: ts.Node): boolean => {
      if (isFunctionLike(node) || isClassLike(node)) return true;
      if (isReturnStatement(node)) {
        const ref = node.expression ? this.expression(node.expression) : UNKNOWN;
        if (ref.kind === "unknown" || (result && !sameRef(result, ref))) return false;
        result = ref;
        return true;
      }
      return ts.forEachChild(node, (c) => (visit(c) ? undefined : true)) === undefined;
    };
    return visit(fn.body) && result ? result : UNKNOWN;
  }

  /** The constructor `new` of a class runs: its own, else the nearest inherited one. */
  constructorOf(cls: ts.ClassLikeDeclaration, depth = 0): ts.ConstructorDeclaration | undefined {
    const own = cls.members.find((m): m is ts.ConstructorDeclaration => isConstructorDeclaration(m) && m.body !== undefined);
    if (own) return own;
    const parent = depth < 8 ? this.superclass(cls) : undefined;
    return parent ? this.constructorOf(parent, depth + 1) : undefined;
  }

  /** The app class a class `extends` (a computed or npm base is not followed). */
  private superclass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
    const base = cls.heritageClauses?.find((h) => h.token === SyntaxKind.ExtendsKeyword)?.types[0];
    const parent = base ? this.expression(base.expression) : UNKNOWN;
    return parent.kind === "class" ? parent.node : undefined;
  }

  /** The class whose `super(...)` a constructor calls. */
  baseClassOf(node: ts.Node): ts.ClassLikeDeclaration | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (isClassLike(n)) return this.superclass(n);
    }
    return undefined;
  }
}

function addBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBindingNames(el.name, into);
}

/** A value as seen through a parameter: code and SDK members pass; literals are not static there (see `Ref`). */
function throughParameter(ref: Ref): Ref {
  if (ref.kind === "value") return UNKNOWN;
  if (ref.kind === "object" || ref.kind === "array") return { ...ref, viaParameter: true };
  return ref;
}

/** The same value: one SDK member, one module, one declaration or literal. */
export function sameRef(a: Ref, b: Ref): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "sdk":
      return b.kind === "sdk" && a.path.join(".") === b.path.join(".");
    case "external":
      return b.kind === "external" && a.module === b.module && a.path.join(".") === b.path.join(".");
    case "module":
      return b.kind === "module" && a.file === b.file;
    case "value":
      return b.kind === "value" && (a.node === b.node || (isStringLiteralLike(a.node) && isStringLiteralLike(b.node) && a.node.text === b.node.text));
    case "unknown":
      return false;
    default:
      return "node" in b && a.node === b.node;
  }
}

/** `lodash/fp` → `lodash`, `@scope/pkg/x` → `@scope/pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function hasStatic(node: ts.Node): boolean {
  return canHaveModifiers(node) && (getModifiers(node) ?? []).some((m) => m.kind === SyntaxKind.StaticKeyword);
}

/**
 * Registration order, as the app would run: starting at the entry, each
 * imported module's top level first (ESM hoists imports; CommonJS `require`
 * runs where it stands), then the top-level statements in order, stepping
 * into every app function they call (`setup(api)`) and into callbacks passed
 * to calls (`routes.forEach(r => api.get(...))`). Express gives the first
 * matching route the request, so this order is part of the app's meaning.
 *
 * Registrations the walk never reaches (inside a function nobody calls at
 * start-up) come back separately; the caller appends them in source order.
 */
import ts = require("typescript");
import { type FunctionLike, isFunctionLike, type Resolver, requireSpecifier, skipOuter } from "./resolve";
import type { IsRegistration, ScanResult, SdkSite } from "./scan";

const { forEachChild, isCallExpression, isClassDeclaration, isClassExpression, isExportDeclaration, isImportDeclaration, isNewExpression, isStringLiteralLike } = ts;

export interface Ordered {
  reached: SdkSite[];
  unreached: SdkSite[];
}

export function registrationOrder(entry: ts.SourceFile, scan: ScanResult, resolver: Resolver, isRegistration: IsRegistration): Ordered {
  const seenModules = new Set<ts.SourceFile>();
  const entered = new Set<FunctionLike>();
  const reached: SdkSite[] = [];
  const reachedSet = new Set<SdkSite>();

  const visitModule = (file: ts.SourceFile): void => {
    if (seenModules.has(file)) return;
    seenModules.add(file);
    for (const st of file.statements) {
      const spec = (isImportDeclaration(st) || isExportDeclaration(st)) && st.moduleSpecifier && isStringLiteralLike(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (spec === undefined) continue;
      const target = resolver.module(spec, file);
      if (target.kind === "module") visitModule(target.file);
    }
    for (const st of file.statements) {
      if (isImportDeclaration(st) || isExportDeclaration(st)) continue;
      walk(st);
    }
  };

  const enter = (fn: FunctionLike): void => {
    if (entered.has(fn) || !fn.body) return;
    entered.add(fn);
    walk(fn.body);
  };

  const walk = (node: ts.Node): void => {
    if (isFunctionLike(node) || isClassDeclaration(node) || isClassExpression(node)) return;
    if (isNewExpression(node)) {
      // `new Routes(api)`: the arguments, then the constructor.
      forEachChild(node, walk);
      const ctor = scan.calls.get(node);
      if (ctor) enter(ctor);
      return;
    }
    if (!isCallExpression(node)) {
      forEachChild(node, walk);
      return;
    }
    const site = scan.sdkCalls.get(node);
    if (site && isRegistration(site.path)) {
      // Handlers run later; only arguments that are plain values run now.
      walk(node.expression);
      if (!reachedSet.has(site)) {
        reachedSet.add(site);
        reached.push(site);
      }
      return;
    }
    walk(node.expression);
    for (const arg of node.arguments) {
      const a = skipOuter(arg);
      if (isFunctionLike(a)) enter(a);
      else walk(arg);
    }
    const callee = skipOuter(node.expression);
    if (isFunctionLike(callee)) enter(callee);
    const spec = requireSpecifier(node);
    if (spec !== undefined) {
      const target = resolver.module(spec, node.getSourceFile());
      if (target.kind === "module") visitModule(target.file);
    }
    const fn = scan.calls.get(node);
    if (fn) enter(fn);
  };

  visitModule(entry);
  const unreached = scan.sites.filter((s) => s.kind === "call" && isRegistration(s.path) && !reachedSet.has(s));
  return { reached, unreached };
}

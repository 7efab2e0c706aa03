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
import type { Resolver } from "./resolve";
import { type FunctionLike, isFunctionLike, requireSpecifier, skipOuter } from "./syntax";
import type { IsRegistration, ScanResult, SdkSite } from "./scan";

const {
  forEachChild,
  isCallExpression,
  isClassDeclaration,
  isClassExpression,
  isExportDeclaration,
  isImportDeclaration,
  isNewExpression,
  isStringLiteralLike,
} = ts;

export interface Ordered {
  reached: SdkSite[];
  unreached: SdkSite[];
}

/** One step of the replay; the work list stands in for recursion, so a chain of 5,000 calls or modules cannot overflow the stack. */
type Step = { walk: ts.Node } | { enter: FunctionLike } | { module: ts.SourceFile } | { record: SdkSite };

export function registrationOrder(entry: ts.SourceFile, scan: ScanResult, resolver: Resolver, isRegistration: IsRegistration): Ordered {
  const seenModules = new Set<ts.SourceFile>();
  const entered = new Set<FunctionLike>();
  const reached: SdkSite[] = [];
  const reachedSet = new Set<SdkSite>();
  const stack: Step[] = [];
  /** Runs `steps` next, in the order given. */
  const next = (steps: Step[]): void => {
    for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]);
  };
  const children = (node: ts.Node): Step[] => {
    const out: Step[] = [];
    forEachChild(node, (c) => {
      out.push({ walk: c });
    });
    return out;
  };

  const visitModule = (file: ts.SourceFile): void => {
    if (seenModules.has(file)) return;
    seenModules.add(file);
    const steps: Step[] = [];
    for (const st of file.statements) {
      const spec =
        (isImportDeclaration(st) || isExportDeclaration(st)) && st.moduleSpecifier && isStringLiteralLike(st.moduleSpecifier)
          ? st.moduleSpecifier.text
          : undefined;
      if (spec === undefined) continue;
      const target = resolver.module(spec, file);
      if (target.kind === "module") steps.push({ module: target.file });
    }
    for (const st of file.statements) {
      if (isImportDeclaration(st) || isExportDeclaration(st)) continue;
      steps.push({ walk: st });
    }
    next(steps);
  };

  const enter = (fn: FunctionLike): void => {
    if (entered.has(fn) || !fn.body) return;
    entered.add(fn);
    next([{ walk: fn.body }]);
  };

  const walk = (node: ts.Node): void => {
    if (isFunctionLike(node) || isClassDeclaration(node) || isClassExpression(node)) return;
    if (isNewExpression(node)) {
      // `new Routes(api)`: the arguments, then the constructor.
      const ctor = scan.calls.get(node);
      next([...children(node), ...(ctor ? [{ enter: ctor }] : [])]);
      return;
    }
    if (!isCallExpression(node)) {
      next(children(node));
      return;
    }
    const site = scan.sdkCalls.get(node);
    if (site && isRegistration(site.path)) {
      // Handlers run later; only arguments that are plain values run now.
      next([{ walk: node.expression }, { record: site }]);
      return;
    }
    const steps: Step[] = [{ walk: node.expression }];
    for (const arg of node.arguments) {
      const a = skipOuter(arg);
      steps.push(isFunctionLike(a) ? { enter: a } : { walk: arg });
    }
    const callee = skipOuter(node.expression);
    if (isFunctionLike(callee)) steps.push({ enter: callee });
    const spec = requireSpecifier(node);
    if (spec !== undefined) {
      const target = resolver.module(spec, node.getSourceFile());
      if (target.kind === "module") steps.push({ module: target.file });
    }
    const fn = scan.calls.get(node);
    if (fn) steps.push({ enter: fn });
    next(steps);
  };

  visitModule(entry);
  for (let step = stack.pop(); step; step = stack.pop()) {
    if ("walk" in step) walk(step.walk);
    else if ("enter" in step) enter(step.enter);
    else if ("module" in step) visitModule(step.module);
    else if (!reachedSet.has(step.record)) {
      reachedSet.add(step.record);
      reached.push(step.record);
    }
  }
  const unreached = scan.sites.filter((s) => s.kind === "call" && isRegistration(s.path) && !reachedSet.has(s));
  return { reached, unreached };
}

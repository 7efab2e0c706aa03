/**
 * Who can reach each SDK use: a breadth-first walk of the call graph from
 * every handler's roots, remembering the call sites taken (`via`). Uses
 * reached from module top level run in every function (APP_HANDLER). Uses
 * nothing reaches are either dead code (granted nothing) or referred to in
 * a way the graph does not follow (a function picked from an object by a
 * computed key): those go to APP_HANDLER too, with a warning that names the
 * reference (liveness.ts tells the two apart).
 */
import ts = require("typescript");
import { APP_HANDLER } from "../graph";
import { LivenessIndex } from "./liveness";
import type { Resolver } from "./resolve";
import { type FunctionLike, isFunctionLike } from "./syntax";
import type { ScanResult, SdkSite, UnitNode } from "./scan";

const { forEachChild, isCallExpression, isIdentifier, isPropertyAccessExpression } = ts;

export interface Attribution {
  handler: string;
  via: ts.Node[];
  /**
   * Not reachable over the call graph from any handler or from start-up,
   * but referred to by live code at `reference` in a way the graph does not
   * follow: granted to every function (APP_HANDLER).
   */
  lost?: { reference: ts.Node };
}

export interface Attributed {
  byHandler: Map<SdkSite, Attribution[]>;
  /** Uses in code nothing live refers to: granted to no function. */
  unreached: SdkSite[];
}

/** The functions a handler expression runs: inline functions, named ones, and factories it calls (`auth("admin")`). */
export function rootsOf(expr: ts.Expression, scan: ScanResult, resolver: Resolver): FunctionLike[] {
  const out: FunctionLike[] = [];
  const walk = (n: ts.Node, depth: number): void => {
    if (isFunctionLike(n)) return void out.push(n);
    if (isIdentifier(n) || isPropertyAccessExpression(n)) {
      const ref = resolver.expression(n);
      const fn = resolver.callable(ref);
      if (fn) out.push(fn);
      else if (ref.kind === "array" && depth < 4) for (const e of ref.node.elements) walk(e, depth + 1);
      if (isPropertyAccessExpression(n)) walk(n.expression, depth);
      return;
    }
    if (isCallExpression(n)) {
      const fn = scan.calls.get(n);
      if (fn) out.push(fn);
    }
    forEachChild(n, (c) => walk(c, depth));
  };
  walk(expr, 0);
  return out;
}

/** Every unit reachable from `roots`, with the call sites on the first (shortest) path to it. */
export function reach(roots: readonly UnitNode[], scan: ScanResult, stopAt: ReadonlySet<UnitNode> = new Set()): Map<UnitNode, ts.Node[]> {
  const via = new Map<UnitNode, ts.Node[]>();
  const queue: UnitNode[] = [];
  for (const r of roots) {
    if (via.has(r)) continue;
    via.set(r, []);
    queue.push(r);
  }
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i];
    const path = via.get(u) ?? [];
    for (const e of scan.units.get(u)?.edges ?? []) {
      if (via.has(e.target) || stopAt.has(e.target)) continue;
      // A nested function is not a call site: keep `via` to real calls.
      via.set(e.target, e.at === e.target ? path : [...path, e.at]);
      queue.push(e.target);
    }
  }
  return via;
}

export function attribute(
  handlers: readonly { id: string; roots: readonly ts.Expression[] }[],
  files: readonly ts.SourceFile[],
  sites: readonly SdkSite[],
  scan: ScanResult,
  resolver: Resolver,
): Attributed {
  const out = new Map<SdkSite, Attribution[]>();
  const wanted = new Set(sites);
  const add = (site: SdkSite, a: Attribution): void => {
    const list = out.get(site);
    if (list) list.push(a);
    else out.set(site, [a]);
  };
  const live = new Set<UnitNode>();
  const collect = (handler: string, reached: Map<UnitNode, ts.Node[]>): void => {
    for (const [unit, via] of reached) {
      live.add(unit);
      for (const site of scan.units.get(unit)?.sites ?? []) if (wanted.has(site)) add(site, { handler, via });
    }
  };
  const allRoots = new Set<UnitNode>();
  for (const h of handlers) {
    const roots = h.roots.flatMap((r) => rootsOf(r, scan, resolver));
    for (const r of roots) allRoots.add(r);
    collect(h.id, reach(roots, scan));
  }
  // A callback handed to something at start-up runs at start-up, unless it is a handler's own code
  // (`app.get("/", fn)` on an app that http.use mounts), which runs when the handler does.
  collect(APP_HANDLER, reach(files, scan, allRoots));
  const unreached: SdkSite[] = [];
  let liveness: LivenessIndex | undefined;
  for (const site of sites) {
    if (out.has(site)) continue;
    liveness ??= new LivenessIndex(files, scan, live);
    const found = liveness.of(site.unit);
    if (found.kind === "dead") unreached.push(site);
    else add(site, { handler: APP_HANDLER, via: [], lost: { reference: found.reference } });
  }
  return { byHandler: out, unreached };
}

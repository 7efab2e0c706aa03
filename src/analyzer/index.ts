/**
 * The analyzer: an app directory in, `{ graph, diagnostics }` out.
 *
 * Inputs: the app's entry (package.json `main`, else index.ts/js/mjs/cjs),
 * its own tsconfig when present, and the app modules the entry imports.
 * Output: a normalised AppGraph (sorted, deduplicated, ids as documented in
 * `src/graph/types.ts`, functions planned) and sorted diagnostics.
 * Invariants: deterministic (the same app gives byte-identical JSON); never
 * throws on bad input (a missing entry or a syntax error is a diagnostic;
 * when nothing can be analysed the graph has no resources); only bugs throw.
 * This directory is the only place that imports the TypeScript compiler. It
 * uses the raw compiler API (`typescript`) rather than ts-morph's wrappers:
 * we only parse (no binder, no checker: scope.ts and exports.ts resolve names
 * from syntax), and ts-morph adds about half a second of module loading to
 * every run plus a wrapper object per node. typescript.js itself is loaded
 * from a V8 code cache (typescript-cache.ts). Each module binds the compiler
 * functions and enums it calls at module level (`const { isIdentifier } =
 * ts`) rather than writing `ts.isIdentifier` at each use: `ts` has over
 * 2,000 properties, which V8 keeps as a hash table, so every `ts.x` in a hot
 * loop is a lookup; types are still written `ts.Node`.
 *
 * Steps: load the program (program.ts), resolve SDK bindings by symbol
 * (resolve.ts), scan every file once for SDK sites and call edges (scan.ts),
 * replay start-up to order registrations (order.ts), let each area's
 * extractor turn its sites into resources, handlers and usage drafts
 * (registry.ts), attribute usages to handlers over the call graph
 * (callgraph.ts), then normalise and validate the graph.
 */
// First: loads the compiler from its code cache before anything below imports it.
import { saveTypeScriptCache } from "./typescript-cache";
import ts = require("typescript");
import {
  APP_HANDLER,
  type AppGraph,
  type AppInfo,
  type Diagnostic,
  GRAPH_VERSION,
  planFunctions,
  type SourceLocation,
  sortDiagnostics,
  type Usage,
} from "../graph";
import { normalizeGraph } from "../graph/normalize";
import { validateGraph } from "../graph/validate";
import { attribute } from "./callgraph";
import { ExtractContext, type Extractor, type UsageDraft } from "./context";
import { checkImports } from "./imports";
import { withAnalysisJit } from "./jit";
import { registrationOrder } from "./order";
import { type AppProgram, loadApp } from "./program";
import { createExtractors } from "./registry";
import { Resolver } from "./resolve";
import { callerIndex, type IsRegistration, type ScanResult, scanFiles, type SdkSite } from "./scan";
import { ANALYZER_CODES } from "./codes";

const { flattenDiagnosticMessageText, isCallExpression } = ts;

export interface AnalyzeOptions {
  /** Path to the app's tsconfig, relative to the app directory; default `tsconfig.json` when it exists. */
  tsconfig?: string;
}

export interface AnalyzeResult {
  graph: AppGraph;
  diagnostics: Diagnostic[];
}

export function emptyGraph(app: AppInfo): AppGraph {
  return { version: GRAPH_VERSION, app, resources: [], handlers: [], usages: [], functions: [] };
}

/** The parser's errors for a file (what `program.getSyntacticDiagnostics` returns for it). */
function parseDiagnostics(file: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (file as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** Synchronous: everything it reads is local files. */
export function analyzeApp(dir: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const result = withAnalysisJit(() => analyze(dir, options));
  // After the JIT span: a code cache written inside it would carry its flag hash (see jit.ts).
  saveTypeScriptCache();
  return result;
}

function analyze(dir: string, options: AnalyzeOptions): AnalyzeResult {
  const loaded = loadApp(dir, options.tsconfig);
  if (!loaded.ok) return { graph: emptyGraph(loaded.info), diagnostics: sortDiagnostics(loaded.diagnostics) };
  const { app } = loaded;
  const extractors = createExtractors();
  const byArea = new Map(extractors.map((e) => [e.area, e]));
  const isRegistration = registrationTest(extractors);
  const { resolver, scan } = scanWithValueFlow(app.program, app.modules, app.files, isRegistration);
  const ctx = new ExtractContext(app.dir, app.info, resolver);
  ctx.diagnostics.push(...loaded.diagnostics);
  for (const file of app.files) {
    for (const d of parseDiagnostics(file)) {
      const start = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      ctx.diagnostics.push({
        code: ANALYZER_CODES.syntax,
        severity: "error",
        message: `syntax error: ${flattenDiagnosticMessageText(d.messageText, " ")}`,
        location: { file: ctx.location(file).file, line: (start?.line ?? 0) + 1, column: (start?.character ?? 0) + 1 },
      });
    }
  }

  checkImports(app.files, resolver, ctx);
  const order = registrationOrder(app.entry, scan, resolver, isRegistration);

  const register = (site: SdkSite, atStartup: boolean): void => {
    const extractor = byArea.get(site.path[0]);
    if (extractor?.register && isCallExpression(site.node)) extractor.register(site, site.node, ctx, { atStartup });
  };
  for (const site of order.reached) register(site, true);
  for (const site of order.unreached) register(site, false);

  const escaped = escapes(scan.sites, extractors, ctx);

  const drafts = new Map<SdkSite, UsageDraft[]>();
  for (const site of scan.sites) {
    if (site.kind === "escape" || (site.kind === "call" && isRegistration(site.path))) continue;
    const found = byArea.get(site.path[0])?.use?.(site, ctx) ?? [];
    if (found.length > 0) drafts.set(site, found);
  }

  const { byHandler: attributions, unreached } = attribute(ctx.handlers, app.files, [...drafts.keys()], scan, resolver);
  for (const site of unreached) {
    ctx.report(ANALYZER_CODES.unreached, "info", site.node, `${site.path.join(".")} is in code that nothing in the app calls, so no function is granted it`, {
      hint: "delete the unused code, or call it from a handler; iac grants what reachable code uses",
    });
  }
  const usages: Usage[] = [];
  const vias = new Map<readonly ts.Node[], SourceLocation[]>();
  for (const [site, list] of drafts) {
    const location = ctx.location(site.node);
    for (const a of attributions.get(site) ?? []) {
      if (a.lost) {
        const at = ctx.location(a.lost.reference);
        ctx.report(
          ANALYZER_CODES.unattributed,
          "warning",
          site.node,
          `${site.path.join(".")} cannot be attributed to a handler: the code that holds it is reached only through ${at.file}:${at.line}:${at.column}, which iac does not follow (a computed member, a value of unknown type, a call from a library); every function is granted it`,
          {
            hint: "call it by name from a function that the handler calls, so the call graph can follow it",
            related: [{ location: at, message: "referred to here" }],
          },
        );
      }
      // Attributions reached by one path share its node list: one location list each.
      let via = vias.get(a.via);
      if (!via) {
        via = a.via.map((n) => ctx.location(n));
        vias.set(a.via, via);
      }
      // Written out rather than spread: one object shape for all 10,000s of usages, in the graph's key order.
      for (const d of list) usages.push({ resource: d.resource, operation: d.operation, scope: d.scope, handler: a.handler, location, via } as Usage);
    }
  }

  // What an escaped interface could be used for runs in any function: module top level's handler.
  for (const { site, usages: list } of escaped) {
    const location = ctx.location(site.node);
    for (const d of list) usages.push({ resource: d.resource, operation: d.operation, scope: d.scope, handler: APP_HANDLER, location, via: [] } as Usage);
  }

  for (const file of resolver.tooDeep) {
    const at = file.statements.find((st) => ts.isExportDeclaration(st) || ts.isExpressionStatement(st)) ?? file;
    ctx.report(
      ANALYZER_CODES.exportChainTooLong,
      "error",
      at,
      `exports are followed through at most ${Resolver.MAX_EXPORT_HOPS} modules, and this module is further down a chain of re-exports: what is imported through it is not known`,
      {
        hint: "import from the module that defines the value, not through a long chain of re-exports",
      },
    );
  }

  const resources = extractors.flatMap((e) => e.resources(ctx));
  const handlers = ctx.handlers.map((h) => ({ id: h.id, kind: h.kind, title: h.title, location: h.location }));
  const graph = normalizeGraph({ version: GRAPH_VERSION, app: app.info, resources, handlers, usages, functions: planFunctions(resources) });
  return { graph, diagnostics: sortDiagnostics([...ctx.diagnostics, ...validateGraph(graph)]) };
}

/** Does `<area>.<method>(...)` register a handler, by the area's extractor? */
function registrationTest(extractors: readonly Extractor[]): IsRegistration {
  const byArea = new Map(extractors.map((e) => [e.area, e]));
  return (path) => path.length === 2 && (byArea.get(path[0])?.isRegistration(path[1]) ?? false);
}

/** Scans until the calls found stop growing; a few rounds at most (each can bind parameters one call deeper). */
const VALUE_FLOW_ROUNDS = 4;

/**
 * The scan, with parameters bound to what the app's calls pass. The first
 * scan resolves no parameter; when it finds the SDK handed on as a value
 * (`registerRoutes(api)`, `new Repo(data)`) or an app value handed to an app
 * function (`pick(repo)`), the calls it found bind those parameters and the
 * app is scanned again, until no new call appears. Apps that hand nothing
 * on are scanned once.
 */
export function scanWithValueFlow(
  program: AppProgram,
  modules: ReadonlyMap<string, string>,
  files: readonly ts.SourceFile[],
  isRegistration: IsRegistration = registrationTest(createExtractors()),
): { resolver: Resolver; scan: ScanResult } {
  let resolver = new Resolver(program, modules);
  let scan = scanFiles(files, resolver, isRegistration);
  let calls = -1;
  for (let round = 0; round < VALUE_FLOW_ROUNDS && scan.calls.size !== calls && (scan.passesValues || scan.sites.some((s) => s.kind === "escape")); round++) {
    calls = scan.calls.size;
    resolver = new Resolver(program, modules, callerIndex(scan));
    scan = scanFiles(files, resolver, isRegistration);
  }
  return { resolver, scan };
}

/**
 * SDK interfaces used as values (scan.ts's `escape` sites): each area infers
 * what calls through it could need (`Extractor.escape`), and a located
 * warning says what was assumed, or, for areas whose registrations cannot
 * be inferred, what is not deployed. Never a silent miss.
 */
function escapes(sites: readonly SdkSite[], extractors: readonly Extractor[], ctx: ExtractContext): { site: SdkSite; usages: UsageDraft[] }[] {
  const out: { site: SdkSite; usages: UsageDraft[] }[] = [];
  for (const site of sites) {
    if (site.kind !== "escape") continue;
    const areas = site.path.length === 0 ? extractors : extractors.filter((e) => e.area === site.path[0]);
    const what = site.path.length === 0 ? "the SDK" : `\`${site.path[0]}${site.path[1] === "[]" ? "[…]" : site.path[1] ? `.${site.path[1]}` : ""}\``;
    const inferred: string[] = [];
    const unfollowed: string[] = [];
    for (const e of areas) {
      const found = e.escape?.(site, ctx);
      if (found) {
        out.push({ site, usages: found.usages });
        inferred.push(`${e.area}: ${found.inferred}`);
      } else {
        unfollowed.push(e.area);
      }
    }
    const lost = unfollowed.length > 0 ? ` ${unfollowed.map((a) => `${a} registrations`).join(", ")} made through it are not found, so not deployed.` : "";
    const [area, member] = site.path;
    const how = member === "[]" ? "is called by a computed name here" : "is used as a value here";
    const hint =
      site.path.length === 0
        ? "call the SDK's interfaces directly (api.get(...), data.get(...)) in the modules that use them, so each call is seen"
        : member === "[]"
          ? `call each method by name (${area}.get(...), ${area}.set(...)) so each call is seen`
          : member
            ? `call ${area}.${member}(...) directly so each call is seen`
            : `call ${area} directly in the module that uses it (import it there) so each call is seen`;
    ctx.report(
      ANALYZER_CODES.escape,
      unfollowed.length > 0 && site.path.length > 0 ? "error" : "warning",
      site.node,
      `${what} ${how}, so iac cannot follow the calls made through it.${inferred.length > 0 ? ` Assumed: ${inferred.join("; ")}.` : ""}${lost}`,
      { hint },
    );
  }
  return out;
}

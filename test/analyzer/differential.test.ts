/**
 * Differential test of the hand-written binder: the analyzer
 * resolves names without the TypeScript checker (scope.ts, exports.ts,
 * resolve.ts), so on every example, every app of the test matrix, a bench
 * app and a set of binder corner cases, each identifier and property access
 * of the app's files is resolved twice and the answers compared:
 *
 * - ours: `Resolver.expression(node)` (through `moduleValue`: a `require()`d
 *   CommonJS module is what its `module.exports` holds), an SDK path
 *   (`["data", "get"]`, `[]` for the whole SDK) or not the SDK;
 * - the checker's: a `ts.Program` over the same files, `iac` and
 *   `@serverless/cloud` resolved to src/runtime/index.ts, the app's own
 *   modules as its tsconfig resolves them. `getSymbolAtLocation`, through
 *   aliases (`getAliasedSymbol`), to a declaration: the runtime module (the
 *   whole SDK), one of its exports (`data`; `default` is the `cloud` object,
 *   the whole SDK), a member of an export's type (`data.get`), or an app
 *   declaration whose value is followed as the analyzer follows values
 *   (a variable's initializer, a destructured property, an object literal's
 *   property, `export default x`, `module.exports = x`, a class field's
 *   initializer). A property access of an SDK path is that path plus the
 *   name, as at run time.
 *
 * Two resolvers of ours are compared. The binder alone (`new
 * Resolver(program, modules)`) must agree exactly. The resolver the analysis
 * uses, with parameters bound to what the app's calls pass (value flow), must
 * find everything the checker finds, and may find more only where the
 * binder alone does not: a value reaching a parameter or field from its
 * callers, which the checker cannot know (its symbol for a parameter is the
 * parameter, its type `any` or `string`). Exclusions, each counted and
 * listed, never silent:
 *
 * - BY_TYPE: the checker knows an SDK member only from a declared or inferred
 *   type (`function f(store: typeof data) { store.get() }`): the binder
 *   resolves names, not types. Compared again with value flow, where a caller
 *   passing the SDK resolves it; allowed there only when no call does.
 * - VALUE_FLOW: (value flow only) ours resolves through a parameter bound to
 *   its callers' arguments; the binder alone, like the checker, does not.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ts = require("typescript");
import { loadApp } from "../../src/analyzer/program";
import { scanWithValueFlow } from "../../src/analyzer";
import { Resolver } from "../../src/analyzer/resolve";
import { SDK_MODULES } from "../../src/analyzer/sdk";
import { skipOuter } from "../../src/analyzer/syntax";

const REPO = path.resolve(__dirname, "..", "..");
const RUNTIME = path.join(REPO, "src", "runtime", "index.ts");
const RUNTIME_DIR = `${path.dirname(RUNTIME)}/`;

type Path = readonly string[];
type Found = { path: Path | undefined; byType: boolean };

// ------------------------------------------------------------- the checker's side

const CHECKER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  types: ["node"],
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  ignoreDeprecations: "6.0",
};

/** Parsed lib, @types and runtime files, shared by every app's program (the runtime pulls in ~1,000 declaration files). */
const sharedFiles = new Map<string, ts.SourceFile>();

function checkerProgram(files: readonly string[], appOptions: ts.CompilerOptions): ts.Program {
  const host = ts.createCompilerHost(CHECKER_OPTIONS, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    let source = sharedFiles.get(file);
    if (!source) {
      source = read(file, language, onError, create);
      if (source && (file.includes("/node_modules/") || file.startsWith(RUNTIME_DIR))) sharedFiles.set(file, source);
    }
    return source;
  };
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, options) =>
    literals.map((literal) => {
      // The SDK by name, as the analyzer recognises it (an app's node_modules/iac, as the bench's, is not what runs).
      if (SDK_MODULES.has(literal.text)) return { resolvedModule: { resolvedFileName: RUNTIME, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      const inApp = !containingFile.startsWith(RUNTIME_DIR) && !containingFile.includes("/node_modules/");
      // The app's modules as its own tsconfig resolves them (paths, baseUrl, moduleResolution).
      return ts.resolveModuleName(literal.text, containingFile, inApp ? { ...appOptions, allowJs: true } : options, host);
    });
  return ts.createProgram({ rootNames: [...files, RUNTIME], options: CHECKER_OPTIONS, host });
}

class CheckerSide {
  readonly checker: ts.TypeChecker;
  private readonly runtimeModule: ts.Symbol;
  /** Declarations of the SDK: the runtime module, each export (and its target), each member of an export's type. */
  private readonly declPath = new Map<ts.Node, { path: Path; member: boolean }>();

  constructor(readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
    const runtime = program.getSourceFile(RUNTIME);
    const symbol = runtime && this.checker.getSymbolAtLocation(runtime);
    if (!runtime || !symbol) throw new Error("the checker cannot see the runtime's index.ts");
    this.runtimeModule = symbol;
    this.declPath.set(runtime, { path: [], member: false });
    for (const e of this.checker.getExportsOfModule(symbol)) {
      const target = this.resolveAlias(e);
      const p = e.name === "default" ? [] : [e.name];
      for (const d of [...(e.declarations ?? []), ...(target.declarations ?? [])]) this.declPath.set(d, { path: p, member: false });
      if (p.length !== 1 || !(target.flags & ts.SymbolFlags.Value)) continue;
      for (const m of this.checker.getPropertiesOfType(this.checker.getTypeOfSymbol(target))) {
        for (const d of m.declarations ?? []) {
          const had = this.declPath.get(d);
          if (had && had.path.join(".") !== `${e.name}.${m.name}`)
            throw new Error(`${m.name} is a member of two SDK interfaces (${had.path.join(".")}, ${e.name}): the mapping needs the receiver`);
          this.declPath.set(d, { path: [e.name, m.name], member: true });
        }
      }
    }
  }

  private resolveAlias(s: ts.Symbol): ts.Symbol {
    return s.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(s) : s;
  }

  /** What the checker says `node` is. */
  expression(node: ts.Expression, depth = 0): Found {
    const none: Found = { path: undefined, byType: false };
    if (depth > 40) return none;
    const e = skipOuter(node);
    if (ts.isIdentifier(e)) {
      const symbol =
        ts.isShorthandPropertyAssignment(e.parent) && e.parent.name === e
          ? this.checker.getShorthandAssignmentValueSymbol(e.parent)
          : this.checker.getSymbolAtLocation(e);
      return this.symbol(symbol, depth + 1);
    }
    const name = ts.isPropertyAccessExpression(e)
      ? e.name
      : ts.isElementAccessExpression(e) && ts.isStringLiteralLike(skipOuter(e.argumentExpression))
        ? (skipOuter(e.argumentExpression) as ts.StringLiteralLike)
        : undefined;
    if (name && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
      const receiver = this.expression(e.expression, depth + 1);
      if (receiver.path) return { path: member(receiver.path, name.text), byType: receiver.byType };
      // The property's own symbol: an app module's export, an object literal's property, an SDK member known by type.
      return this.symbol(this.checker.getSymbolAtLocation(name), depth + 1);
    }
    if (
      ts.isCallExpression(e) &&
      ts.isIdentifier(e.expression) &&
      e.expression.text === "require" &&
      e.arguments.length === 1 &&
      ts.isStringLiteralLike(e.arguments[0])
    ) {
      return this.symbol(this.checker.getSymbolAtLocation(e.arguments[0]), depth + 1);
    }
    return none;
  }

  private symbol(found: ts.Symbol | undefined, depth: number): Found {
    const none: Found = { path: undefined, byType: false };
    if (!found || depth > 40) return none;
    const s = this.resolveAlias(found);
    if (s === this.runtimeModule) return { path: [], byType: false };
    const decl = s.valueDeclaration ?? s.declarations?.[0];
    if (!decl) return none;
    const sdk = this.declPath.get(decl);
    if (sdk) return { path: sdk.path, byType: sdk.member };
    const file = decl.getSourceFile().fileName;
    if (file.startsWith(RUNTIME_DIR) || file.includes("/node_modules/")) return none;
    // An app declaration: its value, followed as the analyzer follows values.
    if (ts.isVariableDeclaration(decl)) return decl.initializer && ts.isIdentifier(decl.name) ? this.expression(decl.initializer, depth + 1) : none;
    if (ts.isBindingElement(decl)) return this.bindingElement(decl, depth + 1);
    if (ts.isPropertyAssignment(decl)) return this.expression(decl.initializer, depth + 1);
    if (ts.isShorthandPropertyAssignment(decl)) return this.symbol(this.checker.getShorthandAssignmentValueSymbol(decl), depth + 1);
    if (ts.isExportAssignment(decl)) return this.expression(decl.expression, depth + 1);
    if (ts.isPropertyDeclaration(decl)) return decl.initializer ? this.expression(decl.initializer, depth + 1) : none;
    // CommonJS in JS files: `module.exports = x`, `exports.x = y`.
    if (ts.isBinaryExpression(decl)) return this.expression(decl.right, depth + 1);
    if ((ts.isPropertyAccessExpression(decl) || ts.isElementAccessExpression(decl)) && ts.isBinaryExpression(decl.parent) && decl.parent.left === decl)
      return this.expression(decl.parent.right, depth + 1);
    return none;
  }

  /** `const { data: store } = sdk`, nested patterns included. */
  private bindingElement(el: ts.BindingElement, depth: number): Found {
    const none: Found = { path: undefined, byType: false };
    if (el.dotDotDotToken || !ts.isObjectBindingPattern(el.parent)) return none;
    const key = el.propertyName ?? el.name;
    if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return none;
    const owner = el.parent.parent;
    const source = ts.isVariableDeclaration(owner)
      ? owner.initializer
        ? this.expression(owner.initializer, depth + 1)
        : none
      : ts.isBindingElement(owner)
        ? this.bindingElement(owner, depth + 1)
        : none;
    return source.path ? { path: member(source.path, key.text), byType: source.byType } : none;
  }
}

/** A member of an SDK path: `default` of the whole SDK is the `cloud` object, the whole SDK again. */
function member(p: Path, name: string): Path {
  return p.length === 0 && name === "default" ? p : [...p, name];
}

// ------------------------------------------------------------- what is compared

/** Identifiers and property accesses read as values: not declaration names, types, labels or assignment targets. */
function isCompared(n: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(n)) return !isWritten(n);
  if (ts.isElementAccessExpression(n)) return ts.isStringLiteralLike(n.argumentExpression) && !isWritten(n);
  if (!ts.isIdentifier(n)) return false;
  const p = n.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) && p.name === n) || ts.isQualifiedName(p) || ts.isPartOfTypeNode(n) || ts.isTypeQueryNode(p) || ts.isMetaProperty(p))
    return false;
  if ((p as { name?: ts.Node }).name === n && !ts.isShorthandPropertyAssignment(p)) return false;
  if ((ts.isBindingElement(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === n) return false;
  if (ts.isExportSpecifier(p)) return false;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === n) return false;
  return !isWritten(n);
}

/** `x = ...`, `exports.y = ...`, `module.exports.z = ...`: every node of the target's chain is written, not read. */
function isWritten(node: ts.Node): boolean {
  let n = node;
  while (n.parent && (ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent)) && n.parent.expression === n) n = n.parent;
  const p = n.parent;
  return (
    !!p &&
    ts.isBinaryExpression(p) &&
    p.left === n &&
    p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    p.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

interface Comparison {
  compared: number;
  /** Expressions both sides call the SDK (with equal paths). */
  agreed: number;
  disagreements: string[];
  excluded: { rule: "BY_TYPE" | "VALUE_FLOW"; at: string }[];
}

type Ours = (node: ts.Expression) => Path | undefined;

function show(p: Path | undefined): string {
  return p === undefined ? "not the SDK" : p.length === 0 ? "the SDK" : p.join(".");
}

/**
 * Both sides on every compared expression of the app. `binder` is the binder
 * alone, `flow` (optional) the resolver with value flow: see the header for
 * what each may differ in.
 */
function compareApp(dir: string, make?: (binder: Resolver) => Ours): { binder: Comparison; flow: Comparison } {
  const loaded = loadApp(dir);
  if (!loaded.ok) throw new Error(`${dir} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const { app } = loaded;
  const resolverOf =
    (r: Resolver): Ours =>
    (node) => {
      const ref = r.moduleValue(r.expression(node));
      return ref.kind === "sdk" ? ref.path : undefined;
    };
  const binderResolver = new Resolver(app.program, app.modules);
  const binder = make ? make(binderResolver) : resolverOf(binderResolver);
  // The analysis's resolver: parameters bound to what the app's calls pass, scanned to a fixpoint (index.ts).
  const flow = resolverOf(scanWithValueFlow(app.program, app.modules, app.files).resolver);

  const checker = new CheckerSide(
    checkerProgram(
      app.files.map((f) => f.fileName),
      app.program.getCompilerOptions(),
    ),
  );
  const result = { binder: empty(), flow: empty() };
  for (const ours of app.files) {
    const theirs = checker.program.getSourceFile(ours.fileName);
    if (!theirs) throw new Error(`the checker's program has no ${ours.fileName}`);
    // The analyzer's tree and the checker's are two parses of one text: nodes pair by position and kind.
    const byKey = new Map<string, ts.Node>();
    const collect = (n: ts.Node, file: ts.SourceFile, visit: (key: string, n: ts.Node) => void): void => {
      if (isCompared(n)) visit(`${n.getStart(file)}:${n.end}:${n.kind}`, n);
      ts.forEachChild(n, (c) => collect(c, file, visit));
    };
    collect(theirs, theirs, (key, n) => byKey.set(key, n));
    collect(ours, ours, (key, node) => {
      const other = byKey.get(key);
      const at = `${path.relative(dir, ours.fileName)}:${ours.getLineAndCharacterOfPosition(node.getStart(ours)).line + 1} ${node.getText(ours).slice(0, 50)}`;
      if (!other) throw new Error(`no checker node for ${at}`);
      const c = checker.expression(other as ts.Expression);
      const b = binder(node as ts.Expression);
      const f = flow(node as ts.Expression);
      tally(result.binder, at, b, c, () => (c.byType && b === undefined ? "BY_TYPE" : undefined));
      tally(result.flow, at, f, c, () => (c.byType && f === undefined ? "BY_TYPE" : c.path === undefined && b === undefined ? "VALUE_FLOW" : undefined));
    });
  }
  return result;
}

function empty(): Comparison {
  return { compared: 0, agreed: 0, disagreements: [], excluded: [] };
}

function tally(into: Comparison, at: string, ours: Path | undefined, theirs: Found, exclusion: () => "BY_TYPE" | "VALUE_FLOW" | undefined): void {
  into.compared++;
  if (show(ours) === show(theirs.path)) {
    if (ours !== undefined) into.agreed++;
    return;
  }
  const rule = exclusion();
  if (rule) into.excluded.push({ rule, at });
  else into.disagreements.push(`${at}: ours ${show(ours)}, the checker ${show(theirs.path)}`);
}

// ------------------------------------------------------------- the apps

function appsUnder(parent: string): string[] {
  return fs
    .readdirSync(parent)
    .sort()
    .map((d) => path.join(parent, d))
    .filter((d) => fs.existsSync(path.join(d, "package.json")));
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

function writeApp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-differential-"));
  temp.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const EXAMPLES = appsUnder(path.join(REPO, "examples"));
const MATRIX = appsUnder(path.join(REPO, "test", "apps"));

describe("the binder agrees with the TypeScript checker on every SDK reference", () => {
  test("the inputs: 4 examples, the 18 apps of the matrix", () => {
    expect(EXAMPLES.map((d) => path.basename(d))).toEqual(["hooks", "legacy", "media", "todo"]);
    expect(MATRIX).toHaveLength(18);
  });

  test.each([...EXAMPLES, ...MATRIX].map((d) => [path.relative(REPO, d), d]))(
    "%s",
    (_name, dir) => {
      const { binder, flow } = compareApp(dir);
      expect(binder.disagreements).toEqual([]);
      expect(flow.disagreements).toEqual([]);
      // Not vacuous: every app reaches the SDK somewhere, and the checker resolves it too.
      expect(binder.agreed).toBeGreaterThan(0);
      expect(binder.excluded).toEqual([]);
      // Value flow's extra knowledge, listed (a parameter bound to the SDK by its callers).
      expect(flow.excluded.every((x) => x.rule === "VALUE_FLOW")).toBe(true);
    },
    60_000,
  );

  test("a bench app (bench/analyze's generator, 20 modules)", () => {
    const { generate } = require(path.join(REPO, "bench", "analyze", "generate.js")) as { generate: (files: number) => string };
    const dir = generate(20);
    temp.push(dir);
    const { binder, flow } = compareApp(dir);
    expect(binder.disagreements).toEqual([]);
    expect(flow.disagreements).toEqual([]);
    expect(binder.agreed).toBeGreaterThanOrEqual(20 * 9);
  }, 60_000);
});

// ------------------------------------------------------------- binder corner cases

/**
 * Scoping, hoisting, shadowing, import and export forms, CommonJS, class
 * fields, destructuring and TypeScript-only syntax, each a line of a small
 * app, compared the same way. Where the two sides differ, the expected
 * result is written out below with its reason.
 */
const CASES: Record<string, Record<string, string>> = {
  cjs: {
    "index.js": `const { data: store, api } = require("iac");
const sdk = require("@serverless/cloud");
const { schedule } = sdk;
const lib = require("./lib");
const { exported } = require("./lib");
const whole = require("./whole");
module.exports.c1 = store.get;
exports.c2 = sdk.events.publish;
exports.c3 = schedule.every;
exports.c4 = lib.viaExports.get;
exports.c5 = exported.get;
exports.c6 = whole.api.get;
exports.c7 = require("iac").params;
exports.c8 = lib.obj.inner.get;
function f(api) { return api.get; }
exports.c9 = f;
exports.c10 = api.post;
if (true) { function data() { return 1; } exports.c11 = data; }
exports.c12 = typeof data === "function" ? data : undefined;
`,
    "lib.js": `const { data } = require("iac");
exports.viaExports = data;
module.exports.exported = data;
exports.obj = { inner: data };
`,
    "package.json": `{ "name": "c" }
`,
    "whole.js": `module.exports = require("iac");
`,
  },
  reexports: {
    "index.ts": `import { store, cloud2, sdk, own, d2 } from "./lib";
import whole from "./lib-default";
import cjs = require("./lib-cjs");
import * as star from "./lib-star";
import { data as fromStar } from "./lib-star";
export const r1 = store.get;
export const r2 = cloud2.api.get;
export const r3 = sdk.data.get;
export const r4 = own.get;
export const r5 = whole.get;
export const r6 = cjs.data.get;
export const r7 = star.api.get;
export const r8 = fromStar.get;
export const r9 = d2.get;
export async function r10() { const m = await import("./lib"); return m.store.get; }
`,
    "lib-cjs.ts": `import sdk = require("iac");
export = sdk;
`,
    "lib-default.ts": `import { data } from "iac";
export default data;
`,
    "lib-star.ts": `export * from "iac";
export const data = { get: () => "mine" };
`,
    "lib.ts": `export { data as store, default as cloud2 } from "iac";
export * as sdk from "@serverless/cloud";
import { data } from "iac";
export const own = { get: () => 1 };
const d2 = data;
export { d2 };
`,
    "package.json": `{ "name": "c", "main": "index.ts" }
`,
  },
  shadow: {
    "index.ts": `import { api, data, storage } from "iac";
import cloud from "@serverless/cloud";
import * as ns from "iac";
export function p1(data: any) { return data.get("k"); }
export function p2() { { const data = { get: () => 1 }; return data.get(); } }
export function p3() { data.get("k"); var data = { get: () => 1 }; return data; }
export function p4() { try { return 1; } catch (data) { return (data as any).get; } }
export const p5 = class data { m() { return data; } };
export const p6 = function data() { return data; };
export function p7(xs: any[]) { for (const data of xs) data.get(); }
export function p8(x = data) { const data = { get: () => 1 }; return x.get("k") && data; }
export function p9(x: number) { switch (x) { case 1: const data = 1; return data; default: return data; } }
export const p10 = function data(data: any) { return data.get(); };
export function p11() { return storage.write; }
class Box { d = data; static s = api; m() { return this.d.get("k"); } }
export const p12 = new Box().d.get;
export const p13 = Box.s.get;
export const p14 = cloud.data.get;
export const p15 = ns.default.api.get;
export const p16 = ns.schedule.every;
export const p17 = (data as any)!.get;
export const p18 = data["get"];
export const p19 = data?.set;
const o = { d: data, ...ns };
export const p20 = o.d.get;
export const p21 = o.api.get;
const { api: { post } } = ns;
export const p22 = post;
export function p23() { return label; function label() { return data; } }
export function p24(x: number) { if (x) { function data() { return 1; } return data; } return data.get; }
let reassigned = data;
reassigned = storage as any;
export const p25 = reassigned.get;
export const p26 = (function () { var api = 1; return api; })();
export const p27 = api.get.bind(api);
export function p28({ data }: { data: any }) { return data.get; }
export function p29() { const [data] = [1]; return data; }
export const p30 = (data => data.get)(1 as any);
export function p31() { return arguments; }
`,
    "package.json": `{ "name": "c", "main": "index.ts" }
`,
  },
  tsonly: {
    "index.ts": `import * as sdk from "iac";
import { data } from "iac";
import starDefault from "./lib-star";
import api = sdk.api;
namespace N { export const d = data; }
export const n1 = N.d.get;
export const n2 = api.get;
export const n3 = starDefault;
export class S { static x = data; static { const data = 1; void data; } }
export const n4 = S.x.get;
export const n5 = sdk["storage"].write;
export default data;
`,
    "lib-star.ts": `export * from "iac";
`,
    "package.json": `{ "name": "c", "main": "index.ts" }
`,
  },
  typed: {
    "index.ts": `import { data, api } from "iac";
type Store = typeof data;
export async function t1(store: Store) { return store.get("k"); }
export class Repo { constructor(private readonly db: typeof data) {} list() { return this.db.get("x"); } }
export const repo = new Repo(data);
export function make() { return { db: data }; }
export const t2 = make().db.get;
const made = make();
export const t3 = made.db.get;
api.get("/x", async (req, res) => { res.json(await t1(data)); });
`,
    "package.json": `{ "name": "c", "main": "index.ts" }
`,
  },
};

/**
 * What each case is expected to give, beyond agreement: binder (B) and value
 * flow (F) disagreements that are known analyzer gaps (each says why it is
 * left), and the exclusions the header's rules allow.
 */
const EXPECTED: Record<string, { disagreements?: string[]; excluded?: string[] }> = {
  shadow: {
    // `function p8(x = data)`: x's type is inferred from its default, the checker knows x.get by type.
    excluded: ["B BY_TYPE index.ts:11 x.get", "F BY_TYPE index.ts:11 x.get"],
  },
  typed: {
    // Parameters annotated `typeof data`: the binder alone does not know them (by type only), value flow does,
    // as t1(data) and new Repo(data) pass the SDK; `store` and `this.db` themselves are what only value flow knows.
    excluded: ["B BY_TYPE index.ts:3 store.get", "B BY_TYPE index.ts:4 this.db.get", "F VALUE_FLOW index.ts:3 store", "F VALUE_FLOW index.ts:4 this.db"],
  },
};

describe("binder corner cases", () => {
  test.each(Object.keys(CASES))(
    "%s",
    (name) => {
      const { binder, flow } = compareApp(writeApp(CASES[name]));
      const got = {
        disagreements: [...binder.disagreements.map((d) => `B ${d}`), ...flow.disagreements.map((d) => `F ${d}`)],
        excluded: [...binder.excluded.map((x) => `B ${x.rule} ${x.at}`), ...flow.excluded.map((x) => `F ${x.rule} ${x.at}`)],
      };
      if (process.env.IAC_DIFFERENTIAL_PRINT) console.log(name, JSON.stringify(got, null, 2));
      expect(got).toEqual({ disagreements: EXPECTED[name]?.disagreements ?? [], excluded: EXPECTED[name]?.excluded ?? [] });
      expect(binder.agreed).toBeGreaterThan(5);
    },
    60_000,
  );

  test("the comparison fails on a binder that resolves by name instead of by scope", () => {
    // A planted fault: any identifier spelled like an SDK area is that area, wherever it stands.
    const byName =
      (binder: Resolver) =>
      (node: ts.Expression): Path | undefined => {
        if (ts.isIdentifier(node) && ["api", "data", "storage", "schedule", "events", "params"].includes(node.text)) return [node.text];
        const ref = binder.moduleValue(binder.expression(node));
        return ref.kind === "sdk" ? ref.path : undefined;
      };
    const { binder } = compareApp(writeApp(CASES.shadow), byName);
    expect(binder.disagreements).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^index\.ts:4 data: ours data, the checker not the SDK$/),
        expect.stringMatching(/^index\.ts:5 data: ours data, the checker not the SDK$/),
      ]),
    );
  }, 60_000);
});

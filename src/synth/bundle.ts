/**
 * Bundles the app for Lambda with esbuild: ONE build, ONE generated entry
 * that re-exports `handler` from the runtime's Lambda adapter and imports the
 * app's entry module (which registers every handler). Every function runs
 * that same code (the runtime dispatches on `IAC_FUNCTION` and the event), so
 * per-function entries would be byte-identical bundles; one shared output
 * directory means one asset, uploaded once. `iac` and `@serverless/cloud` resolve to `src/runtime/index.ts`,
 * `@aws-sdk/*` is left to the Lambda runtime, the app's npm dependencies are
 * bundled. Beside `index.mjs`, `vendor/*.cjs`: packages Express requires at
 * load but few requests use, loaded on first use instead of at cold start
 * (lazy-chunks.ts).
 *
 * Module format: always an ES module, `index.mjs`, minified, for Node 22,
 * with an external source map. The extension fixes its meaning whatever
 * `package.json` surrounds it (Lambda's task root has none; the app's own
 * folder may say `"type": "module"`), and ESM is the one format in which
 * every app can be expressed: top-level `await` exists only there, and
 * CommonJS modules (apps written with `require`, and most npm packages)
 * bundle into it as esbuild's lazily-called wrappers. What CommonJS code
 * expects of its scope is given back by a banner: `require` (for Node
 * built-ins, externals and computed requires) from `createRequire`, and
 * `__dirname`/`__filename` of the bundle through `define`, so a module's
 * own top-level `__dirname` is never shadowed. Externals (the AWS SDK,
 * Node's built-ins) load through `require` too (require-shims.ts).
 *
 * Init order (entrySource): the Lambda adapter, then a generated module
 * whose top-level `await` configures the runtime from the environment and
 * loads the stage's params, then the app. Flattened into one ES module body,
 * the app's code runs only after that await, so `params.X` read at module
 * load sees the stage's values, as the platform promised.
 *
 * Deterministic: esbuild's output depends only on its inputs, source-map
 * paths are relative to the output dir (kept at a fixed place under the
 * app), and nothing here reads a clock. The content hash of each function's
 * files becomes its CDK asset hash, so CDK never re-fingerprints the tree.
 * Errors come back as IAC7001 diagnostics at the app's file:line:col.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import type { AppGraph, Diagnostic } from "../graph";
import { fingerprintSynth } from "./cache";
import { SYNTH_CODES } from "./codes";
import { chunkBuildOptions, importedCopy, innerAliases, insideDirs, lazyAliases, type LazyChunk, packagesUsed, planLazyChunks } from "./lazy-chunks";
import { FRAMEWORKS } from "../frameworks/registry";
import { runtimeIndexPath, runtimeLambdaPath } from "./paths";
import { ESM_COMMONJS_SCOPE, esmExternalImports, IMAGE_EXTERNALS, REQUIRED_EXTERNALS, requireAliases } from "./require-shims";
import { posixPath } from "../posix-path";

export interface BundleRequest {
  appDir: string;
  /** The app's entry, relative to appDir. */
  entry: string;
  /** Function ids; all share one bundle. */
  functions: readonly string[];
  /** Output root: `<outDir>/entry.mjs` and `<outDir>/init.mjs` (generated), `<outDir>/function/index.mjs` (+ `.map`). */
  outDir: string;
  /**
   * Files under the app's `static/` the HTTP function serves itself (the
   * 404/500 pages and the `http.on(404)` file, which the CDN cannot serve
   * in front of an API): copied to `static/` beside `index.mjs`.
   */
  pages?: readonly string[];
  /**
   * Folders the HTTP function serves (`api.static(dir)`, `http.static(dir)`),
   * relative to the app directory: copied beside `index.mjs` at the same
   * relative path, which is where the runtime resolves them from on Lambda
   * (the task root is the working directory).
   */
  folders?: readonly string[];
  /** Where the SDK and the Lambda adapter live; defaults to this package's `src/runtime` (tests point elsewhere). */
  runtime?: { index: string; lambda: string };
}

export interface BundledFunction {
  id: string;
  /** The bundle directory (the same for every function). */
  dir: string;
  /** Size of `index.mjs`, what a cold start loads (source map not counted). */
  bytes: number;
  /** Size of the lazy vendor chunks beside it (`vendor/*.cjs`), loaded by the requests that need them. */
  lazyBytes: number;
  /** sha256 of the directory's files: the asset hash. */
  hash: string;
}

export interface BundleResult {
  functions: BundledFunction[];
  diagnostics: Diagnostic[];
}

const SHARED = "function";

/** The bundle's file name in the function's code (Lambda's `index.handler` finds `index.mjs`). */
export const BUNDLE_FILE = "index.mjs";

/**
 * esbuild warnings that mean the bundle will not do what the source says:
 * an ES module assigning `module.exports` (which would replace the bundle's
 * own exports), or importing a name its module does not export (always
 * `undefined`). In app code they are errors, never just warnings.
 */
const BROKEN_OUTPUT = new Set(["commonjs-variable-in-esm", "import-is-undefined"]);

/**
 * `iac/nextjs` and `@serverless/cloud/nextjs` (esbuild prefers the longest
 * alias): the wrappers in `src/wrappers`, beside the runtime, should an app
 * module import one.
 */
function wrapperAliases(runtimeIndex: string): Record<string, string> {
  const dir = path.join(path.dirname(path.dirname(runtimeIndex)), "wrappers");
  const aliases: Record<string, string> = {};
  for (const f of FRAMEWORKS) {
    if (f.wrapper) for (const sdk of ["iac", "@serverless/cloud"]) aliases[`${sdk}/${f.wrapper}`] = path.join(dir, `${f.wrapper}.ts`);
  }
  return aliases;
}

/** Folders the HTTP function serves itself: `api.static` and `http.static`. */
export function servedFolders(graph: AppGraph): string[] {
  const folders: string[] = [];
  for (const r of graph.resources) {
    if (r.kind === "api") for (const m of r.middleware) if (m.folder !== undefined) folders.push(m.folder);
    if (r.kind === "http") for (const f of r.folders ?? []) folders.push(f.dir);
  }
  return [...new Set(folders)].sort();
}

/** Static files the HTTP function serves itself: error pages and the `http.on(404)` file. */
export function servedPages(graph: AppGraph): string[] {
  if (!graph.functions.some((f) => f.kind === "http")) return [];
  const http = graph.resources.find((r) => r.kind === "http");
  const notFound = http?.kind === "http" && http.notFound ? [http.notFound.file] : [];
  return ["404.html", "500.html", ...notFound];
}

/**
 * The one bundle of a graph's functions, for one stage. esbuild works in its
 * own process, so a caller may start this before loading aws-cdk-lib and hand
 * the promise to `synthesize` (compiler.ts does).
 */
export function bundleGraph(graph: AppGraph, options: { appDir: string; stage: string }): Promise<BundleResult> {
  return bundleFunctions({
    appDir: options.appDir,
    entry: graph.app.entry,
    functions: graph.functions.map((f) => f.id),
    pages: servedPages(graph),
    folders: servedFolders(graph),
    outDir: path.join(options.appDir, ".iac", "bundles", options.stage),
  });
}

export async function bundleFunctions(req: BundleRequest): Promise<BundleResult> {
  const runtime = req.runtime ?? { index: runtimeIndexPath(), lambda: runtimeLambdaPath() };
  const lambda = runtime.lambda;
  if (!fs.existsSync(lambda)) {
    return {
      functions: [],
      diagnostics: [{ code: SYNTH_CODES.runtimeMissing, severity: "error", message: `the runtime's Lambda adapter is missing: ${lambda}` }],
    };
  }
  const appEntry = path.resolve(req.appDir, req.entry);
  // The bundler's own code is part of the key: a new iac may bundle the same inputs differently.
  const fingerprint = JSON.stringify({ iac: fingerprintSynth(), esbuild: esbuild.version, appEntry, functions: req.functions, runtime });
  const reused = reuseBundles(req.outDir, fingerprint);
  if (reused) return { functions: withPages(req, reused), diagnostics: [] };
  // A real entry file and esbuild's own `alias`, no JS plugins: esbuild then never waits on this
  // thread, so synth can build the CDK tree while the bundle is made (see index.ts).
  // Inside outDir at a fixed name, so source-map paths do not depend on where outDir is.
  const entryFile = path.join(req.outDir, "entry.mjs");
  const initFile = path.join(req.outDir, "init.mjs");
  fs.mkdirSync(req.outDir, { recursive: true });
  fs.writeFileSync(initFile, initSource(runtime.lambda));
  fs.writeFileSync(entryFile, entrySource(appEntry, runtime.lambda, initFile));
  const options: esbuild.BuildOptions & { write: false; metafile: true } = {
    absWorkingDir: req.appDir,
    entryPoints: [{ in: entryFile, out: `${SHARED}/index` }],
    outdir: req.outDir,
    write: false,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    outExtension: { ".js": ".mjs" },
    ...ESM_COMMONJS_SCOPE,
    // The runtime loads AWS SDK clients with `await import()` only when
    // needed; as require() they resolve through Lambda's CommonJS path and
    // load the SDK's CJS build once, instead of a second (ESM) copy.
    supported: { "dynamic-import": false },
    minify: true,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    external: IMAGE_EXTERNALS,
    alias: { iac: runtime.index, "@serverless/cloud": runtime.index, ...wrapperAliases(runtime.index) },
    logLevel: "silent",
    metafile: true,
  };
  let built: Built;
  try {
    built = await buildWithChunks(req, options, planLazyChunks(req.outDir, runtime.lambda));
  } catch (error) {
    if (isBuildFailure(error)) return { functions: [], diagnostics: toDiagnostics(error.errors, "error", req.entry, entryFile) };
    throw error;
  }
  const appWarnings = built.warnings.filter((w) => !w.location?.file.includes("node_modules"));
  const broken = appWarnings.filter((w) => BROKEN_OUTPUT.has(w.id));
  const missingHandler = built.exports.includes("handler") ? [] : [noHandlerDiagnostic(req.entry)];
  if (broken.length > 0 || missingHandler.length > 0) {
    // Nothing is written: an unloadable bundle must never reach an assembly.
    return { functions: [], diagnostics: [...toDiagnostics(broken, "error", req.entry, entryFile), ...missingHandler] };
  }
  fs.rmSync(path.join(req.outDir, SHARED), { recursive: true, force: true });
  const shared = writeBundle(req.outDir, built.outputFiles);
  const functions = req.functions.map((id) => ({ id, ...shared }));
  // Warnings are worth seeing again, so only a clean build is remembered.
  if (appWarnings.length === 0) rememberInputs(req, fingerprint, built.inputs, functions);
  return { functions: withPages(req, functions), diagnostics: toDiagnostics(appWarnings, "warning", req.entry, entryFile) };
}

interface Built {
  outputFiles: esbuild.OutputFile[];
  warnings: esbuild.Message[];
  /** What the bundle's entry exports, from esbuild's metafile: `handler` must be there. */
  exports: string[];
  /** Every file read, relative to the app dir: the bundle cache's inputs. */
  inputs: string[];
}

/**
 * The bundle plus its lazy vendor chunks (lazy-chunks.ts). Each chunk is
 * built from the copy the runtime resolves, at the same time as the bundle,
 * with the other chunks' names aliased to their shims beside it. Then:
 * every importer of a chunk's package must resolve to that copy (else the
 * bundle is built again without that alias, the package inline); the chunks
 * written are those the bundle imports and those they import; and no
 * package the app's own code uses may also be inside a chunk (two copies of
 * one module could tell their objects apart), else that chunk goes.
 */
async function buildWithChunks(req: BundleRequest, options: esbuild.BuildOptions & { write: false; metafile: true }, planned: LazyChunk[]): Promise<Built> {
  const candidates = planned.filter((c) => c.copy !== undefined);
  type ChunkResult = esbuild.BuildResult<{ write: false; metafile: true }>;
  const chunkBuilds = new Map<string, Promise<ChunkResult>>();
  const chunkBuild = (c: LazyChunk, copy: string, list: readonly LazyChunk[]): Promise<ChunkResult> => {
    const alias = innerAliases(list, c.name);
    const key = JSON.stringify([c.name, copy, Object.keys(alias).sort()]);
    let build = chunkBuilds.get(key);
    if (!build) {
      build = esbuild.build(chunkBuildOptions(c.name, copy, req.outDir, SHARED, req.appDir, alias));
      // Settled either way below; a chunk whose bundle is not used must not reject unobserved.
      build.catch(() => undefined);
      chunkBuilds.set(key, build);
    }
    return build;
  };
  for (const c of candidates) void chunkBuild(c, c.copy as string, candidates);
  type Main = esbuild.BuildResult<{ write: false; metafile: true }>;
  let required = requireAliases(req.outDir, REQUIRED_EXTERNALS);
  const runtimeDir = path.dirname(req.runtime?.lambda ?? runtimeLambdaPath());
  const ownDirs = [runtimeDir, req.outDir];
  let lean = true;
  const aliased = async (list: LazyChunk[]): Promise<Main> => {
    const build = () =>
      esbuild.build({ ...options, define: { ...options.define, ...leanDefine(lean) }, alias: { ...options.alias, ...required, ...lazyAliases(list) } });
    let first = await build();
    // An app that imports Express is served by an Express app: once more with the lean path off.
    if (lean && importsExpress(first.metafile, req.appDir, ownDirs)) {
      lean = false;
      first = await build();
    }
    // Externals an app imports as ES modules beyond those aliased (another SDK client): once more with them too.
    const more = esmExternalImports(first.metafile);
    if (more.length === 0) return first;
    required = requireAliases(req.outDir, [...Object.keys(required), ...more]);
    return build();
  };
  type Exact = { main: Main; chunks: { chunk: LazyChunk; result: ChunkResult }[] };
  /**
   * The bundle with as many of the aliases as stay exact. An alias makes a
   * subpath import (`iconv-lite/encodings`) unresolvable, so the build fails:
   * then the build without any lazy alias says, in its metafile (every import
   * as written), which packages can keep theirs, and the others are dropped;
   * its own failure is the app's own errors. Then every importer must resolve
   * to the chunk's copy, and no chunk may hold a package the app uses. Each
   * round drops aliases, so this ends.
   */
  const exact = async (list: LazyChunk[]): Promise<Exact> => {
    let main: Main;
    try {
      main = await aliased(list);
    } catch (error) {
      if (list.length === 0 || !isBuildFailure(error)) throw error;
      const plain = await aliased([]);
      const fit = list.filter((c) => typeof importedCopy(plain.metafile, req.appDir, c.name, ownDirs) === "string");
      // When every alias looks exact yet the build failed, none is kept: the plain build is the bundle.
      return fit.length > 0 && fit.length < list.length ? exact(fit) : { main: plain, chunks: [] };
    }
    const drop = (names: string[]): Promise<Exact> => exact(list.filter((c) => !names.includes(c.name)));
    const copies = new Map(list.map((c) => [c.name, importedCopy(main.metafile, req.appDir, c.name, ownDirs)]));
    const inexact = list.filter((c) => copies.get(c.name) === false).map((c) => c.name);
    if (inexact.length > 0) return drop(inexact);
    // The chunks the bundle imports, then those they import, each checked as the bundle was.
    const chunks: Exact["chunks"] = [];
    const queue = list.filter((c) => typeof copies.get(c.name) === "string");
    for (let i = 0; i < queue.length; i++) {
      const chunk = queue[i];
      const copy = copies.get(chunk.name) as string;
      const result = await chunkBuild(chunk, copy, list);
      chunks.push({ chunk, result });
      for (const other of list) {
        if (other === chunk) continue;
        const inner = importedCopy(result.metafile, req.appDir, other.name);
        if (inner === false || (typeof inner === "string" && copies.get(other.name) !== undefined && copies.get(other.name) !== inner))
          return drop([other.name]);
        if (typeof inner === "string" && !queue.includes(other)) {
          copies.set(other.name, inner);
          queue.push(other);
        }
      }
    }
    const used = packagesUsed(main.metafile, req.appDir, ownDirs);
    const shared = chunks.filter(({ result }) => [...packagesUsed(result.metafile, req.appDir)].some((p) => used.has(p))).map(({ chunk }) => chunk.name);
    return shared.length > 0 ? drop(shared) : { main, chunks };
  };
  const { main, chunks } = await exact(candidates);
  const outputFiles = [...main.outputFiles];
  const warnings = [...main.warnings];
  const shims = new Set([...planned.flatMap((c) => [c.shim, c.innerShim]), ...Object.values(required)]);
  const inputs = new Set(Object.keys(main.metafile.inputs).filter((f) => !shims.has(path.resolve(req.appDir, f))));
  for (const { result } of chunks) {
    outputFiles.push(...result.outputFiles);
    warnings.push(...result.warnings);
    // The chunk's stdin entry is not a file, and the shims are generated.
    for (const f of Object.keys(result.metafile.inputs))
      if (fs.existsSync(path.resolve(req.appDir, f)) && !shims.has(path.resolve(req.appDir, f))) inputs.add(f);
  }
  const entryOutput = Object.entries(main.metafile.outputs).find(([file]) => file.endsWith(`${SHARED}/${BUNDLE_FILE}`));
  return { outputFiles, warnings, inputs: [...inputs], exports: entryOutput?.[1].exports ?? [] };
}

/**
 * The runtime serves an app of `api` routes on Express's Router and loads
 * the rest of Express on first need (src/runtime/core/api/lean.ts) only in
 * a bundle built with this flag on.
 */
function leanDefine(lean: boolean): Record<string, string> {
  return { "process.env.IAC_LEAN_HTTP": JSON.stringify(lean ? "1" : "0") };
}

/**
 * Whether a module outside iac's runtime (the app, or a package it uses)
 * imports Express or a file of it: such an app may extend Express's request
 * and response prototypes, which only an Express app serves.
 */
function importsExpress(metafile: esbuild.Metafile, absWorkingDir: string, ownDirs: readonly string[]): boolean {
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (insideDirs(path.resolve(absWorkingDir, file), ownDirs)) continue;
    for (const imported of input.imports) {
      const original = imported.original;
      if (original === "express" || original?.startsWith("express/")) return true;
    }
  }
  return false;
}

/** Copies the pages into the bundle dir (replacing any earlier set) and folds them into its hash. */
function withPages(req: BundleRequest, functions: BundledFunction[]): BundledFunction[] {
  const first = functions[0];
  if (!first) return functions;
  // What an earlier build copied (pages, folders since removed from the app) goes; the bundle's own files stay.
  for (const entry of fs.readdirSync(first.dir)) if (!BUNDLE_OWN.has(entry)) fs.rmSync(path.join(first.dir, entry), { recursive: true, force: true });
  const pages = [...new Set(req.pages ?? [])].sort().filter((p) => fs.existsSync(path.join(req.appDir, "static", p)));
  const folders = req.folders ?? [];
  if (pages.length === 0 && folders.length === 0) return functions;
  const hash = createHash("sha256").update(first.hash);
  const copy = (from: string, rel: string): void => {
    const to = path.join(first.dir, rel);
    // The bundle's own files (index.mjs, vendor/) are never replaced by an app file of the same name.
    if (fs.existsSync(to)) return;
    const content = fs.readFileSync(from);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, content);
    hash.update(rel.split(path.sep).join("/")).update("\0").update(content);
  };
  for (const page of pages) copy(path.join(req.appDir, "static", page), path.join("static", page));
  for (const folder of folders) for (const rel of filesUnder(path.join(req.appDir, folder))) copy(path.join(req.appDir, folder, rel), path.join(folder, rel));
  const digest = hash.digest("hex");
  return functions.map((f) => ({ ...f, hash: digest }));
}

/** What esbuild writes into the function's directory: the bundle, its map and the lazy chunks. */
const BUNDLE_OWN = new Set([BUNDLE_FILE, `${BUNDLE_FILE}.map`, "vendor"]);

/** Regular files under `dir`, relative, sorted; links and special files are not followed. */
function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

function writeBundle(outDir: string, files: esbuild.OutputFile[]): Omit<BundledFunction, "id"> {
  const dir = path.join(outDir, SHARED);
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash("sha256");
  let bytes = 0;
  let lazyBytes = 0;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.contents);
    hash
      .update(posixPath(path.relative(dir, file.path)))
      .update("\0")
      .update(file.contents);
    if (!/\.[cm]?js$/.test(file.path)) continue;
    if (path.dirname(file.path) === dir) bytes += file.contents.byteLength;
    else lazyBytes += file.contents.byteLength;
  }
  return { dir, bytes, lazyBytes, hash: hash.digest("hex") };
}

/**
 * The bundle cache: esbuild's metafile lists every file it read; if each
 * still has the same content (and the request is the same), the previous
 * output stands and esbuild is not run. A new file can only join the bundle
 * through an edit to a file already in it, so this misses no change, except
 * a newly installed package shadowing a resolved one (rare; `iac build` after
 * `npm install` of a same-named package should clear `.iac/bundles`).
 */
const INPUTS = "inputs.json";

interface RememberedInputs {
  fingerprint: string;
  inputs: [string, string][];
  functions: BundledFunction[];
}

function rememberInputs(req: BundleRequest, fingerprint: string, files: string[], functions: BundledFunction[]): void {
  const inputs: [string, string][] = [];
  for (const file of files) {
    const abs = path.resolve(req.appDir, file);
    inputs.push([abs, hashFile(abs)]);
  }
  const remembered: RememberedInputs = { fingerprint, inputs: inputs.sort(), functions };
  fs.writeFileSync(path.join(req.outDir, INPUTS), JSON.stringify(remembered));
}

function reuseBundles(outDir: string, fingerprint: string): BundledFunction[] | undefined {
  const file = path.join(outDir, INPUTS);
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isRemembered(parsed) || parsed.fingerprint !== fingerprint) return undefined;
  for (const [abs, sha] of parsed.inputs) if (!fs.existsSync(abs) || hashFile(abs) !== sha) return undefined;
  for (const f of parsed.functions) if (!fs.existsSync(path.join(f.dir, BUNDLE_FILE))) return undefined;
  return parsed.functions;
}

function hashFile(abs: string): string {
  return createHash("sha256").update(fs.readFileSync(abs)).digest("hex");
}

function isRemembered(value: unknown): value is RememberedInputs {
  if (typeof value !== "object" || value === null) return false;
  if (!("fingerprint" in value) || typeof value.fingerprint !== "string") return false;
  if (!("inputs" in value) || !Array.isArray(value.inputs)) return false;
  if (!value.inputs.every((i: unknown) => Array.isArray(i) && i.length === 2 && typeof i[0] === "string" && typeof i[1] === "string")) return false;
  if (!("functions" in value) || !Array.isArray(value.functions)) return false;
  return value.functions.every(
    (f: unknown) =>
      typeof f === "object" &&
      f !== null &&
      "id" in f &&
      typeof f.id === "string" &&
      "dir" in f &&
      typeof f.dir === "string" &&
      "bytes" in f &&
      typeof f.bytes === "number" &&
      "lazyBytes" in f &&
      typeof f.lazyBytes === "number" &&
      "hash" in f &&
      typeof f.hash === "string",
  );
}

/**
 * The params' preload, the adapter, then the init module, then the app: in the flattened
 * bundle the app's code runs after init's top-level await (static imports
 * evaluate in order; an await in the entry's own body would run after them).
 */
function entrySource(appEntry: string, lambda: string, initFile: string): string {
  // Before the adapter: the runtime's preload starts the params' SSM round trip, which then overlaps the
  // evaluation of everything else (a test's fake runtime has none).
  const preload = path.join(path.dirname(lambda), "adapters", "lambda", "preload.ts");
  return [
    ...(fs.existsSync(preload) ? [`import ${JSON.stringify(preload)};`] : []),
    `export { handler } from ${JSON.stringify(lambda)};`,
    `import ${JSON.stringify(initFile)};`,
    `import ${JSON.stringify(appEntry)};`,
    ``,
  ].join("\n");
}

/** Backends from the environment and the stage's params, before any app module is evaluated. */
function initSource(lambda: string): string {
  return `import { prepareLambda } from ${JSON.stringify(lambda)};\nawait prepareLambda();\n`;
}

function noHandlerDiagnostic(entry: string): Diagnostic {
  return {
    code: SYNTH_CODES.bundleError,
    severity: "error",
    message: "the Lambda bundle does not export `handler`: something in the app's modules replaced the bundle's exports",
    location: { file: entry, line: 1, column: 1 },
    hint: "look for `module.exports =` or `exports.handler` in an ES module of the app",
  };
}

function isBuildFailure(error: unknown): error is esbuild.BuildFailure {
  return error instanceof Error && "errors" in error && Array.isArray(error.errors);
}

function toDiagnostics(messages: readonly esbuild.Message[], severity: "error" | "warning", entry: string, entryFile: string): Diagnostic[] {
  const generated = path.basename(entryFile);
  return messages.map((m) => {
    const loc = m.location;
    // A message inside a generated entry is about the app's entry module (e.g. it does not exist).
    const inApp = loc && path.basename(loc.file) !== generated;
    return {
      code: severity === "error" ? SYNTH_CODES.bundleError : SYNTH_CODES.bundleWarning,
      severity,
      message: m.text,
      location: inApp ? { file: posixPath(loc.file), line: loc.line, column: loc.column + 1 } : { file: entry, line: 1, column: 1 },
      hint:
        m.notes
          .map((n) => n.text)
          .filter((t) => t.length > 0)
          .join(" ") || undefined,
    };
  });
}

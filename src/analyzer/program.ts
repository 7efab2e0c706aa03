/**
 * Loads an app directory into a TypeScript program: finds the entry, reads
 * the app's own tsconfig, and follows the app's imports.
 *
 * Speed matters more than completeness here: we never type-check, so no lib
 * files, no `@types`, and no module under node_modules is ever loaded (a bare
 * import resolves to nothing, which is all the analyzer needs to know about
 * express or the SDK). The SDK specifiers are recognised by name, before
 * resolution, so an app's `paths` mapping `iac` somewhere cannot pull the
 * runtime's own source into the program.
 */
import * as fs from "fs";
import * as path from "path";
import ts = require("typescript");
import { type AppInfo, type Diagnostic, type DiagnosticFix, nearestWord, type SourceLocation } from "../graph";
import { bindFile, MAX_DEPTH, nestingPoint } from "./names";
import { absolutePath, joinRelative, posixPath, relativePath } from "./paths";
import { type FileSignature, readAppFile, safeReadFile } from "./read";
import { SDK_MODULES } from "./sdk";
import { describeEntryRule, findEntry as findAppEntry } from "../entry";
import { ANALYZER_CODES } from "./codes";

const {
  canHaveModifiers,
  createModuleResolutionCache,
  createSourceFile,
  DiagnosticCategory,
  Extension,
  flattenDiagnosticMessageText,
  forEachChild,
  getImpliedNodeFormatForFile,
  getModifiers,
  isCallExpression,
  isExportAssignment,
  isExportDeclaration,
  isExternalModuleReference,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isStringLiteralLike,
  JSDocParsingMode,
  JsxEmit,
  ModuleKind,
  ModuleResolutionKind,
  parseJsonConfigFileContent,
  readConfigFile,
  resolveModuleName,
  ScriptTarget,
  SyntaxKind,
} = ts;

export interface LoadedApp {
  dir: string;
  program: AppProgram;
  entry: ts.SourceFile;
  /** App source files (no declaration files), sorted by path. */
  files: ts.SourceFile[];
  info: AppInfo;
  /** `(file, specifier)` → the app module it resolves to; absent for bare and unresolved specifiers. */
  modules: Map<string, string>;
}

export type LoadResult = { ok: true; app: LoadedApp; diagnostics: Diagnostic[] } | { ok: false; info: AppInfo; diagnostics: Diagnostic[] };

function readPackageJson(dir: string, diagnostics: Diagnostic[]): Record<string, unknown> {
  const file = path.join(dir, "package.json");
  if (!fs.existsSync(file)) return {};
  const read = readAppFile(file, dir);
  if (!read.ok) {
    diagnostics.push({
      code: ANALYZER_CODES.packageJson,
      severity: "error",
      message: `package.json cannot be read: ${read.reason}`,
      location: { file: "package.json", line: 1, column: 1 },
    });
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(read.text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? Object.fromEntries(Object.entries(parsed)) : {};
  } catch (e) {
    diagnostics.push({
      code: ANALYZER_CODES.packageJson,
      severity: "error",
      message: `package.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      location: { file: "package.json", line: 1, column: 1 },
    });
    return {};
  }
}

/** [a-z0-9-], scope stripped; the directory name when package.json has none. */
export function appName(pkgName: unknown, dir: string): string {
  const raw = typeof pkgName === "string" && pkgName.length > 0 ? pkgName.replace(/^@[^/]+\//, "") : path.basename(path.resolve(dir));
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name.length > 0 ? name : "app";
}

/** The entry by the one rule every command follows (src/entry.ts); what it could not find, as diagnostics. */
function findEntry(dir: string, main: unknown, diagnostics: Diagnostic[]): string | undefined {
  const pkgFile = path.join(dir, "package.json");
  const found = findAppEntry(dir, main);
  if (found.entry && found.mainMissing) {
    diagnostics.push({
      code: ANALYZER_CODES.mainMissing,
      severity: "warning",
      message: `package.json "main" is ${found.main}, which does not exist; analysing ${relativePath(dir, found.entry)} instead`,
      location: { file: "package.json", line: 1, column: 1 },
      hint: 'point "main" at the app\'s source entry',
    });
  }
  if (found.entry) return found.entry;
  if (found.main !== undefined) {
    diagnostics.push({
      code: ANALYZER_CODES.entry,
      severity: "error",
      message: `entry not found: package.json "main" is ${found.main}, which does not exist`,
      location: { file: "package.json", line: 1, column: 1 },
      hint: `create ${found.main} or point "main" at the app's entry`,
    });
    return undefined;
  }
  diagnostics.push({
    code: ANALYZER_CODES.entry,
    severity: "error",
    message: `entry not found in ${dir}: ${describeEntryRule(found)}`,
    // At package.json, where "main" would go, when there is one to point at (a regular file: a code frame reads it).
    ...(isRegularFile(pkgFile) ? { location: { file: "package.json", line: 1, column: 1 } } : {}),
    hint: 'add an index.ts (or set "main" in package.json)',
  });
  return undefined;
}

/**
 * The app's tsconfig `paths`, each target made absolute (against `baseUrl`,
 * else the tsconfig's own folder, as TypeScript does), for tools that map
 * module names themselves (`iac test` gives them to Jest).
 */
export function tsconfigPathMappings(dir: string): { pattern: string; targets: string[] }[] {
  const options = compilerOptions(dir, undefined, []);
  const base = options.baseUrl ?? (typeof options.pathsBasePath === "string" ? options.pathsBasePath : dir);
  return Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({ pattern, targets: targets.map((t) => path.resolve(base, t)) }));
}

function compilerOptions(dir: string, tsconfig: string | undefined, diagnostics: Diagnostic[]): ts.CompilerOptions {
  const base: ts.CompilerOptions = {
    target: ScriptTarget.ES2022,
    module: ModuleKind.CommonJS,
    moduleResolution: ModuleResolutionKind.Node10,
    jsx: JsxEmit.Preserve,
  };
  const configPath = tsconfig ? path.resolve(dir, tsconfig) : path.join(dir, "tsconfig.json");
  let options = base;
  if (fs.existsSync(configPath)) {
    let read: { config?: unknown; error?: ts.Diagnostic };
    let parsed: ts.ParsedCommandLine | undefined;
    try {
      read = readConfigFile(configPath, safeReadFile());
      // Only the options are wanted: a host that lists no directories spares the walk over `include` (error 18003, no inputs, is expected).
      const optionsOnly: ts.ParseConfigHost = {
        useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
        readDirectory: () => [],
        fileExists: ts.sys.fileExists,
        readFile: safeReadFile(),
      };
      parsed = read.error ? undefined : parseJsonConfigFileContent(read.config, optionsOnly, path.dirname(configPath), undefined, configPath);
    } catch (error) {
      // JSON nested thousands deep, or thousands of `extends`: the compiler's config reader recurses through both.
      if (!isStackOverflow(error)) throw error;
      read = {
        error: {
          category: DiagnosticCategory.Error,
          code: 0,
          file: undefined,
          start: undefined,
          length: undefined,
          messageText: "it nests too deeply (or extends too many configs) for the TypeScript compiler to read",
        },
      };
      parsed = undefined;
    }
    const error = read.error ?? parsed?.errors.find((e) => e.category === DiagnosticCategory.Error && e.code !== 18003);
    if (error) {
      diagnostics.push({
        code: ANALYZER_CODES.tsconfig,
        severity: "warning",
        message: `cannot use ${relativePath(dir, configPath)}: ${flattenDiagnosticMessageText(error.messageText, " ")}`,
        location: { file: relativePath(dir, configPath), line: 1, column: 1 },
        hint: "the analyzer continues with default compiler options",
      });
    }
    if (parsed) options = { ...base, ...parsed.options };
  } else if (tsconfig) {
    diagnostics.push({ code: ANALYZER_CODES.tsconfig, severity: "warning", message: `tsconfig ${tsconfig} not found; using default compiler options` });
  }
  // Parse and bind only: no lib, no @types, no emit, JS welcome.
  return { ...options, noLib: true, types: [], allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true, noResolve: false };
}

/**
 * The app's modules, parsed: what the rest of the analyzer asks of a program.
 * Built by `loadApp` with `ts.createSourceFile` and our own import walk
 * rather than `ts.createProgram`, whose bookkeeping (file-name maps, lib and
 * reference processing, resolution caches per file) cost a third as much
 * again as parsing itself at 1,000 files, for nothing we read.
 */
export class AppProgram {
  constructor(
    private readonly options: ts.CompilerOptions,
    private readonly byPath: ReadonlyMap<string, ts.SourceFile>,
  ) {}

  getCompilerOptions(): ts.CompilerOptions {
    return this.options;
  }

  /** A loaded module by absolute path (either separator). */
  getSourceFile(file: string): ts.SourceFile | undefined {
    return this.byPath.get(absolutePath(file));
  }
}

/**
 * Parsed modules kept between analyses in one long-lived process (`iac dev`'s
 * analysis worker), so an analysis after a save re-parses only the files
 * whose text changed. Off unless a caller installs one (`useParseCache`):
 * one-shot commands would only hold memory with it.
 *
 * A module is reused when its text is the same string as last time (every
 * file is still read, so there is no mtime granularity to trust) and it is
 * parsed with the same settings (the compiler options, which decide the
 * language version and how a file is found to be a module, and its implied
 * module format). Reuse is sound because nothing after loading changes a
 * SourceFile: parents are set once by `bindFile`, whose name tables are kept
 * per SourceFile (names.ts), and every other per-node table belongs to one
 * analysis. Modules the last analysis did not load are dropped. A module
 * nested too deeply (IAC8010) is never kept, so it is reported every time.
 */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; signature: FileSignature; format: ts.ResolutionMode; source: ts.SourceFile }>();
  private settings = "";
  private used = new Set<string>();
  /** Of the last analysis: modules reused and modules parsed; of those reused, how many were not even read (unchanged signature). */
  reused = 0;
  parsed = 0;
  unread = 0;

  /** Begins an analysis with these compiler options; different options drop every kept module. */
  startRun(options: ts.CompilerOptions): this {
    const settings = JSON.stringify(options);
    if (settings !== this.settings) this.entries.clear();
    this.settings = settings;
    this.used = new Set();
    this.reused = 0;
    this.parsed = 0;
    this.unread = 0;
    return this;
  }

  /** The text last read from `file`, when the file's signature is still the one it was read with. */
  knownText(file: string, signature: FileSignature): string | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.signature.racy || entry.signature.key !== signature.key) return undefined;
    this.unread++;
    return entry.text;
  }

  get(file: string, text: string, format: ts.ResolutionMode): ts.SourceFile | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.text !== text || entry.format !== format) return undefined;
    this.used.add(file);
    this.reused++;
    return entry.source;
  }

  set(file: string, text: string, signature: FileSignature, format: ts.ResolutionMode, source: ts.SourceFile): void {
    this.entries.set(file, { text, signature, format, source });
    this.used.add(file);
    this.parsed++;
  }

  /** Ends an analysis that loaded the app: modules it did not load are dropped. */
  finish(): void {
    for (const file of this.entries.keys()) if (!this.used.has(file)) this.entries.delete(file);
  }

  /** Modules kept. */
  get size(): number {
    return this.entries.size;
  }
}

let parseCache: ParseCache | undefined;

/** Installs (or, with undefined, removes) the cache every later `loadApp` in this process reads and fills. */
export function useParseCache(cache: ParseCache | undefined): void {
  parseCache = cache;
}

/** `ts.getSetExternalModuleIndicator`: how the compiler decides a file is a module (`moduleDetection`); internal, so optional. */
type ModuleIndicator = (options: ts.CompilerOptions) => ((file: ts.SourceFile) => void) | undefined;

export function loadApp(dir: string, tsconfig?: string): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const root = path.resolve(dir);
  const pkg = readPackageJson(root, diagnostics);
  const name = appName(pkg.name, root);
  const entryPath = findEntry(root, pkg.main, diagnostics);
  const info: AppInfo = { name, entry: entryPath ? relativePath(root, entryPath) : "", language: "js", moduleFormat: "cjs" };
  if (!entryPath) return { ok: false, info, diagnostics };

  const options = compilerOptions(root, tsconfig, diagnostics);
  const host: ts.ModuleResolutionHost = ts.sys;
  const cache = createModuleResolutionCache(root, (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()), options);
  const indicator = (ts as unknown as { getSetExternalModuleIndicator?: ModuleIndicator }).getSetExternalModuleIndicator?.(options);
  const languageVersion = options.target ?? ScriptTarget.ES2022;
  const nodeModes = options.moduleResolution === ModuleResolutionKind.Node16 || options.moduleResolution === ModuleResolutionKind.NodeNext;
  const modules = new Map<string, string>();
  const byPath = new Map<string, ts.SourceFile>();
  const listings: Listings = new Map();

  const unreadable = new Map<string, string>();
  // Files whose failure parse() has already reported at its own location (too deep).
  const reported = new Set<string>();
  const kept = parseCache?.startRun(options);
  const parse = (file: string): ts.SourceFile | undefined => {
    // The entry comes from package.json's `main`: it must be the app's; what it imports may sit beside the app.
    const read = readAppFile(file, root, {
      outside: byPath.size > 0,
      read: ts.sys.readFile,
      known: kept && ((_real, signature) => kept.knownText(file, signature)),
    });
    if (!read.ok) {
      unreadable.set(file, read.reason);
      return undefined;
    }
    const text = read.text;
    const impliedNodeFormat = nodeModes ? getImpliedNodeFormatForFile(file, cache.getPackageJsonInfoCache(), host, options) : undefined;
    const reused = kept?.get(file, text, impliedNodeFormat);
    if (reused) return reused;
    // JSDoc only feeds type checking, which we never do. Parents are set by bindFile's walk, not the parser's.
    let source: ts.SourceFile;
    try {
      source = createSourceFile(
        file,
        text,
        { languageVersion, impliedNodeFormat, setExternalModuleIndicator: indicator, jsDocParsingMode: JSDocParsingMode.ParseNone },
        false,
      );
    } catch (error) {
      // The parser recurses as our walkers do: 5,000 nested `if`s, or a few hundred nested `(() => {`, overflow its stack.
      if (!isStackOverflow(error)) throw error;
      reported.add(file);
      diagnostics.push({
        code: ANALYZER_CODES.nestedTooDeep,
        severity: "error",
        message: `${relativePath(root, file)} nests too deeply for the TypeScript parser (around here); iac does not analyse this module`,
        location: offsetLocation(root, file, text, nestingPoint(text)),
        hint: "split the expression or the nesting (a long chain of + or .then(), deeply nested blocks) into smaller parts",
      });
      return undefined;
    }
    const deep = bindFile(source);
    if (deep) {
      reported.add(file);
      diagnostics.push({
        code: ANALYZER_CODES.nestedTooDeep,
        severity: "error",
        message: `${relativePath(root, file)} nests deeper than ${MAX_DEPTH} levels here; iac does not analyse this module`,
        location: nodeLocation(root, source, deep),
        hint: "split the expression or the nesting (a long chain of + or .then(), deeply nested blocks) into smaller parts",
      });
      return undefined;
    }
    kept?.set(file, text, read.signature, impliedNodeFormat, source);
    return source;
  };
  const resolve = (specifier: string, containingFile: string): string | undefined => {
    if (SDK_MODULES.has(specifier)) return undefined;
    const resolved =
      resolveRelativeTs(specifier, containingFile, options, listings) ?? resolveModuleName(specifier, containingFile, options, host, cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.includes("/node_modules/")) return undefined;
    // A JSON module has no code to analyse; it stays unresolved, like a package.
    if (resolved.extension === Extension.Json) return undefined;
    const target = absolutePath(resolved.resolvedFileName);
    modules.set(`${absolutePath(containingFile)}\0${specifier}`, target);
    return target;
  };

  // Breadth-first from the entry, each module parsed once.
  const entry = parse(posixPath(entryPath));
  if (!entry && reported.has(posixPath(entryPath))) return { ok: false, info, diagnostics };
  if (!entry) {
    const reason = unreadable.get(posixPath(entryPath));
    diagnostics.push({
      code: ANALYZER_CODES.entry,
      severity: "error",
      message: `entry ${info.entry} could not be read${reason ? `: ${reason}` : ""}`,
      ...(pkg.main !== undefined ? { location: { file: "package.json", line: 1, column: 1 } } : {}),
      hint: "the entry must be a source file inside the app directory",
    });
    return { ok: false, info, diagnostics };
  }
  byPath.set(absolutePath(entry.fileName), entry);
  const queue = [entry];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const literal of moduleSpecifiers(file)) {
      const specifier = literal.text;
      const target = resolve(specifier, file.fileName);
      if (target === undefined && isRelative(specifier) && !resolvesOutsideApp(specifier, file.fileName, options, host, cache)) {
        diagnostics.push(unresolvedImport(root, file, literal));
        continue;
      }
      if (target === undefined || byPath.has(target)) continue;
      const loaded = parse(posixPath(target));
      if (!loaded) {
        if (!reported.has(posixPath(target))) diagnostics.push(unreadableImport(root, file, literal, unreadable.get(posixPath(target)) ?? "it cannot be read"));
        continue;
      }
      byPath.set(target, loaded);
      queue.push(loaded);
    }
  }

  kept?.finish();
  const files = queue.filter((f) => !f.isDeclarationFile).sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  info.language = /\.(c|m)?tsx?$/.test(entryPath) ? "ts" : "js";
  info.moduleFormat = moduleFormatOf(entry, pkg.type);
  return { ok: true, app: { dir: root, program: new AppProgram(options, byPath), entry, files, info, modules }, diagnostics };
}

/**
 * The modules a file loads: import and export-from declarations, `import x =
 * require()`, and literal `require("x")` and `import("x")` calls anywhere
 * (the call walk only runs when the text mentions one).
 */
function moduleSpecifiers(file: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  for (const st of file.statements) {
    if ((isImportDeclaration(st) || isExportDeclaration(st)) && st.moduleSpecifier && isStringLiteralLike(st.moduleSpecifier)) {
      found.push(st.moduleSpecifier);
    } else if (isImportEqualsDeclaration(st) && isExternalModuleReference(st.moduleReference) && isStringLiteralLike(st.moduleReference.expression)) {
      found.push(st.moduleReference.expression);
    }
  }
  const text = file.text;
  if (!text.includes("require") && !text.includes("import(") && !text.includes("import (")) return found;
  const walk = (node: ts.Node): void => {
    if (isCallExpression(node) && node.arguments.length >= 1) {
      const arg = node.arguments[0];
      const isLoad = node.expression.kind === SyntaxKind.ImportKeyword || (isIdentifier(node.expression) && node.expression.text === "require");
      if (isLoad && isStringLiteralLike(arg)) found.push(arg);
    }
    forEachChild(node, walk);
  };
  walk(file);
  return found;
}

function isRelative(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

/** A relative import that TypeScript resolves after all (into node_modules, or a JSON module): not the app's code, not an error. */
function resolvesOutsideApp(
  specifier: string,
  containingFile: string,
  options: ts.CompilerOptions,
  host: ts.ModuleResolutionHost,
  cache: ts.ModuleResolutionCache,
): boolean {
  if (resolveModuleName(specifier, containingFile, options, host, cache).resolvedModule) return true;
  // A JSON file or an asset a bundler handles (`./data.json`, `./logo.svg`): there, and not code.
  return fs.existsSync(path.resolve(path.dirname(containingFile), specifier));
}

/** A diagnostic location (project-relative, 1-based) for a node of a file the loader parsed. */
function nodeLocation(root: string, file: ts.SourceFile, node: ts.Node): SourceLocation {
  const at = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { file: relativePath(root, file.fileName), line: at.line + 1, column: at.character + 1 };
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A RangeError from a recursion that ran out of stack. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** A diagnostic location for an offset into a file's text (no tree: the parser gave up on it). */
function offsetLocation(root: string, file: string, text: string, offset: number): SourceLocation {
  // Line breaks as the compiler counts them.
  const before = text.slice(0, offset);
  const line = (before.match(/\r\n?|[\n\u2028\u2029]/g)?.length ?? 0) + 1;
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"), before.lastIndexOf("\u2028"), before.lastIndexOf("\u2029")) + 1;
  return { file: relativePath(root, file), line, column: offset - lineStart + 1 };
}

/** IAC8009: an imported app module that is not a readable source file inside the app. */
function unreadableImport(root: string, file: ts.SourceFile, literal: ts.StringLiteralLike, reason: string): Diagnostic {
  return {
    code: ANALYZER_CODES.moduleUnreadable,
    severity: "error",
    message: `cannot read "${literal.text}": ${reason}`,
    location: nodeLocation(root, file, literal),
    hint: "app modules must be regular source files inside the app directory",
  };
}

/**
 * IAC8007: an import of the app's own code that names no file. The app's
 * modules behind it would be missing from the graph (no routes, no table):
 * an error at the import, with the nearest file name when there is one.
 */
function unresolvedImport(root: string, file: ts.SourceFile, literal: ts.StringLiteralLike): Diagnostic {
  const dir = path.dirname(path.resolve(path.dirname(file.fileName), literal.text));
  const wanted = path.basename(literal.text).replace(/\.[cm]?[jt]sx?$/, "");
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(dir)
      .map((n) => n.replace(/\.[cm]?[jt]sx?$/, ""))
      .filter((n) => n !== "" && !n.startsWith("."));
  } catch {
    // The folder itself is missing: no suggestion.
  }
  const nearest = nearestWord(
    wanted,
    names.filter((n) => n !== wanted),
  );
  const suggestion = nearest ? `${literal.text.slice(0, literal.text.length - path.basename(literal.text).length)}${nearest}` : undefined;
  const location = nodeLocation(root, file, literal);
  return {
    code: ANALYZER_CODES.importUnresolved,
    severity: "error",
    message: `cannot resolve "${literal.text}": no such module in the app, so nothing it registers (routes, schedules, tables) would be built`,
    location,
    hint: suggestion ? `did you mean "${suggestion}"?` : "check the path; relative imports name a file of the app",
    ...(suggestion ? { fix: importPathFix(file, literal, location, suggestion) } : {}),
  };
}

/** The suggested path in place of the literal, with the extension the import was written with (`./utils.js`). */
function importPathFix(file: ts.SourceFile, literal: ts.StringLiteralLike, location: SourceLocation, suggestion: string): DiagnosticFix {
  const ext = /\.[cm]?[jt]sx?$/.exec(literal.text)?.[0] ?? "";
  const fixed = `${suggestion}${ext}`;
  const quote = file.text[literal.getStart(file)];
  const end = file.getLineAndCharacterOfPosition(literal.getEnd());
  return {
    title: `replace "${literal.text}" with "${fixed}"`,
    edits: [
      {
        file: location.file,
        start: { line: location.line, column: location.column },
        end: { line: end.line + 1, column: end.character + 1 },
        newText: `${quote}${fixed}${quote}`,
      },
    ],
  };
}

/**
 * `./x` or `../x` (no extension) where `x.ts` is a file: what Node10 and
 * Bundler resolution answer first (they try .ts, .tsx, .d.ts, then JS), without
 * their lookup machinery, which was a third of loading at 1,000 files. Options
 * that change relative resolution (rootDirs, moduleSuffixes), other modes
 * (node16 ESM wants extensions) and everything else go the long way.
 */
function resolveRelativeTs(name: string, containingFile: string, options: ts.CompilerOptions, files: Listings): ts.ResolvedModuleFull | undefined {
  if (!name.startsWith("./") && !name.startsWith("../")) return undefined;
  if (options.rootDirs || options.moduleSuffixes) return undefined;
  if (options.moduleResolution !== ModuleResolutionKind.Node10 && options.moduleResolution !== ModuleResolutionKind.Bundler) return undefined;
  const last = name.slice(name.lastIndexOf("/") + 1);
  // `..`, `./dir/`, `./x.js`, `./x.json`: extensions and directories have their own rules.
  if (last === "" || last.includes(".")) return undefined;
  // TypeScript's own form: forward slashes on every platform.
  const file = joinRelative(containingFile, name) ?? posixPath(path.resolve(path.dirname(containingFile), `${name}.ts`));
  if (file.includes("/node_modules/")) return undefined;
  return isFile(file, files) ? { resolvedFileName: file, extension: Extension.Ts, isExternalLibraryImport: false } : undefined;
}

/** Regular files per directory, listed once: a folder of 1,000 modules is one readdir, not 1,000 stats. */
type Listings = Map<string, Set<string> | undefined>;

function isFile(file: string, listings: Listings): boolean {
  const slash = file.lastIndexOf("/");
  const dir = file.slice(0, slash);
  let names = listings.get(dir);
  if (!listings.has(dir)) {
    try {
      names = new Set(
        fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name),
      );
    } catch {
      names = undefined;
    }
    listings.set(dir, names);
  }
  if (names?.has(file.slice(slash + 1))) return true;
  // Symbolic links, and names spelled in another case on case-insensitive file systems: ask the file system.
  if (names === undefined) return false;
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    // ELOOP and the like: not a file to resolve to (the read reports why, if it is imported).
    return false;
  }
}

/** `.mjs`/`.mts` and `"type": "module"` are ESM; `.cjs`/`.cts` CJS; else by the entry's own syntax. */
function moduleFormatOf(entry: ts.SourceFile, pkgType: unknown): "esm" | "cjs" {
  if (/\.m[jt]s$/.test(entry.fileName)) return "esm";
  if (/\.c[jt]s$/.test(entry.fileName)) return "cjs";
  if (pkgType === "module") return "esm";
  const esmSyntax = entry.statements.some(
    (s) =>
      isImportDeclaration(s) ||
      isExportDeclaration(s) ||
      isExportAssignment(s) ||
      (canHaveModifiers(s) && (getModifiers(s) ?? []).some((m) => m.kind === SyntaxKind.ExportKeyword)),
  );
  return esmSyntax ? "esm" : "cjs";
}

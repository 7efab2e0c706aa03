/**
 * Compiled code for the CommonJS modules iac loads, kept between runs, so
 * later runs skip compiling them. aws-cdk-lib is hundreds of files: compiling
 * them was about a third of what loading it costs on every `iac build`.
 *
 * Where Node has it (22.1+), this is Node's own compile cache
 * (`module.enableCompileCache`), in `compile/` under the cache directory.
 * Node 20 has none: there `enableCodeCache()` hooks
 * `Module.prototype._compile`, and a module under `node_modules` or iac's
 * own compiled modules is compiled with `vm.Script` and the cached data stored
 * for it last time, then run with the same arguments Node gives it.
 * `saveCodeCache()` (after the work, when the functions it ran have been
 * compiled too) writes one pack of every such module's cached data, only when
 * something was compiled without an accepted cache. An entry is used only for
 * the same file (path, size, mtime and length of its source) under the same
 * Node, V8 and node flags.
 *
 * The cache directory is `IAC_CACHE_DIR` when set, else
 * `node_modules/.cache/iac` beside aws-cdk-lib when that install is
 * writable, else the OS temp dir (cacheDirBeside).
 *
 * The Node 20 hook takes only CommonJS without `import()`: ES modules loaded
 * through require() and modules that import() (a restored vm.Script has no
 * dynamic-import loader) compile the usual way. Anything unusual (a module
 * system that is not Node's, as under jest, where nothing goes through
 * `Module.prototype._compile`; a cache V8 rejects; an unreadable or
 * unwritable pack) falls back to Node's own compile: the cache only ever
 * changes how fast a module loads, never what it is.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import Module from "module";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";

interface Entry {
  file: string;
  size: number;
  mtimeMs: number;
  /** Length of the source string (what V8 itself checks). */
  length: number;
  /** Where its cached data sits in the pack. */
  offset: number;
  bytes: number;
}

interface Loaded {
  entry: Omit<Entry, "offset" | "bytes">;
  /** Accepted data from the pack, or the script to create data from. */
  data?: Buffer;
  script?: vm.Script;
}

interface State {
  pack: string;
  old: Map<string, Entry>;
  blob: Buffer;
  loaded: Map<string, Loaded>;
  dirty: boolean;
  hits: number;
}

interface Pack {
  entries: Entry[];
}

/** Which cache this process uses: Node's own, the Node 20 hook, or none yet. */
let mode: "node" | "hook" | undefined;
let state: State | undefined;

/** Dynamic `import(` (not `__importStar(` and the like). */
const DYNAMIC_IMPORT = /(?<![\w$.])import\s*\(/;

type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
type EnableCompileCache = (directory?: string) => { status: number };

export interface CodeCacheOptions {
  /** The cache directory; default `IAC_CACHE_DIR`, else `<node_modules>/.cache/iac`, else the OS temp dir (tests pass a temp dir). */
  dir?: string;
}

/** Node's compile cache, where this Node has one (22.1+). */
function nodeCompileCache(): EnableCompileCache | undefined {
  const enable: unknown = Reflect.get(Module, "enableCompileCache");
  return typeof enable === "function" ? (directory?: string) => Reflect.apply(enable, Module, [directory]) as { status: number } : undefined;
}

/** Turns the cache on for every module loaded from now on; idempotent (the first call's options stand). */
export function enableCodeCache(options: CodeCacheOptions = {}): void {
  if (mode) return;
  const dir = options.dir ?? cacheDirBeside(installedModules());
  const native = nodeCompileCache();
  if (native) {
    // Node keys its entries by Node version, V8 and flags itself, and honours NODE_DISABLE_COMPILE_CACHE.
    try {
      native(path.join(dir, "compile"));
    } catch {
      // An unusable directory: modules compile as usual.
    }
    mode = "node";
    return;
  }
  enableHook(path.join(dir, `modules-${v8CacheKey()}.v8pack`));
}

/** The Node 20 fallback: compiles modules under node_modules and iac's own from the pack. */
function enableHook(pack: string): void {
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  if (typeof original !== "function") return;
  const { old, blob } = readPack(pack);
  const current: State = { pack, old, blob, loaded: new Map(), dirty: false, hits: 0 };
  state = current;
  mode = "hook";
  const inModules = `${path.sep}node_modules${path.sep}`;
  // iac's own compiled modules (this directory) too; never the user's files.
  const own = __dirname + path.sep;
  proto._compile = function compile(this: Module, content: string, filename: string, ...rest: unknown[]): unknown {
    const node = () => original.call(this, content, filename, ...rest);
    // CommonJS only: Node 20.19+ passes a format for ES modules it loads through require() (and .mjs is never CommonJS).
    const commonJs = (rest[0] === undefined || rest[0] === "commonjs") && (filename.endsWith(".js") || filename.endsWith(".cjs"));
    if (!commonJs || !(filename.includes(inModules) || filename.startsWith(own)) || current.loaded.has(filename)) return node();
    // `import()` needs the loader Node wires into its own compile (a vm.Script restored from cached data has none).
    if (DYNAMIC_IMPORT.test(content)) return node();
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filename);
    } catch {
      return node();
    }
    const entry = { file: filename, size: stat.size, mtimeMs: stat.mtimeMs, length: content.length };
    const known = current.old.get(filename);
    const same = known !== undefined && known.size === entry.size && known.mtimeMs === entry.mtimeMs && known.length === entry.length;
    const cachedData = same ? current.blob.subarray(known.offset, known.offset + known.bytes) : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // Not CommonJS after all (a .js file in ES module syntax, which Node detects): Node's own way, nothing has run yet.
      return node();
    }
    if (cachedData && !script.cachedDataRejected) {
      current.loaded.set(filename, { entry, data: cachedData });
      current.hits += 1;
    } else {
      current.loaded.set(filename, { entry, script });
      current.dirty = true;
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
}

/** Node's `makeRequireFunction`, as every CommonJS module gets it. */
function requireFor(mod: Module): NodeJS.Require {
  const M = Module as unknown as {
    _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
    _resolveLookupPaths(request: string, parent: Module): string[] | null;
    _extensions: NodeJS.RequireExtensions;
    _cache: NodeJS.Dict<NodeModule>;
  };
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = M._extensions;
  require.cache = M._cache;
  return require;
}

/** Writes the pack when something was compiled without an accepted cache; once per process. */
export function saveCodeCache(): void {
  const current = state;
  if (!current || !current.dirty) return;
  current.dirty = false;
  try {
    const entries: Entry[] = [];
    const chunks: Buffer[] = [];
    let offset = 0;
    const add = (entry: Omit<Entry, "offset" | "bytes">, data: Buffer) => {
      entries.push({ ...entry, offset, bytes: data.length });
      chunks.push(data);
      offset += data.length;
    };
    // Modules of earlier runs that this one did not load stay in the pack (another app may need them), while unchanged.
    for (const [file, e] of current.old) {
      if (!current.loaded.has(file) && unchanged(e)) add(e, current.blob.subarray(e.offset, e.offset + e.bytes));
    }
    for (const { entry, data, script } of current.loaded.values()) {
      const made = data ?? script?.createCachedData();
      if (made) add(entry, made);
    }
    const packed: Pack = { entries };
    const index = Buffer.from(JSON.stringify(packed));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(index.length);
    fs.mkdirSync(path.dirname(current.pack), { recursive: true });
    // Write then rename: concurrent runs never read half a file.
    const tmp = `${current.pack}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([header, index, ...chunks]));
    fs.renameSync(tmp, current.pack);
  } catch {
    // A read-only install just stays uncached.
  }
}

/**
 * Which cache this process uses and, for the Node 20 hook, what it compiled:
 * from the pack, and without it (to be saved). For tests and benchmarks.
 */
export function codeCacheStatus(): { mode: "node" | "hook" | "off"; fromCache: number; compiled: number } {
  if (mode === "node") return { mode, fromCache: 0, compiled: 0 };
  if (!state) return { mode: "off", fromCache: 0, compiled: 0 };
  return { mode: "hook", fromCache: state.hits, compiled: state.loaded.size - state.hits };
}

function unchanged(e: Entry): boolean {
  try {
    const stat = fs.statSync(e.file);
    return stat.size === e.size && stat.mtimeMs === e.mtimeMs;
  } catch {
    return false;
  }
}

function readPack(file: string): { old: Map<string, Entry>; blob: Buffer } {
  try {
    const bytes = fs.readFileSync(file);
    const length = bytes.readUInt32LE(0);
    const packed = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Pack;
    if (!Array.isArray(packed.entries)) throw new Error("not a pack");
    return { old: new Map(packed.entries.map((e) => [e.file, e])), blob: bytes.subarray(4 + length) };
  } catch {
    return { old: new Map(), blob: Buffer.alloc(0) };
  }
}

/**
 * What V8's cached data depends on besides the source: Node, V8, the CPU
 * architecture and the node flags (V8 rejects data made under other flags;
 * the validation relaunch sets two). For file names; shared with the
 * analyzer's TypeScript cache.
 */
export function v8CacheKey(): string {
  // Long options only: `node -e <code>` puts the code itself in execArgv.
  const options = process.execArgv.filter((a) => a.startsWith("--") && !a.startsWith("--eval") && !a.startsWith("--print"));
  const flags = options.length > 0 ? createHash("sha256").update(options.join("\0")).digest("hex").slice(0, 12) : "";
  return [process.versions.node, process.versions.v8, process.arch, flags]
    .filter(Boolean)
    .join("-")
    .replace(/[^\w.-]/g, "_");
}

/** The node_modules that holds aws-cdk-lib, the biggest install iac loads from: the cache lives beside it. */
function installedModules(): string | undefined {
  try {
    return path.dirname(path.dirname(require.resolve("aws-cdk-lib/package.json")));
  } catch {
    return undefined;
  }
}

/**
 * Where V8 caches live: `IAC_CACHE_DIR` when set (a CI cache folder, or a
 * test run's, which writes nothing into the repository's node_modules),
 * else `<node_modules>/.cache/iac` when that install is writable, else the
 * OS temp dir. Shared with the analyzer's TypeScript cache.
 */
export function cacheDirBeside(nodeModules: string | undefined): string {
  const chosen = process.env.IAC_CACHE_DIR;
  if (chosen) return path.resolve(chosen);
  return nodeModules && path.basename(nodeModules) === "node_modules" && isWritable(nodeModules)
    ? path.join(nodeModules, ".cache", "iac")
    : path.join(os.tmpdir(), "iac-cache");
}

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads `typescript.js` from a V8 code cache, so later runs skip compiling it.
 *
 * Why: the compiler is a 9 MB script; Node compiles it on every start-up
 * (about 0.5 s of CPU, more than a 50-file app takes to analyse). Node 20 has
 * no `module.enableCompileCache`, so we do what it does later versions do:
 * compile the module source with `vm.Script` and `cachedData`, and after the
 * first analysis (when the functions it used have been compiled too) store
 * `createCachedData()` in iac's cache directory (`cacheDirBeside`: `IAC_CACHE_DIR`,
 * else `node_modules/.cache/iac`, else the OS temp dir).
 *
 * The module is put into `require.cache` under typescript's own file name, so
 * every `import ts = require("typescript")` that follows gets this very instance.
 * Anything unusual (a module system that is not Node's, as under jest; a
 * cache V8 rejects; an unwritable directory) falls back to plain `require`:
 * the cache only ever changes how fast the compiler loads, never what it is.
 */
import { isAscii } from "buffer";
import * as fs from "fs";
import Module, { createRequire } from "module";
import * as path from "path";
import * as vm from "vm";
import { cacheDirBeside, v8CacheKey } from "../code-cache";

interface Cached {
  script: vm.Script;
  /** Where the cache lives for this exact compiler, Node and V8. */
  file: string;
  /** V8 used the cache we had: nothing to write. */
  fresh: boolean;
}

let cached: Cached | undefined;

// On import, so that it runs before the `import ts = require("typescript")` of every module imported after this one.
preloadTypeScript();

/** Compile and register typescript from the code cache; a no-op when it is already loaded. */
export function preloadTypeScript(): void {
  const local = createRequire(__filename);
  let file: string;
  try {
    file = local.resolve("typescript");
  } catch {
    return;
  }
  if (require.cache[file]) return;
  const mod = new Module(file, module);
  mod.filename = file;
  // Under jest `require.cache` is a read-only view: nothing sticks, so let jest load it.
  require.cache[file] = mod;
  if (require.cache[file] !== mod) return;
  try {
    // typescript.js is ASCII; decoding it as latin1 is half the cost of utf8 (~80 ms here).
    const bytes = fs.readFileSync(file);
    const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
    const cacheFile = cacheFileFor(file, source.length);
    const data = readOptional(cacheFile);
    const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: data });
    const wrapper: unknown = script.runInThisContext();
    if (typeof wrapper !== "function") throw new Error("typescript did not compile to a module wrapper");
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    cached = { script, file: cacheFile, fresh: data !== undefined && !script.cachedDataRejected };
  } catch {
    // Plain `require` will load it the usual way.
    delete require.cache[file];
  }
}

/** Store the code cache once per process, after an analysis has compiled the functions it needs. */
export function saveTypeScriptCache(): void {
  if (!cached || cached.fresh) return;
  const { script, file } = cached;
  cached.fresh = true;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: concurrent runs never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, file);
  } catch {
    // A read-only install just stays uncached.
  }
}

function cacheFileFor(tsFile: string, length: number): string {
  const stat = fs.statSync(tsFile);
  // Per Node, V8, architecture and node flags (a validating build relaunches with two), and per compiler file.
  const key = `${v8CacheKey()}-${length}-${Math.floor(stat.mtimeMs)}`;
  // typescript lives in <node_modules>/typescript/lib/typescript.js.
  return path.join(cacheDirBeside(path.resolve(path.dirname(tsFile), "..", "..")), `typescript-${key}.v8cache`);
}

function readOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

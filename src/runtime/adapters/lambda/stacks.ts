/**
 * Stack traces at the app's own file:line on Lambda, without
 * `--enable-source-maps`. With that flag Node reads and parses the bundle's
 * source map when it loads the bundle, at every cold start, whether or not
 * an error is ever logged. Instead the runtime installs an
 * `Error.prepareStackTrace` hook when the bundle loads (no I/O); the first
 * time a stack with a frame in the bundle is formatted (`err.stack` read by
 * the runtime's logger, by `console.error(err)` in app code, or by the
 * Lambda runtime reporting a failed invocation), it reads the map the
 * bundle links to (`//# sourceMappingURL=` at its end) and maps from then on.
 *
 * Output: the same text Node's own `--enable-source-maps` gives (its
 * `prepareStackTraceWithSourceMaps`, mirrored here): frames in the bundle as
 * `name (<original file>:<line>:<column>)`, the original file resolved
 * against the map's directory as Node resolves it; every other frame, and
 * every stack without a frame in the bundle, formatted as Node would have
 * (the hook it replaces, or Node's default).
 * Invariants: never throws (any failure prints the frame unmapped); no
 * effect when Node already maps stacks (`--enable-source-maps`) or when the
 * map is missing or unreadable.
 */
import { closeSync, openSync, readFileSync, readSync, fstatSync } from "fs";
import { SourceMap, type SourceMapPayload } from "module";
import { dirname, resolve } from "path";
import { pathToFileURL } from "url";

type Prepare = (error: Error, trace: NodeJS.CallSite[]) => unknown;

const AT = "\n    at ";

/** Installs the hook for frames of `bundleFile` (a bundle carrying a `sourceMappingURL`). */
export function installStackMapping(bundleFile: string): void {
  if (process.sourceMapsEnabled) return;
  const previous: Prepare | undefined = typeof Error.prepareStackTrace === "function" ? Error.prepareStackTrace : undefined;
  const mapper = new BundleMapper(bundleFile);
  let busy = false;
  Error.prepareStackTrace = (error, trace) => {
    if (busy || !trace.some((site) => mapper.owns(site.getFileName()))) return fallback(previous, error, trace);
    busy = true;
    try {
      const map = mapper.sourceMap();
      if (!map) return fallback(previous, error, trace);
      return (
        header(error) + trace.map((site, i) => AT + (mapper.owns(site.getFileName()) ? mappedFrame(map, mapper, site, trace[i + 1]) : String(site))).join("")
      );
    } catch {
      return fallback(previous, error, trace);
    } finally {
      busy = false;
    }
  };
}

class BundleMapper {
  private url: string | undefined;
  private loaded: { map: SourceMap; dir: string; sourceRoot: string } | null | undefined;

  constructor(private readonly file: string) {}

  /** Whether a frame's file name is the bundle (a path under CommonJS, a file URL if loaded as ESM). */
  owns(name: string | undefined | null): boolean {
    if (!name) return false;
    if (name === this.file) return true;
    this.url ??= pathToFileURL(this.file).href;
    return name === this.url;
  }

  sourceMap(): SourceMap | undefined {
    if (this.loaded === undefined) this.loaded = this.load();
    return this.loaded?.map;
  }

  /** An original source as Node prints it: resolved against the map's directory (and `sourceRoot`). */
  sourcePath(source: string): string {
    if (source.startsWith("file://")) return new URL(source).pathname;
    return resolve(this.loaded?.dir ?? dirname(this.file), (this.loaded?.sourceRoot ?? "") + source);
  }

  private load(): { map: SourceMap; dir: string; sourceRoot: string } | null {
    try {
      const url = linkedMapUrl(this.file);
      if (!url) return null;
      let payload: SourceMapPayload;
      let dir = dirname(this.file);
      const inline = /^data:application\/json;(?:charset=utf-?8;)?base64,(.*)$/i.exec(url);
      if (inline) payload = JSON.parse(Buffer.from(inline[1], "base64").toString("utf8")) as SourceMapPayload;
      else {
        const mapFile = resolve(dir, decodeURIComponent(url));
        payload = JSON.parse(readFileSync(mapFile, "utf8")) as SourceMapPayload;
        dir = dirname(mapFile);
      }
      return { map: new SourceMap(payload), dir, sourceRoot: typeof payload.sourceRoot === "string" ? payload.sourceRoot : "" };
    } catch {
      return null;
    }
  }
}

/** The `//# sourceMappingURL=` comment at the end of a file (esbuild writes it last). */
function linkedMapUrl(file: string): string | undefined {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    const matches = [...tail.toString("utf8").matchAll(/\/\/[#@] sourceMappingURL=(\S+)/g)];
    return matches.at(-1)?.[1];
  } finally {
    closeSync(fd);
  }
}

/** Node's `serializeJSStackFrame` (lib/internal/source_map/prepare_stack_trace.js). */
function mappedFrame(map: SourceMap, mapper: BundleMapper, site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
  const entry = entryAt(map, site.getLineNumber(), site.getColumnNumber());
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return String(site);
  const name = originalSymbolName(map, site, caller);
  const fnName = site.getFunctionName() ?? site.getMethodName();
  const prefix = site.isAsync() ? "async " : site.isConstructor() ? "new " : "";
  const typeName = site.getTypeName();
  const namePrefix = typeName !== null && typeName !== "global" ? `${typeName}.` : "";
  const originalName = `${namePrefix}${fnName || "<anonymous>"}`;
  const mappedName = name && name !== originalName ? name : originalName;
  const location = `${mapper.sourcePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${prefix}${mappedName} (${location})`;
}

/** The name the transpiler may have renamed: the enclosing function's, else the one at the caller's call site. */
function originalSymbolName(map: SourceMap, site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string | undefined {
  const enclosing = entryAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber());
  if (enclosing.name) return enclosing.name;
  if (caller && site.getFileName() === caller.getFileName()) return entryAt(map, caller.getLineNumber(), caller.getColumnNumber()).name;
  return undefined;
}

interface Entry {
  originalSource?: string;
  originalLine?: number;
  originalColumn?: number;
  /** Node's entries carry the mapping's name too (not in @types/node's SourceMapping). */
  name?: string;
}

/** The entry at a 1-based stack position (source maps count lines and columns from 0). */
function entryAt(map: SourceMap, line: number | null, column: number | null): Entry {
  if (line === null || column === null) return {};
  const entry: Entry = map.findEntry(line - 1, column - 1);
  return entry;
}

function fallback(previous: Prepare | undefined, error: Error, trace: NodeJS.CallSite[]): unknown {
  if (previous) return previous(error, trace);
  return trace.length === 0 ? header(error) : header(error) + AT + trace.join(AT);
}

/** Node's first line: `Name [CODE]: message` for Node's own errors, `Error.prototype.toString` otherwise. */
function header(error: Error): string {
  if (isNodeError(error)) return `${error.name} [${String((error as { code?: unknown }).code)}]: ${error.message}`;
  return Error.prototype.toString.call(error);
}

/** Node marks its own errors with a symbol (`kIsNodeError`) on their prototype chain, not reachable from here by reference. */
function isNodeError(error: Error): boolean {
  for (let o: object | null = error; o !== null && o !== Error.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.getOwnPropertySymbols(o).some((s) => s.description === "kIsNodeError")) return true;
  }
  return false;
}

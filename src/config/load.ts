/**
 * Finds and loads `iac.config.ts|.js|.mjs` from an app directory. All three
 * go through esbuild (bundled, CommonJS, packages external, a source map
 * kept in memory), so TypeScript needs no ts-node at run time and ESM works
 * in a CommonJS host. The code runs in this process with a `require` that
 * resolves packages from the app directory, except `iac/compiler`, which
 * is the library that asked (its caller passes it in, so config does not
 * import the library that imports config), so `defineConfig` and the CDK
 * classes a hook uses are the same instances synth uses.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { SourceMap } from "module";
import { buildSync, type Message } from "esbuild";
import type { Diagnostic, SourceLocation } from "../graph";
import { CONFIG_CODES } from "./codes";
import { checkConfig } from "./check";
import type { LoadedConfig } from "./types";
import { posixPath } from "../posix-path";

export const CONFIG_FILES = ["iac.config.ts", "iac.config.mts", "iac.config.js", "iac.config.mjs", "iac.config.cjs"] as const;

export interface LoadResult {
  /** Absent when the app has no config file, or on errors. */
  loaded?: LoadedConfig;
  diagnostics: Diagnostic[];
}

export function findConfigFile(appDir: string): string | undefined {
  return CONFIG_FILES.find((name) => fs.existsSync(path.join(appDir, name)));
}

/** The module a config's `iac/compiler` import gets: the library itself (src/compiler.ts). */
export type LibraryModule = () => unknown;

export function loadConfig(appDir: string, library: LibraryModule): LoadResult {
  const name = findConfigFile(appDir);
  if (!name) return { diagnostics: [] };
  const file = path.join(appDir, name);
  const at = (line = 1, column = 1): SourceLocation => ({ file: name, line, column });

  const compiled = compile(file);
  if ("errors" in compiled) {
    return {
      diagnostics: compiled.errors.map((m) => ({
        code: CONFIG_CODES.compileError,
        severity: "error",
        message: `iac.config could not be compiled: ${m.text}`,
        location: m.location ? { file: relative(appDir, path.resolve(appDir, m.location.file)), line: m.location.line, column: m.location.column + 1 } : at(),
      })),
    };
  }
  const generated = `${file}.compiled.cjs`;
  const map = new SourceMap(compiled.map);
  const locate = (error: unknown): SourceLocation => locateError(error, generated, map, appDir) ?? at();

  const module = { exports: {} as unknown };
  try {
    // Same line numbers as the compiled code: the wrapper adds nothing before line 1's code.
    const wrapper: unknown = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${compiled.code}\n})`, {
      filename: generated,
    }).runInThisContext();
    if (typeof wrapper !== "function") throw new Error("internal: config wrapper is not a function");
    wrapper(module.exports, requireFrom(appDir, library), module, file, appDir);
  } catch (error) {
    return {
      diagnostics: [
        { code: CONFIG_CODES.loadError, severity: "error", message: `iac.config threw while loading: ${messageOf(error)}`, location: locate(error) },
      ],
    };
  }
  const exported = defaultExport(module.exports);
  const checked = checkConfig(exported, at());
  if (!checked.config) return { diagnostics: checked.diagnostics };
  const key = createHash("sha256").update(compiled.code).digest("hex");
  return { loaded: { config: checked.config, hooks: checked.hooks ?? {}, file: name, key, locate }, diagnostics: checked.diagnostics };
}

function compile(file: string): { code: string; map: SourceMapPayload } | { errors: Message[] } {
  try {
    const result = buildSync({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      write: false,
      sourcemap: "external",
      outfile: `${file}.compiled.cjs`,
      logLevel: "silent",
    });
    const js = result.outputFiles.find((f) => f.path.endsWith(".cjs"));
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"));
    if (!js || !map) throw new Error("internal: esbuild returned no output for iac.config");
    const payload: unknown = JSON.parse(map.text);
    if (!isPayload(payload)) throw new Error("internal: esbuild returned an unreadable source map");
    return { code: js.text, map: payload };
  } catch (error) {
    if (typeof error === "object" && error !== null && "errors" in error && Array.isArray(error.errors)) return { errors: error.errors };
    throw error;
  }
}

type SourceMapPayload = ConstructorParameters<typeof SourceMap>[0];

function isPayload(value: unknown): value is SourceMapPayload {
  return typeof value === "object" && value !== null && "mappings" in value && "sources" in value;
}

/** `iac/compiler` is the library; anything else resolves from the app dir, through the host's module cache. */
function requireFrom(appDir: string, library: LibraryModule): (specifier: string) => unknown {
  return (specifier) => {
    if (specifier === "iac/compiler") return library();
    return require(require.resolve(specifier, { paths: [appDir] }));
  };
}

function defaultExport(exports: unknown): unknown {
  if (typeof exports === "object" && exports !== null && "default" in exports) return exports.default;
  return exports;
}

/** The first stack frame in the compiled config, mapped back to the config's source. */
export function locateError(error: unknown, generated: string, map: SourceMap, appDir: string): SourceLocation | undefined {
  const stack = stringField(error, "stack") ?? "";
  for (const line of stack.split("\n")) {
    const i = line.indexOf(`${generated}:`);
    if (i < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(line.slice(i + generated.length));
    if (!m) continue;
    const entry = map.findEntry(Number(m[1]) - 1, Number(m[2]) - 1);
    if (!("originalSource" in entry)) continue;
    const source = entry.originalSource.startsWith("file://") ? new URL(entry.originalSource).pathname : entry.originalSource;
    // esbuild names sources relative to the output file's directory (the config's own).
    const abs = path.resolve(path.dirname(generated), source);
    return { file: relative(appDir, abs), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
  return undefined;
}

function relative(appDir: string, file: string): string {
  return posixPath(path.relative(appDir, file));
}

/** Duck-typed, not `instanceof Error`: config code may run in another realm (Jest's sandbox, vm contexts). */
export function messageOf(error: unknown): string {
  return stringField(error, "message") ?? String(error);
}

function stringField(error: unknown, name: "message" | "stack"): string | undefined {
  if (typeof error !== "object" || error === null || !(name in error)) return undefined;
  const value: unknown = Reflect.get(error, name);
  return typeof value === "string" ? value : undefined;
}

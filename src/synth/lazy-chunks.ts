/**
 * Lazy vendor chunks: packages the Lambda bundle loads on first use instead
 * of at cold start. Each package is a second esbuild output,
 * `vendor/<name>.cjs` beside `index.mjs`, and in the bundle a small shim:
 *
 * - LAZY_PACKAGES (iconv-lite, mime-types with mime-db): Express's modules
 *   require them when they load, though a request needs iconv-lite only to
 *   decode a body and mime-types only for content negotiation and body
 *   types; their shim is a `lazyModule` proxy
 *   (src/runtime/adapters/lambda/lazy-module.ts) that requires the chunk on
 *   its first touch;
 * - ON_DEMAND_PACKAGES (express, body-parser, qs, multer, picomatch): the
 *   runtime requires them only when a request or a registration needs them
 *   (Express beyond its Router on the lean request path,
 *   src/runtime/core/api/lean.ts); their shim requires the chunk when it is
 *   itself required.
 *
 * Inside a chunk the other chunks' names are aliased to shims beside it, so
 * every package has one copy and one module instance.
 *
 * Module format: shims and chunks are `.cjs`, CommonJS by their extension,
 * whatever `package.json` is around them: the shims are written under the
 * app's folder, which may say `"type": "module"` (a `.js` shim would then be
 * read as an ES module, and its `module.exports =` would replace the
 * bundle's own exports).
 *
 * Exactness: esbuild's `alias` replaces a package name for every importer,
 * so after the build every file that imported the name is checked: Node's
 * own lookup from that file (node_modules folders upward) must find the one
 * copy the chunk is built from. When it does not (the app or one of its
 * dependencies has another copy or version, or imports a subpath), the name
 * is left alone and bundled as usual. Nor may a chunk hold a package the
 * app's own code uses (packagesUsed): the app would then hold one copy of
 * that module and the chunk another, whose objects can tell each other
 * apart. The chunks change when code loads, never which code runs.
 */
import * as fs from "fs";
import * as path from "path";
import type * as esbuild from "esbuild";
import { IMAGE_EXTERNALS } from "./require-shims";

/** Required at load by Express's modules, needed by few requests: their shims are `lazyModule` proxies. */
export const LAZY_PACKAGES = ["iconv-lite", "mime-types"] as const;

/**
 * Required by the runtime only when a request or a registration needs them
 * (Express itself beyond its Router on the lean request path, body parsing,
 * qs for a query string with brackets, multipart, storage globs): their
 * shims load the chunk when they are themselves required, so the bundle
 * neither parses nor runs them at a cold start.
 */
export const ON_DEMAND_PACKAGES = ["express", "body-parser", "qs", "multer", "picomatch"] as const;

/** Files of a chunk's package the runtime imports by path, bundled as usual (the lean path's Router). */
const KEPT_SUBPATHS: Readonly<Record<string, readonly string[]>> = { express: ["lib/router"] };

/** Where chunks go, relative to the bundle's `index.mjs`. */
const VENDOR = "vendor";

export interface LazyChunk {
  name: string;
  /** The generated shim `name` is aliased to in the bundle. */
  shim: string;
  /** The shim `name` is aliased to inside other chunks (beside them in `vendor/`). */
  innerShim: string;
  /** The package copy the chunk is built from (real path), when one was found. */
  copy: string | undefined;
}

/** The runtime's lazy-module helper; a runtime without one (a test's fake) gets no chunks. */
export function lazyModuleHelper(runtimeLambda: string): string | undefined {
  const helper = path.join(path.dirname(runtimeLambda), "adapters", "lambda", "lazy-module.ts");
  return fs.existsSync(helper) ? helper : undefined;
}

/**
 * Writes one shim per package under `<outDir>/lazy/` and returns the chunks
 * planned, each with the copy Node resolves from the runtime's folder (where
 * Express resolves from in an ordinary install): the copy to build from
 * unless the check after the build finds another.
 */
export function planLazyChunks(outDir: string, runtimeLambda: string): LazyChunk[] {
  const helper = lazyModuleHelper(runtimeLambda);
  if (!helper) return [];
  const dir = path.join(outDir, "lazy");
  fs.mkdirSync(path.join(dir, "inner"), { recursive: true });
  const names = [...LAZY_PACKAGES.map((name) => ({ name, proxy: true })), ...ON_DEMAND_PACKAGES.map((name) => ({ name, proxy: false }))];
  return names.map(({ name, proxy }) => {
    const shim = path.join(dir, `${name}.cjs`);
    const innerShim = path.join(dir, "inner", `${name}.cjs`);
    fs.writeFileSync(shim, shimSource(name, helper, proxy, `/${VENDOR}/${name}.cjs`));
    fs.writeFileSync(innerShim, shimSource(name, helper, proxy, `/${name}.cjs`));
    return { name, shim, innerShim, copy: nodePackageDir(name, path.dirname(runtimeLambda)) };
  });
}

/**
 * A shim's source. `chunk` is relative to the `__dirname` of the file the
 * shim ends up in: the bundle's folder (which synth's banner defines in its
 * ES module) or, inside another chunk, `vendor/` itself.
 */
function shimSource(name: string, helper: string, proxy: boolean, chunk: string): string {
  return [
    `// Generated by iac (src/synth/lazy-chunks.ts): ${name} loads from ${VENDOR}/${name}.cjs beside the bundle ${proxy ? "on first use" : "when required"}.`,
    ...(proxy ? [`const { lazyModule } = require(${JSON.stringify(helper)});`] : []),
    // Not a literal require: esbuild leaves it to Node, relative to the file's own folder.
    `const load = require;`,
    proxy ? `module.exports = lazyModule(() => load(__dirname + ${JSON.stringify(chunk)}));` : `module.exports = load(__dirname + ${JSON.stringify(chunk)});`,
    ``,
  ].join("\n");
}

/**
 * esbuild `alias` entries for the chunks in the bundle: each name to its
 * shim, and the files the runtime imports by path (KEPT_SUBPATHS) to
 * themselves, from the chunk's copy (esbuild applies a package's alias to
 * its subpaths unless a longer one matches).
 */
export function lazyAliases(chunks: readonly LazyChunk[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const c of chunks) {
    aliases[c.name] = c.shim;
    for (const sub of KEPT_SUBPATHS[c.name] ?? []) if (c.copy) aliases[`${c.name}/${sub}`] = path.join(c.copy, sub);
  }
  return aliases;
}

/** Inside a chunk: the other chunks' names to their shims beside it. */
export function innerAliases(chunks: readonly LazyChunk[], self: string): Record<string, string> {
  return Object.fromEntries(chunks.filter((c) => c.name !== self).map((c) => [c.name, c.innerShim]));
}

/** Whether the absolute path `file` is inside one of `dirs` (iac's runtime and generated files, for the checks below). */
export function insideDirs(file: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => file.startsWith(dir + path.sep));
}

/**
 * The package folders (real paths) whose files `metafile` bundled, reached
 * from the modules that are not in `ownDirs` and not in a package (the app's
 * own files), through imports that stay out of `ownDirs`: the packages the
 * app's code uses. With no `ownDirs`, every package the build bundled.
 */
export function packagesUsed(metafile: esbuild.Metafile, absWorkingDir: string, ownDirs?: readonly string[]): Set<string> {
  const abs = (file: string): string => path.resolve(absWorkingDir, file);
  const own = (file: string): boolean => ownDirs !== undefined && insideDirs(abs(file), ownDirs);
  const inPackage = (file: string): boolean => abs(file).split(path.sep).includes("node_modules");
  const queue = Object.keys(metafile.inputs).filter((f) => (ownDirs === undefined ? inPackage(f) : !own(f) && !inPackage(f)));
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    for (const imported of metafile.inputs[queue[i]]?.imports ?? []) {
      if (imported.external || seen.has(imported.path) || own(imported.path) || !(imported.path in metafile.inputs)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  const packages = new Set<string>();
  for (const file of seen) {
    const parts = abs(file).split(path.sep);
    const at = parts.lastIndexOf("node_modules");
    if (at < 0 || at + 1 >= parts.length) continue;
    const scoped = parts[at + 1].startsWith("@");
    packages.add(parts.slice(0, at + (scoped ? 3 : 2)).join(path.sep));
  }
  return packages;
}

/**
 * After a build with the chunks' aliases: for each chunk, the one copy every
 * importer of its name resolves to (so the alias was exact), `undefined` when
 * nothing imported it, or `false` when importers disagree, cannot resolve it
 * the Node way, or import a subpath (the alias must be dropped).
 */
export function importedCopy(metafile: esbuild.Metafile, absWorkingDir: string, name: string, ownDirs: readonly string[] = []): string | undefined | false {
  let found: string | undefined;
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const importer = path.resolve(absWorkingDir, file);
    for (const imported of input.imports) {
      const original = imported.original;
      if (original === undefined) continue;
      if (original.startsWith(`${name}/`)) {
        // The runtime's own imports by path are aliased to the chunk's copy (lazyAliases).
        const kept = (KEPT_SUBPATHS[name] ?? []).includes(original.slice(name.length + 1)) && insideDirs(importer, ownDirs);
        if (kept) continue;
        return false;
      }
      if (original !== name) continue;
      const copy = nodePackageDir(name, path.dirname(path.resolve(absWorkingDir, file)));
      if (copy === undefined || (found !== undefined && found !== copy)) return false;
      found = copy;
    }
  }
  return found;
}

/** Node's lookup of a package folder from `from`: `node_modules/<name>` in `from` and each parent (real path). */
export function nodePackageDir(name: string, from: string): string | undefined {
  for (let dir = path.resolve(from); ;) {
    if (path.basename(dir) !== "node_modules") {
      const candidate = path.join(dir, "node_modules", name);
      if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** esbuild options for one chunk: the package copy as a CommonJS module of its own, beside the bundle. */
export function chunkBuildOptions(
  name: string,
  copy: string,
  outDir: string,
  sharedDir: string,
  absWorkingDir: string,
  alias: Record<string, string> = {},
): esbuild.BuildOptions & { write: false; metafile: true } {
  return {
    absWorkingDir,
    alias,
    stdin: { contents: `module.exports = require(${JSON.stringify(copy)});\n`, resolveDir: copy, sourcefile: `${VENDOR}-${name}.cjs`, loader: "js" },
    outfile: path.join(outDir, sharedDir, VENDOR, `${name}.cjs`),
    write: false,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    external: IMAGE_EXTERNALS,
    logLevel: "silent",
    metafile: true,
  };
}

/**
 * Builds the app for `iac dev`, in two parts:
 * - the SDK side, once per session: the guest (src/local/guest.ts) and the
 *   runtime sources in one CommonJS bundle that the loader evaluates afresh
 *   for every app version (a new SDK instance, a new handler registry);
 * - the app side, on every save: the app's own modules, where `iac` and
 *   `@serverless/cloud` become a shim that reads the SDK instance the loader
 *   installs just before evaluating them. Lambda bundles resolve the same
 *   names to the same runtime sources (`runtimeIndexPath`), so dev runs the
 *   code Lambda runs.
 * npm packages stay external (required by absolute path, from the app, else
 * from iac's own node_modules), so express & co. load once per process.
 * The app context is incremental esbuild (`rebuild()` re-reads only what
 * changed), and small, which keeps save-to-answer latency low. esbuild
 * calls a plugin back on this thread for each matching import of every file
 * at every rebuild, so the SDK names, imported by nearly every file, reach
 * no plugin: they are an `alias` of a shim file, and the externals plugin's
 * filter leaves them out (about 6 ms per save at 200 files,
 * bench/dev-reload). A failed build yields located diagnostics (IAC7001, as
 * synth's bundler).
 *
 * The app bundle is CommonJS, which Node can drop from its cache on reload.
 * An app with top-level `await` cannot be CommonJS: when esbuild says so,
 * the session switches to an ES module app bundle (`format: "esm"`, with
 * CommonJS's `require`, `__dirname` and `__filename` given back as in the
 * Lambda bundle), loaded with `import()`. Node never unloads an ES module,
 * so each reload of such an app keeps its predecessor's module in memory.
 */
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import * as esbuild from "esbuild";
import type { Diagnostic } from "../../graph";
import { SYNTH_CODES } from "../../synth/codes";
import { packageRoot, runtimeIndexPath } from "../../synth/paths";
import { ESM_COMMONJS_SCOPE } from "../../synth/require-shims";
import { localSourcePath } from "../app";
import { posixPath } from "../../posix-path";

export type BuildOutcome = { ok: true; code: string; format: "cjs" | "esm" } | { ok: false; diagnostics: Diagnostic[] };

/** The global the app shim reads its SDK instance from (set by the loader around the app's evaluation). */
export const SDK_GLOBAL = "iac.dev.sdk";

const SDK_ENTRY = "iac-dev-sdk";
const BUILTINS = new Set(builtinModules);

export interface DevBundler {
  /** The SDK bundle, built once. */
  sdkCode: string;
  build(): Promise<BuildOutcome>;
  dispose(): Promise<void>;
}

const COMMON: esbuild.BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "inline",
  sourcesContent: false,
  logLevel: "silent",
  write: false,
};

export async function createDevBundler(appDir: string, entry: string, outDir: string): Promise<DevBundler> {
  const sdk = await esbuild.build({
    ...COMMON,
    absWorkingDir: appDir,
    entryPoints: [{ in: `${SDK_ENTRY}:sdk`, out: "sdk" }],
    outdir: outDir,
    plugins: [sdkPlugin(), externalsPlugin()],
  });
  const sdkCode = sdk.outputFiles?.find((f) => f.path.endsWith(".js"))?.text;
  if (!sdkCode) throw new Error("internal: esbuild produced no SDK bundle");
  const shim = path.join(outDir, "sdk-shim.cjs");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(shim, SHIM_SOURCE);
  const appContext = (format: "cjs" | "esm") =>
    esbuild.context({
      ...COMMON,
      ...(format === "esm" ? ESM_APP : {}),
      absWorkingDir: appDir,
      entryPoints: [{ in: entry, out: "app" }],
      outdir: outDir,
      alias: Object.fromEntries(SDK_NAMES.map((name) => [name, shim])),
      plugins: [externalsPlugin(notExactly(SDK_NAMES))],
    });
  let format: "cjs" | "esm" = "cjs";
  let context = await appContext(format);
  const rebuild = async (): Promise<BuildOutcome> => {
    const result = await context.rebuild();
    const js = result.outputFiles?.find((f) => f.path.endsWith(".js"));
    if (!js) throw new Error("internal: esbuild produced no JavaScript");
    return { ok: true, code: js.text, format };
  };
  const build = async (): Promise<BuildOutcome> => {
    try {
      return await rebuild();
    } catch (error) {
      if (!isBuildFailure(error)) throw error;
      if (format === "cjs" && error.errors.some(isTopLevelAwaitInCjs)) {
        await context.dispose();
        format = "esm";
        context = await appContext(format);
        return build();
      }
      return { ok: false, diagnostics: toDiagnostics(error.errors, path.relative(appDir, entry)) };
    }
  };
  return { sdkCode, build, dispose: () => context.dispose() };
}

/** An ES module app bundle: CommonJS code in it gets its scope back as in the Lambda bundle. */
const ESM_APP: esbuild.BuildOptions = { format: "esm", ...ESM_COMMONJS_SCOPE };

function isTopLevelAwaitInCjs(message: esbuild.Message): boolean {
  return /top-level await/i.test(message.text) && /"cjs" output format/.test(message.text);
}

/** The SDK bundle's entry: the guest, and the SDK module the app imports, from one module graph. */
function sdkPlugin(): esbuild.Plugin {
  return {
    name: "iac-dev-sdk",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${SDK_ENTRY}:`) }, (args) => ({ path: args.path, namespace: SDK_ENTRY }));
      build.onLoad({ filter: /.*/, namespace: SDK_ENTRY }, () => ({
        contents: `export { bootGuest } from ${JSON.stringify(localSourcePath("guest.ts"))};\nimport * as sdk from ${JSON.stringify(runtimeIndexPath())};\nexport { sdk };\n`,
        resolveDir: packageRoot(),
        loader: "js",
      }));
    },
  };
}

/** The names apps import the SDK by. */
const SDK_NAMES = ["iac", "@serverless/cloud"];

/** In app bundles, the SDK names become this file: it reads the SDK instance of the version being loaded. */
const SHIM_SOURCE = `// Generated by iac dev (src/local/dev/bundler.ts): the SDK instance of the app version being loaded.\nmodule.exports = globalThis[Symbol.for(${JSON.stringify(SDK_GLOBAL)})];\n`;

/**
 * An esbuild plugin filter (Go's RE2: no look-ahead) matching every bare
 * import path except the given names exactly: a trie of the names, where
 * each step either leaves it (another character, or the end of a proper
 * prefix) or follows it; a name matched whole matches only if more follows
 * (`iac/x`). Paths starting with `.` or `/` are not bare.
 */
export function notExactly(names: readonly string[]): RegExp {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const name of names) {
    let node = root;
    for (const ch of name) {
      const child = node.next.get(ch) ?? { end: false, next: new Map() };
      node.next.set(ch, child);
      node = child;
    }
    node.end = true;
  }
  const escape = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  const pattern = (node: Node, isRoot: boolean): string => {
    const banned = [...node.next.keys(), ...(isRoot ? [".", "/"] : [])].map(escape).join("");
    const ways = [...(isRoot || node.end ? [] : ["$"]), banned ? `[^${banned}]` : "[\\s\\S]"];
    for (const [ch, child] of node.next) ways.push(escape(ch) + pattern(child, false));
    return `(?:${ways.join("|")})`;
  };
  return new RegExp(`^${pattern(root, true)}`);
}

/** npm packages and Node built-ins stay outside the bundles, required by absolute path. */
function externalsPlugin(filter: RegExp = /^[^./]/): esbuild.Plugin {
  const resolved = new Map<string, string | undefined>();
  return {
    name: "iac-dev-externals",
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.namespace !== "file") return undefined;
        if (args.path.startsWith("node:") || BUILTINS.has(args.path)) return { path: args.path, external: true };
        const key = `${args.resolveDir}\u0000${args.path}`;
        if (!resolved.has(key)) resolved.set(key, resolvePackage(args.path, args.resolveDir));
        const file = resolved.get(key);
        // Unresolvable: let esbuild report it at the import's location.
        return file ? { path: file, external: true } : undefined;
      });
    },
  };
}

function resolvePackage(specifier: string, fromDir: string): string | undefined {
  try {
    return require.resolve(specifier, { paths: [fromDir, packageRoot()] });
  } catch {
    return undefined;
  }
}

function isBuildFailure(error: unknown): error is esbuild.BuildFailure {
  return error instanceof Error && "errors" in error && Array.isArray(error.errors);
}

function toDiagnostics(messages: readonly esbuild.Message[], entry: string): Diagnostic[] {
  return messages.map((m) => {
    const loc = m.location;
    const inApp = loc && !loc.file.includes(":");
    return {
      code: SYNTH_CODES.bundleError,
      severity: "error",
      message: m.text,
      location: inApp ? { file: posixPath(loc.file), line: loc.line, column: loc.column + 1 } : { file: posixPath(entry), line: 1, column: 1 },
      hint:
        m.notes
          .map((n) => n.text)
          .filter((t) => t.length > 0)
          .join(" ") || undefined,
    };
  });
}

/**
 * Builds one version of the app for `iac dev`: the app's entry plus the
 * guest (src/local/guest.ts) and the SDK sources, bundled by esbuild into a
 * single CommonJS module with an inline source map. `iac` and
 * `@serverless/cloud` resolve to the runtime sources exactly as in synth's
 * Lambda bundles (`runtimeIndexPath`), so dev runs the code Lambda runs;
 * unlike Lambda bundles, npm packages stay external (required by absolute
 * path from the app, else from iac's own node_modules), which keeps
 * rebuilds and reloads fast and loads express & co. once per process.
 *
 * The esbuild context is incremental: `rebuild()` re-reads only what changed.
 * A failed build yields located diagnostics (IAC7001, as synth's bundler).
 */
import { builtinModules } from "module";
import * as path from "path";
import * as esbuild from "esbuild";
import type { Diagnostic } from "../../graph";
import { SYNTH_CODES } from "../../synth/codes";
import { packageRoot, runtimeIndexPath } from "../../synth/paths";
import { localSourcePath } from "../app";

export type BuildOutcome = { ok: true; code: string } | { ok: false; diagnostics: Diagnostic[] };

const ENTRY = "iac-dev-entry";
const BUILTINS = new Set(builtinModules);

export interface DevBundler {
  build(): Promise<BuildOutcome>;
  dispose(): Promise<void>;
}

export async function createDevBundler(appDir: string, entry: string, outFile: string): Promise<DevBundler> {
  const context = await esbuild.context({
    absWorkingDir: appDir,
    entryPoints: [{ in: `${ENTRY}:app`, out: path.basename(outFile, ".js") }],
    outdir: path.dirname(outFile),
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "inline",
    sourcesContent: false,
    logLevel: "silent",
    plugins: [devPlugin(entry)],
  });
  return {
    async build() {
      try {
        const result = await context.rebuild();
        const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
        if (!js) throw new Error("internal: esbuild produced no JavaScript");
        return { ok: true, code: js.text };
      } catch (error) {
        if (isBuildFailure(error)) return { ok: false, diagnostics: toDiagnostics(error.errors, path.relative(appDir, entry)) };
        throw error;
      }
    },
    dispose: () => context.dispose(),
  };
}

function devPlugin(appEntry: string): esbuild.Plugin {
  const resolved = new Map<string, string | undefined>();
  return {
    name: "iac-dev",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${ENTRY}:`) }, (args) => ({ path: args.path, namespace: ENTRY }));
      build.onLoad({ filter: /.*/, namespace: ENTRY }, () => ({
        // The guest first: it configures the SDK before `loadApp` evaluates the app's modules.
        contents: `export { bootGuest } from ${JSON.stringify(localSourcePath("guest.ts"))};\nexport function loadApp() { require(${JSON.stringify(appEntry)}); }\n`,
        resolveDir: path.dirname(appEntry),
        loader: "js",
      }));
      build.onResolve({ filter: /^(iac|@serverless\/cloud)$/ }, () => ({ path: runtimeIndexPath() }));
      build.onResolve({ filter: /^[^./]/ }, (args) => {
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
    const inApp = loc && !loc.file.startsWith(`${ENTRY}:`);
    return {
      code: SYNTH_CODES.bundleError,
      severity: "error",
      message: m.text,
      location: inApp ? { file: loc.file.split(path.sep).join("/"), line: loc.line, column: loc.column + 1 } : { file: entry.split(path.sep).join("/"), line: 1, column: 1 },
      hint: m.notes.map((n) => n.text).filter((t) => t.length > 0).join(" ") || undefined,
    };
  });
}

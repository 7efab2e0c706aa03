/**
 * Where a local instance finds things: the app's entry module and name, the
 * per-stage state folder (`<app>/.iac/<stage>/`, holding `data/` for the
 * embedded table, `storage/` for files, `params.json` for params), and the
 * iac package's own files (the runtime sources that `iac` and
 * `@serverless/cloud` resolve to, the templates, the compiled test helpers).
 */
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../synth/paths";

export const DEFAULT_STAGE = "local";

export interface LocalApp {
  /** Absolute app directory. */
  dir: string;
  /** Absolute path of the entry module. */
  entry: string;
  /** From package.json `name`, else the folder's name. */
  name: string;
}

const ENTRY_CANDIDATES = ["index.ts", "index.js", "index.mts", "index.mjs", "index.cts", "index.cjs", "app.ts", "app.js"];

/** Reads the app in `dir`: `package.json` `main` if set, else the first of the usual entry names. */
export function resolveLocalApp(dir: string): LocalApp {
  const appDir = path.resolve(dir);
  if (!fs.existsSync(appDir) || !fs.statSync(appDir).isDirectory()) throw new LocalAppError(`no app directory at ${appDir}`);
  const manifest = readManifest(appDir);
  const main = typeof manifest.main === "string" ? manifest.main : undefined;
  const candidates = main ? [main, `${main}.ts`, `${main}.js`] : ENTRY_CANDIDATES;
  const found = candidates.map((c) => path.resolve(appDir, c)).find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
  if (!found) {
    const looked = main ? `package.json "main" (${main})` : ENTRY_CANDIDATES.join(", ");
    throw new LocalAppError(`no entry module in ${appDir}: looked for ${looked}`);
  }
  const name = typeof manifest.name === "string" && manifest.name !== "" ? manifest.name : path.basename(appDir);
  return { dir: appDir, entry: found, name };
}

/** A problem with the user's app or arguments (exit code 1), as opposed to a bug. */
export class LocalAppError extends Error {}

function readManifest(appDir: string): { main?: unknown; name?: unknown } {
  const file = path.join(appDir, "package.json");
  if (!fs.existsSync(file)) return {};
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null) return {};
  return { main: Reflect.get(parsed, "main"), name: Reflect.get(parsed, "name") };
}

/** `<app>/.iac/<stage>`: everything the local instance of that stage keeps. */
export function stageDir(appDir: string, stage: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(stage)) throw new LocalAppError(`invalid stage name "${stage}": use letters, digits, - and _`);
  return path.join(appDir, ".iac", stage);
}

/** The runtime source folder: bundles and Jest alias `iac` to `<root>/src/runtime/index.ts`, as synth does. */
export function runtimeSourceDir(): string {
  return path.join(packageRoot(), "src", "runtime");
}

/** A source file of this folder (`src/local/...`), for code that runs inside the app's module graph. */
export function localSourcePath(...parts: string[]): string {
  return path.join(packageRoot(), "src", "local", ...parts);
}

/** A compiled file of this folder (`dist/local/...`), for things Node must load as plain JS (Jest's transformer). */
export function localDistPath(...parts: string[]): string {
  return path.join(packageRoot(), "dist", "local", ...parts);
}

export function templatesDir(): string {
  return path.join(packageRoot(), "templates");
}

/** The node_modules folders iac's own dependencies resolve from: the fallback for apps without node_modules. */
export function toolNodeModules(): string[] {
  return module.paths.filter((p) => fs.existsSync(p));
}

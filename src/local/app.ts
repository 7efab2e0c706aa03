/**
 * Where a local instance finds things: the app's entry module and name, the
 * per-stage state folder (`<app>/.iac/<stage>/`, holding `data/` for the
 * embedded table, `storage/` for files, `params.json` for params), and the
 * iac package's own files (the runtime sources that `iac` and
 * `@serverless/cloud` resolve to, the templates, the compiled test helpers).
 */
import * as fs from "fs";
import * as path from "path";
import { readIdentity } from "../config/identity";
import { describeEntryRule, findEntry } from "../entry";
import { LOCAL_CODES } from "./codes";
import { DEFAULT_STAGE, FORMER_LOCAL_STAGE, stageNameProblem } from "../stage";
import { packageRoot } from "../synth/paths";

/** The analyzer's codes for the same mistakes (no app folder or entry; package.json that does not parse). */
const ENTRY_CODE = "IAC8001";
const PACKAGE_JSON_CODE = "IAC8006";

export interface LocalApp {
  /** Absolute app directory. */
  dir: string;
  /** Absolute path of the entry module. */
  entry: string;
  /** The pinned identity's `app` (`iac.app.json`), else package.json `name`, else the folder's name. */
  name: string;
}

/** Reads the app in `dir`: its entry by the rule every command follows (src/entry.ts), and its name. */
export function resolveLocalApp(dir: string): LocalApp {
  const appDir = path.resolve(dir);
  if (!fs.existsSync(appDir)) throw new LocalAppError(`app directory ${appDir} does not exist`, ENTRY_CODE);
  if (!fs.statSync(appDir).isDirectory()) throw new LocalAppError(`${appDir} is not a directory`, ENTRY_CODE);
  const manifest = readManifest(appDir);
  const found = findEntry(appDir, manifest.main);
  if (!found.entry) throw new LocalAppError(`no entry module in ${appDir}: ${describeEntryRule(found)}`, ENTRY_CODE);
  const entry = found.entry;
  if (!fs.statSync(entry).isFile()) throw new LocalAppError(`the entry ${path.relative(appDir, entry)} is not a regular file`, ENTRY_CODE);
  // As the analyzer holds it: the entry is the app's own source, not a file elsewhere that "main" names.
  if (path.relative(fs.realpathSync(appDir), fs.realpathSync(entry)).startsWith("..")) {
    throw new LocalAppError(`package.json "main" (${String(manifest.main)}) is outside the app folder ${appDir}`, ENTRY_CODE);
  }
  // The pinned identity names the app when there is one, as in `iac build`: a renamed package.json changes nothing.
  const pinned = readIdentity(appDir);
  const invalid = pinned.diagnostics.find((d) => d.severity === "error");
  if (invalid) throw new LocalAppError(invalid.message, invalid.code);
  const name = pinned.identity?.app ?? (typeof manifest.name === "string" && manifest.name !== "" ? manifest.name : path.basename(appDir));
  return { dir: appDir, entry, name };
}

/** A problem with the user's app or arguments (exit code 1), as opposed to a bug; `code` for `--format json`. */
export class LocalAppError extends Error {
  constructor(
    message: string,
    readonly code: string = LOCAL_CODES.input,
  ) {
    super(message);
  }
}

function readManifest(appDir: string): { main?: unknown; name?: unknown } {
  const file = path.join(appDir, "package.json");
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `is not valid JSON (${error.message})` : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    throw new LocalAppError(`${file} ${reason}`, PACKAGE_JSON_CODE);
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  return { main: Reflect.get(parsed, "main"), name: Reflect.get(parsed, "name") };
}

/** `<app>/.iac/<stage>`: everything the local instance of that stage keeps. */
export function stageDir(appDir: string, stage: string): string {
  const problem = stageNameProblem(stage);
  if (problem) throw new LocalAppError(`${problem.message}: ${problem.hint ?? ""}`, problem.code);
  return path.join(appDir, ".iac", stage);
}

export interface LocalStage {
  stage: string;
  /** Set when this call moved the former default stage's folder (`.iac/local`) to the default's: say so once. */
  migrated?: { from: string; to: string };
}

/**
 * The local stage a command runs on: the one given, else DEFAULT_STAGE.
 * `.iac/local` holds the local instance of apps last run by an iac whose
 * local default was `local`; so that no one's local data disappears, when
 * the default is used, `.iac/dev` does not exist yet and `.iac/local` does,
 * the folder is renamed to `.iac/dev` (data, files and params move as one).
 * While an `iac dev` still runs on `.iac/local` it is left alone and used.
 */
export function resolveLocalStage(appDir: string, stage: string | undefined): LocalStage {
  if (stage !== undefined) {
    stageDir(appDir, stage);
    return { stage };
  }
  const root = path.resolve(appDir);
  const target = path.join(root, ".iac", DEFAULT_STAGE);
  const former = path.join(root, ".iac", FORMER_LOCAL_STAGE);
  if (fs.existsSync(target) || !fs.existsSync(former)) return { stage: DEFAULT_STAGE };
  if (devServerRunsIn(former)) return { stage: FORMER_LOCAL_STAGE };
  fs.renameSync(former, target);
  return { stage: DEFAULT_STAGE, migrated: { from: path.relative(process.cwd(), former) || former, to: path.relative(process.cwd(), target) || target } };
}

/** Whether `dir/dev.json` names a live process (dev/state.ts writes it; read here without its imports). */
function devServerRunsIn(dir: string): boolean {
  const file = path.join(dir, "dev.json");
  if (!fs.existsSync(file)) return false;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    const pid = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "pid") : undefined;
    if (typeof pid !== "number") return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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

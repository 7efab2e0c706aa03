/**
 * The entry rule: which module is an app's entry, for every command (`iac
 * graph`, `build`, `dev`, `test`; the analyzer and the local instance both
 * call `findEntry`).
 *
 * 1. package.json `main`, when set: that file; else, for a compiled name
 *    (`index.js`, `server.mjs`), its TypeScript source beside it
 *    (`index.ts`, `server.mts`); else `main` with an extension added
 *    (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`, in that order); else
 *    `main` as a folder holding `index.<ext>`. When none exists and the app
 *    has an `index.<ext>`, that is the entry and `mainMissing` says so (the
 *    analyzer warns IAC8005); otherwise there is no entry (IAC8001).
 * 2. Without `main`: the first of `index.ts`, `index.mts`, `index.cts`,
 *    `index.js`, `index.mjs`, `index.cjs` in the app folder. TypeScript comes
 *    first, so an app that also keeps compiled output beside its sources
 *    runs its sources.
 * A `main` candidate counts when it is a regular file; an `index.<ext>` when
 * it exists at all, so a FIFO or folder of that name is reported as
 * unreadable where it is rather than skipped. Whether the entry may be read
 * (inside the app, a source file) is the reader's check.
 */
import * as fs from "fs";
import * as path from "path";

export const ENTRY_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"] as const;

/** The entry names tried without `main`, in order. */
export const ENTRY_CANDIDATES: readonly string[] = ENTRY_EXTENSIONS.map((e) => `index${e}`);

export interface EntryFound {
  /** Absolute path of the entry module; undefined when there is none. */
  entry?: string;
  /** package.json `main` as written, when set. */
  main?: string;
  /** `main` is set but names no file: the entry (when found) is the app's `index.<ext>` instead. */
  mainMissing: boolean;
}

export function findEntry(appDir: string, main: unknown): EntryFound {
  const dir = path.resolve(appDir);
  const fallback = (): string | undefined => ENTRY_CANDIDATES.map((c) => path.join(dir, c)).find((file) => fs.existsSync(file));
  if (typeof main !== "string" || main === "") return { entry: fallback(), mainMissing: false };
  const direct = path.resolve(dir, main);
  const candidates = [
    direct,
    direct.replace(/\.(c|m)?js$/, ".$1ts"),
    ...ENTRY_EXTENSIONS.map((e) => `${direct}${e}`),
    ...ENTRY_EXTENSIONS.map((e) => path.join(direct, `index${e}`)),
  ];
  const hit = candidates.find(isRegularFile);
  if (hit) return { entry: hit, main, mainMissing: false };
  return { entry: fallback(), main, mainMissing: true };
}

/** How the rule was applied, for an error message: what `main` said, or the names tried. */
export function describeEntryRule(found: EntryFound): string {
  return found.main !== undefined
    ? `package.json "main" is ${found.main}, which does not exist, and there is no ${ENTRY_CANDIDATES.join(", ")}`
    : `no package.json "main" and none of ${ENTRY_CANDIDATES.join(", ")}`;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

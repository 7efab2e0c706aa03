/**
 * Reading the app's files, safely: only regular files, at most MAX_BYTES,
 * never from the kernel's pseudo file systems, and the entry only from
 * inside the app directory (modules it imports may live beside it, as
 * shared code of a monorepo does). A FIFO named `index.ts` would block a
 * read forever, a link to `/dev/zero` would fill memory, a symbolic-link
 * loop throws ELOOP, and `"main": "/proc/self/environ"` would print the
 * process's environment in a code frame. Each is a reason the caller turns
 * into a located diagnostic; nothing here throws.
 */
import * as fs from "fs";
import * as path from "path";

/** Larger than any hand-written module; generated bundles checked in as source are not analysed. */
export const MAX_BYTES = 8 * 1024 * 1024;

/**
 * What says a file is unchanged without reading it: device, inode, size,
 * and the modification and change times, as watchers and Jest's file map
 * decide it. A file system with coarse times (a second, two on FAT) would
 * not see a write of the same size within one tick of the last, so a file
 * modified shortly before it was read is "racy" (git's word for it): its
 * signature is not trusted, and it is read again next time. A write always
 * sets the modification time to the present, so a file modified long
 * before it was read cannot be written again without a new signature.
 */
export interface FileSignature {
  key: string;
  racy: boolean;
}

/** How long before a read a modification makes the file racy: more than any file system's time granularity. */
const RACY_MS = 3000;

export type ReadOutcome = { ok: true; text: string; signature: FileSignature } | { ok: false; reason: string };

/** Where /proc and the like live: files there claim to be regular and empty, and are neither. */
const PSEUDO = ["/proc/", "/sys/", "/dev/"];

export interface ReadOptions {
  /** May the file be outside `appDir` (a module the app imports from beside it)? */
  outside?: boolean;
  /** How to turn the file into text (the compiler's reader decodes byte-order marks and UTF-16). */
  read?: (file: string) => string | undefined;
  /** The text of this file as last read, if its signature is the same: then it is not read again (a long-lived process's parse cache). */
  known?: (real: string, signature: FileSignature) => string | undefined;
}

export function readAppFile(file: string, appDir: string, options: ReadOptions = {}): ReadOutcome {
  let real = file;
  let stat: fs.Stats;
  try {
    // One lstat per module on the common path; links (and the entry, which must be inside the app) are followed to their target.
    stat = fs.lstatSync(file);
    if (stat.isSymbolicLink() || !options.outside) {
      // The system's realpath: one call, where the JavaScript one lstats every folder of the path.
      real = fs.realpathSync.native(file);
      stat = fs.statSync(real);
    }
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    if (code === "ELOOP") return { ok: false, reason: "it is a loop of symbolic links" };
    if (code === "ENOENT") return { ok: false, reason: "it does not exist" };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (PSEUDO.some((p) => real.startsWith(p))) return { ok: false, reason: `it is not a source file (${real})` };
  if (!options.outside && !isInside(real, realDir(appDir))) return { ok: false, reason: `it is outside the app directory (${real})` };
  if (!stat.isFile()) return { ok: false, reason: "it is not a regular file" };
  if (stat.size > MAX_BYTES) return { ok: false, reason: `it is larger than ${MAX_BYTES / 1024 / 1024} MB` };
  const signature: FileSignature = {
    key: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`,
    racy: Date.now() - stat.mtimeMs < RACY_MS,
  };
  const known = options.known?.(real, signature);
  if (known !== undefined) return { ok: true, text: known, signature };
  try {
    const text = options.read ? options.read(real) : fs.readFileSync(real, "utf8");
    return text === undefined ? { ok: false, reason: "it cannot be read" } : { ok: true, text, signature };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** `ts.sys.readFile`'s shape, for the compiler's own reads (tsconfig and what it extends): undefined when unsafe. */
export function safeReadFile(): (file: string) => string | undefined {
  return (file) => {
    // A tsconfig may extend a shared one from node_modules or a parent folder of a monorepo: those may be
    // outside the app, but must still be regular files of sane size.
    const outcome = readAppFile(file, path.dirname(path.resolve(file)), { outside: true });
    return outcome.ok ? outcome.text : undefined;
  };
}

const realDirs = new Map<string, string>();

function realDir(dir: string): string {
  let real = realDirs.get(dir);
  if (real === undefined) {
    try {
      real = fs.realpathSync.native(dir);
    } catch {
      real = path.resolve(dir);
    }
    realDirs.set(dir, real);
  }
  return real;
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * Path normalisation: the one place that decides what key a user path names.
 * Backslashes count as separators, `.` and empty segments vanish, and `..`
 * is resolved against the store's root, where it stops: `../../etc/passwd`
 * names `etc/passwd` inside the store. No path can ever escape the store.
 */
import * as posix from "path/posix";

/** A path the store refuses (empty, too long, escaping it); a client error's status, as DataKeyError. */
export class StoragePathError extends Error {
  override name = "StoragePathError";
  readonly status = 400;
  readonly expose = true;
}

const MAX_KEY_BYTES = 1024;

function resolve(raw: unknown, what: string): string {
  if (typeof raw !== "string") throw new StoragePathError(`${what} must be a string, got ${raw === null ? "null" : typeof raw}`);
  if (raw.includes("\0")) throw new StoragePathError(`${what} must not contain NUL characters`);
  const resolved = posix.resolve("/", raw.replace(/\\/g, "/")).slice(1);
  if (Buffer.byteLength(resolved) > MAX_KEY_BYTES) throw new StoragePathError(`${what} is longer than ${MAX_KEY_BYTES} bytes`);
  return resolved;
}

/** A file path: `a/b.txt`. */
export function normalizeFilePath(raw: unknown, what = "storage path"): string {
  const path = resolve(raw, what);
  if (path === "") throw new StoragePathError(`${what} "${String(raw)}" names the root folder, not a file`);
  return path;
}

/** A folder prefix: `""` (the root) or `a/b/`. */
export function normalizeDirPath(raw: unknown, what = "storage folder"): string {
  const path = resolve(raw ?? "", what);
  return path === "" ? "" : `${path}/`;
}

const TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  csv: "text/csv",
  md: "text/markdown",
  js: "text/javascript",
  mjs: "text/javascript",
  json: "application/json",
  xml: "application/xml",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  ico: "image/x-icon",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
  woff: "font/woff",
  woff2: "font/woff2",
};

/** The content type for a path when the app gives none. */
export function guessType(path: string): string {
  const ext = posix.extname(path).slice(1).toLowerCase();
  return TYPES[ext] ?? "application/octet-stream";
}

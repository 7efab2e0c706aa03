/** Paths as the analyzer hands them around: absolute for lookups, project-relative POSIX for locations. */
import * as path from "path";

/**
 * `path.resolve(file)`, cheaply for what the loader hands around: source file
 * names are already absolute and normalised on POSIX systems, and this is
 * asked for every import and module lookup.
 */
export function absolutePath(file: string): string {
  if (path.sep === "/" && file.startsWith("/") && !file.includes("/./") && !file.includes("/../") && !file.includes("//") && !file.endsWith("/.") && !file.endsWith("/..")) {
    return file;
  }
  return path.resolve(file);
}

/** Project-relative POSIX path. */
export function relativePath(dir: string, file: string): string {
  // Files under the app directory (nearly all): a slice, not path.relative's normalising walk.
  const prefix = dir.endsWith(path.sep) || dir.endsWith("/") ? dir : `${dir}${path.sep}`;
  if (path.sep === "/" && file.startsWith(prefix) && !file.includes("/./") && !file.includes("/../")) return file.slice(prefix.length);
  return path.relative(dir, file).split(path.sep).join("/");
}

/** Paths as the analyzer hands them around: absolute for lookups, project-relative POSIX for locations. */
import * as path from "path";

import { posixPath } from "../posix-path";

export { posixPath };

/** An absolute POSIX path with no `.`, `..` or empty segments: what path.resolve would hand back unchanged. */
function isNormalAbsolute(file: string): boolean {
  return (
    path.sep === "/" &&
    file.startsWith("/") &&
    !file.includes("/./") &&
    !file.includes("/../") &&
    !file.includes("//") &&
    !file.endsWith("/.") &&
    !file.endsWith("/..")
  );
}

/**
 * `path.resolve(file)`, cheaply for what the loader hands around: source file
 * names are already absolute and normalised on POSIX systems, and this is
 * asked for every import and module lookup.
 */
export function absolutePath(file: string): string {
  return isNormalAbsolute(file) ? file : path.resolve(file);
}

/** Project-relative POSIX path. */
export function relativePath(dir: string, file: string): string {
  // Files under the app directory (nearly all): a slice, not path.relative's normalising walk.
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  if (isNormalAbsolute(file) && isNormalAbsolute(dir) && file.startsWith(prefix)) return file.slice(prefix.length);
  return posixPath(path.relative(dir, file));
}

/**
 * `path.resolve(path.dirname(from), name + ".ts")` by string operations, for the
 * plain case: `from` normal and absolute on POSIX, `name` made of `./` or
 * `../` steps then plain segments. Anything else is undefined (the caller
 * resolves it the long way).
 */
export function joinRelative(from: string, name: string): string | undefined {
  if (!isNormalAbsolute(from)) return undefined;
  let dir = from.slice(0, from.lastIndexOf("/"));
  let rest = name;
  if (rest.startsWith("./")) rest = rest.slice(2);
  else {
    while (rest.startsWith("../")) {
      if (dir === "") return undefined;
      dir = dir.slice(0, dir.lastIndexOf("/"));
      rest = rest.slice(3);
    }
  }
  // Only plain segments left: no `.`-led segment, no empty one.
  if (rest === "" || rest.startsWith(".") || rest.includes("/.") || rest.includes("//")) return undefined;
  return `${dir}/${rest}.ts`;
}

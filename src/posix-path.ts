/** Paths in iac's output (diagnostics, graph locations, asset hashes): forward slashes on every platform. */
import * as path from "path";

/** `a\b` on Windows, `a/b` everywhere: the form TypeScript, esbuild's messages and the graph use. */
export function posixPath(file: string): string {
  return path.sep === "/" ? file : file.split(path.sep).join("/");
}

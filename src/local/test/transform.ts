/**
 * The Jest transformer `iac test` uses for app code, test files and the
 * runtime sources: esbuild turns TypeScript and ES modules into CommonJS
 * with a source map (Jest maps stack traces and coverage through it). No
 * type checking (that is `tsc`'s job) and one file at a time, so it is fast.
 *
 * Jest loads this file as plain JS from `dist/`, through its interop that
 * reads the default export.
 */
import { transformSync, type Loader } from "esbuild";
import * as path from "path";

interface TransformResult {
  code: string;
  map: string;
}

function loaderFor(file: string): Loader {
  switch (path.extname(file)) {
    case ".ts":
    case ".mts":
    case ".cts":
      return "ts";
    case ".tsx":
      return "tsx";
    case ".jsx":
      return "jsx";
    case ".json":
      return "json";
    default:
      return "js";
  }
}

function process(sourceText: string, sourcePath: string): TransformResult {
  const result = transformSync(sourceText, {
    loader: loaderFor(sourcePath),
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: true,
    sourcefile: sourcePath,
    sourcesContent: false,
    logLevel: "silent",
  });
  return { code: result.code, map: result.map };
}

export default { process };

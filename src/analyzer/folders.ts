/**
 * Folders an app serves as static files (`api.static(dir)`, `http.static(dir)`),
 * read the same way by each extractor that registers one.
 */
import * as fs from "fs";
import * as nodePath from "path";
import type ts = require("typescript");
import { ANALYZER_CODES } from "./codes";
import type { ExtractContext } from "./context";
import { staticString } from "./values";

/**
 * The folder argument of `api.static`/`http.static`: a static path inside the
 * app directory, which the HTTP function's code ships; anything else is an
 * error (the deployed function could not serve it).
 */
export function readFolder(call: ts.CallExpression, dirArg: ts.Expression | undefined, what: string, ctx: ExtractContext): string | undefined {
  const dir = dirArg ? staticString(dirArg, ctx.resolver) : undefined;
  if (dir === undefined) {
    ctx.report(ANALYZER_CODES.staticFolderInvalid, "error", dirArg ?? call, `the folder ${what} serves is not a static string, so it cannot be shipped with the HTTP function`, {
      hint: `write the folder as a string literal relative to the app directory, e.g. ${what}("public")`,
    });
    return undefined;
  }
  const full = nodePath.resolve(ctx.dir, dir);
  const rel = nodePath.relative(ctx.dir, full);
  if (rel === "" || rel.startsWith("..") || nodePath.isAbsolute(rel) || !isDirectory(full)) {
    ctx.report(ANALYZER_CODES.staticFolderInvalid, "error", dirArg ?? call, `${what}("${dir}") names no folder inside the app directory`, { hint: "serve a folder of the app (relative to the folder that holds package.json)" });
    return undefined;
  }
  return rel.split(nodePath.sep).join("/");
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}


/**
 * Option readers every extractor shares: a registration's `{ timeout }` and
 * the folder `api.static`/`http.static` serve. Extractors never import each
 * other; what two of them read the same way lives here.
 */
import * as fs from "fs";
import * as nodePath from "path";
import ts = require("typescript");
import { ANALYZER_CODES } from "./codes";
import type { ExtractContext } from "./context";
import { staticNumber, staticString } from "./values";

const { isIdentifier, isPropertyAssignment } = ts;

/**
 * The folder argument of `api.static`/`http.static`: a static path inside the
 * app directory, which the HTTP function's code ships; anything else is an
 * error (the deployed function could not serve it).
 */
export function readFolder(call: ts.CallExpression, dirArg: ts.Expression | undefined, what: string, ctx: ExtractContext): string | undefined {
  const dir = dirArg ? staticString(dirArg, ctx.resolver) : undefined;
  if (dir === undefined) {
    ctx.report(
      ANALYZER_CODES.staticFolderInvalid,
      "error",
      dirArg ?? call,
      `the folder ${what} serves is not a static string, so it cannot be shipped with the HTTP function`,
      {
        hint: `write the folder as a string literal relative to the app directory, e.g. ${what}("public")`,
      },
    );
    return undefined;
  }
  const full = nodePath.resolve(ctx.dir, dir);
  const rel = nodePath.relative(ctx.dir, full);
  if (rel === "" || rel.startsWith("..") || nodePath.isAbsolute(rel) || !isDirectory(full)) {
    ctx.report(ANALYZER_CODES.staticFolderInvalid, "error", dirArg ?? call, `${what}("${dir}") names no folder inside the app directory`, {
      hint: "serve a folder of the app (relative to the folder that holds package.json)",
    });
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

/** Reads `{ timeout }` from an options object; reports what cannot be used. */
export function readTimeout(
  options: ts.Expression | undefined,
  maxMs: number,
  what: string,
  codes: { notStatic: string; tooLong: string },
  ctx: ExtractContext,
): number | undefined {
  if (!options) return undefined;
  const ref = ctx.resolver.expression(options);
  if (ref.kind !== "object") return undefined;
  const prop = ref.node.properties.find((p) => isPropertyAssignment(p) && isIdentifier(p.name) && p.name.text === "timeout");
  if (!prop || !isPropertyAssignment(prop)) return undefined;
  const ms = staticNumber(prop.initializer, ctx.resolver);
  if (ms === undefined) {
    ctx.report(codes.notStatic, "warning", prop.initializer, `the ${what} timeout is not a static number; the default applies`, {
      hint: "write the timeout in milliseconds as a number literal",
    });
    return undefined;
  }
  if (ms > maxMs) {
    ctx.report(codes.tooLong, "warning", prop.initializer, `${what} timeout ${ms} ms is above the ${maxMs} ms limit; ${maxMs} ms is used`, {
      hint: `use at most ${maxMs}`,
    });
  }
  return ms;
}

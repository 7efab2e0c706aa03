/**
 * `http.use(app)` mounts a whole Express/Koa/Connect app (or a bare
 * `(req, res)` listener); `http.on(404, "index.html")` serves a static file
 * for unmatched paths.
 *
 * Codes: IAC1011 second http.use, IAC1012 http.on arguments not static or
 * unsupported, IAC1013 http.on file missing from static/.
 */
import * as fs from "fs";
import * as path from "path";
import ts = require("typescript");
import type { HttpResource } from "../../graph";
import type { ExtractContext, Extractor } from "../context";
import { staticNumber, staticString } from "../values";
import { ANALYZER_CODES } from "../codes";
import { readFolder } from "../options";

const { forEachChild, isCallExpression, isIdentifier, isPropertyAccessExpression } = ts;

type Framework = "express" | "koa" | "connect" | "unknown";

function frameworkOf(arg: ts.Expression, ctx: ExtractContext): Framework {
  // `http.use(require("./app"))` with `module.exports = app` in app.js.
  const ref = ctx.resolver.moduleValue(ctx.resolver.expression(arg));
  if (ref.kind !== "external") return "unknown";
  return ref.module === "express" || ref.module === "koa" || ref.module === "connect" ? ref.module : "unknown";
}

/**
 * The functions an npm app registers on itself (`app.get("/", fn)`,
 * `app.use(mw)`) in the file that creates it: the mount's handler runs them,
 * so usages they reach belong to it, not to every function.
 */
function appCallbacks(arg: ts.Expression, ctx: ExtractContext): ts.Expression[] {
  const decl = ctx.resolver.variableOf(arg);
  if (!decl || !isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const out: ts.Expression[] = [];
  const walk = (node: ts.Node): void => {
    if (
      isCallExpression(node) &&
      isPropertyAccessExpression(node.expression) &&
      isIdentifier(node.expression.expression) &&
      node.expression.expression.text === name
    ) {
      if (ctx.resolver.variableOf(node.expression.expression) === decl) out.push(...node.arguments);
    }
    forEachChild(node, walk);
  };
  walk(decl.getSourceFile());
  return out;
}

export function createHttpExtractor(): Extractor {
  let resource: HttpResource | undefined;
  const ensure = (call: ts.CallExpression, ctx: ExtractContext): HttpResource => {
    resource ??= { kind: "http", id: "http", location: ctx.location(call) };
    return resource;
  };

  return {
    area: "http",
    isRegistration: (method) => method === "use" || method === "on" || method === "static",
    register(site, call, ctx) {
      if (site.path[1] === "static") {
        const dir = readFolder(call, call.arguments[0], "http.static", ctx);
        if (dir === undefined) return;
        const r = ensure(call, ctx);
        const handler = `http-static:${(r.folders ?? []).length}`;
        const location = ctx.location(call);
        r.folders = [...(r.folders ?? []), { dir, handler, location }];
        ctx.addHandler({ id: handler, kind: "middleware", title: `static folder ${dir}`, location, roots: [] });
        return;
      }
      if (site.path[1] === "use") {
        const app = call.arguments[0];
        if (!app) return void ctx.report(ANALYZER_CODES.httpUseInvalid, "error", call, "http.use needs the app to mount");
        const r = ensure(call, ctx);
        if (r.mount) {
          return void ctx.report(ANALYZER_CODES.httpUseInvalid, "error", call, "http.use is called twice; only one app can be the HTTP surface", {
            related: [{ message: "first mounted here", location: r.mount.location }],
          });
        }
        const location = ctx.location(call);
        const framework = frameworkOf(app, ctx);
        r.mount = { handler: "http", framework, location };
        ctx.addHandler({ id: "http", kind: "http-app", title: `http.use (${framework})`, location, roots: [app, ...appCallbacks(app, ctx)] });
        return;
      }
      const [statusArg, fileArg] = call.arguments;
      const status = statusArg ? staticNumber(statusArg, ctx.resolver) : undefined;
      const file = fileArg ? staticString(fileArg, ctx.resolver) : undefined;
      if (status !== 404 || file === undefined) {
        return void ctx.report(ANALYZER_CODES.httpOnInvalid, "error", call, 'http.on takes 404 and a static file name, e.g. http.on(404, "index.html")');
      }
      const rel = file.replace(/^\/+/, "");
      if (!fs.existsSync(path.join(ctx.dir, "static", rel))) {
        ctx.report(ANALYZER_CODES.notFoundPageMissing, "warning", fileArg, `static/${rel} does not exist; unmatched paths will get the default 404 page`, {
          hint: `add static/${rel}`,
        });
      }
      ensure(call, ctx).notFound = { file: rel, location: ctx.location(call) };
    },
    resources: () => (resource ? [resource] : []),
  };
}

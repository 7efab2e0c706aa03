/**
 * `api.<method>(path, [opts], ...handlers)`, `api.upload(...)` and
 * `api.use([path], ...middleware)`: routes and middleware in registration
 * order, which Express semantics make part of the app's meaning.
 *
 * Codes: IAC1001 path not static, IAC1002 duplicate route, IAC1003 path
 * shape, IAC1004 no handler, IAC1005 api.use path not static, IAC1006
 * timeout not static, IAC1007 timeout above the limit, IAC1008 registered
 * outside start-up (order unknown).
 */
import ts = require("typescript");
import { type ApiResource, type HttpMethod, type Middleware, type Route, type RouteOptions, TIMEOUTS } from "../../graph";
import { type ExtractContext, type Extractor, flattenHandlers, isTestingCall, splitHandlerArgs } from "../context";
import { skipOuter } from "../syntax";
import type { SdkSite } from "../scan";
import { readFolder, readTimeout } from "../options";
import { objectProperties, staticString } from "../values";
import { ANALYZER_CODES } from "../codes";

const { isBinaryExpression, isCallExpression, isIdentifier, isNewExpression, isStringLiteralLike, isTemplateExpression } = ts;

const METHODS: Record<string, HttpMethod> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  all: "ALL",
  options: "OPTIONS",
  head: "HEAD",
};

export function createApiExtractor(): Extractor {
  const routes: Route[] = [];
  const middleware: Middleware[] = [];
  const firstByKey = new Map<string, Route>();
  let order = 0;

  const route = (site: SdkSite, call: ts.CallExpression, method: HttpMethod, upload: boolean, ctx: ExtractContext): void => {
    const [pathArg, ...rest] = call.arguments;
    if (!pathArg) return void ctx.report(ANALYZER_CODES.routeWithoutHandler, "error", call, `${site.path.join(".")} needs a path and a handler`);
    if (rest.length === 0 && isTestingCall(call)) return;
    const path = staticString(pathArg, ctx.resolver);
    if (path === undefined) {
      ctx.report(ANALYZER_CODES.routePathNotStatic, "error", pathArg, `the route path of ${site.path.join(".")} is not a static string`, {
        hint: "write the path as a string literal; use :params and * for the parts that vary",
      });
      return;
    }
    if (!path.startsWith("/") && path !== "*") {
      ctx.report(ANALYZER_CODES.routePathRelative, "warning", pathArg, `route path "${path}" does not start with "/" and never matches`, {
        hint: `did you mean "/${path}"?`,
        fix: ctx.literalFix(pathArg, `/${path}`),
      });
    }
    const { options, handlers } = splitHandlerArgs(rest, ctx.resolver);
    if (handlers.length === 0)
      return void ctx.report(ANALYZER_CODES.routeWithoutHandler, "error", call, `${method} ${path} has no handler`, {
        hint: "pass a (req, res) function after the path",
      });
    const location = ctx.location(call);
    const key = `${method} ${path}`;
    const first = firstByKey.get(key);
    if (first) {
      ctx.report(
        ANALYZER_CODES.duplicateRoute,
        "warning",
        call,
        `duplicate route ${key}: the first registration handles every request unless it calls next()`,
        {
          related: [{ message: "first declared here", location: first.location }],
        },
      );
    }
    const opts: RouteOptions = {};
    const timeoutMs = readTimeout(
      options,
      TIMEOUTS.http.maxMs,
      "route",
      { notStatic: ANALYZER_CODES.routeTimeoutNotStatic, tooLong: ANALYZER_CODES.routeTimeoutTooLong },
      ctx,
    );
    if (timeoutMs !== undefined) opts.timeoutMs = timeoutMs;
    const id = ctx.uniqueId(`route:${key}`);
    const r: Route = { id, method, path, order: order++, upload, options: opts, handler: id, chain: handlers.map((h) => ctx.functionLocation(h)), location };
    if (!first) firstByKey.set(key, r);
    routes.push(r);
    ctx.addHandler({ id, kind: "route", title: upload ? `UPLOAD ${path}` : key, location, roots: handlers });
  };

  const use = (call: ts.CallExpression, ctx: ExtractContext): void => {
    let args = [...call.arguments];
    let path: string | undefined;
    const first = args[0] ? skipOuter(args[0]) : undefined;
    if (first && looksLikePath(first, ctx)) {
      path = staticString(first, ctx.resolver);
      if (path === undefined)
        ctx.report(ANALYZER_CODES.mountPathNotStatic, "error", first, "the api.use mount path is not a static string", {
          hint: "write the path as a string literal",
        });
      args = args.slice(1);
      if (path === undefined) return;
    }
    const handlers = flattenHandlers(args, ctx.resolver, 0);
    if (handlers.length === 0) return void ctx.report(ANALYZER_CODES.routeWithoutHandler, "error", call, "api.use needs at least one middleware function");
    for (const h of handlers) {
      const fn = ctx.resolver.callable(ctx.resolver.expression(h));
      const arity = fn ? fn.parameters.filter((p) => !(isIdentifier(p.name) && p.name.text === "this")).length : 0;
      const id = `middleware:${order}`;
      const location = ctx.location(h);
      middleware.push({ id, ...(path !== undefined ? { path } : {}), order: order++, errorHandler: arity === 4, handler: id, location });
      ctx.addHandler({ id, kind: "middleware", title: `${arity === 4 ? "error middleware" : "middleware"}${path ? ` ${path}` : ""}`, location, roots: [h] });
    }
  };

  const folder = (call: ts.CallExpression, ctx: ExtractContext): void => {
    const [dirArg, optionsArg] = call.arguments;
    const dir = readFolder(call, dirArg, "api.static", ctx);
    if (dir === undefined) return;
    const options = optionsArg ? objectProperties(optionsArg, ctx.resolver) : undefined;
    const pathExpr = options?.get("path");
    const path = pathExpr ? staticString(pathExpr, ctx.resolver) : "/";
    if (path === undefined)
      return void ctx.report(ANALYZER_CODES.mountPathNotStatic, "error", pathExpr ?? call, "the api.static path is not a static string", {
        hint: "write the path as a string literal",
      });
    addFolder(dir, path, call, ctx);
  };

  /** A folder served as static files: middleware of the HTTP function, which ships the folder. */
  const addFolder = (dir: string, path: string, call: ts.CallExpression, ctx: ExtractContext): void => {
    const id = `middleware:${order}`;
    const location = ctx.location(call);
    middleware.push({ id, ...(path !== "/" ? { path } : {}), order: order++, errorHandler: false, handler: id, location, folder: dir });
    ctx.addHandler({ id, kind: "middleware", title: `static folder ${dir}`, location, roots: [] });
  };

  return {
    area: "api",
    isRegistration: (method) => method in METHODS || method === "upload" || method === "use" || method === "static",

    register(site, call, ctx, { atStartup }) {
      const method = site.path[1];
      if (!atStartup && !isTestingCall(call)) {
        ctx.report(
          ANALYZER_CODES.routeAfterStartup,
          "warning",
          call,
          `${site.path.join(".")} is not reached when the app starts; it is registered after every other route, which may not be its real order`,
          {
            hint: "register routes at module top level or in a function the entry calls",
          },
        );
      }
      if (method === "static") folder(call, ctx);
      else if (method === "use") use(call, ctx);
      else if (method === "upload") route(site, call, "POST", true, ctx);
      else route(site, call, METHODS[method], false, ctx);
    },
    escape(site, ctx) {
      // Routes registered through it are unseen; Express still serves them from the HTTP function,
      // which API Gateway's one `$default` route reaches: make sure that function exists, and runs
      // the code the interface was handed to.
      const id = `middleware:${order}`;
      const location = ctx.location(site.node);
      const call = site.node.parent;
      const roots = call && (isCallExpression(call) || isNewExpression(call)) ? [call] : [];
      middleware.push({ id, order: order++, errorHandler: false, handler: id, location });
      ctx.addHandler({ id, kind: "middleware", title: "routes registered through api passed as a value", location, roots });
      return { usages: [], inferred: "an HTTP function that serves whatever routes are registered through it (they are not listed)" };
    },
    resources() {
      if (routes.length === 0 && middleware.length === 0) return [];
      const firstLoc = [...routes, ...middleware].sort((a, b) => a.order - b.order)[0].location;
      const api: ApiResource = { kind: "api", id: "api", location: firstLoc, routes, middleware };
      return [api];
    },
  };
}

/** A leading `api.use` argument that is a path rather than middleware: a string, or something that is clearly not a function. */
function looksLikePath(arg: ts.Expression, ctx: ExtractContext): boolean {
  if (isStringLiteralLike(arg) || isTemplateExpression(arg) || isBinaryExpression(arg)) return true;
  const ref = ctx.resolver.expression(arg);
  return ref.kind === "value" && (isStringLiteralLike(ref.node) || isTemplateExpression(ref.node));
}

/**
 * The `api` interface: records registrations (see `registry.ts`) and hands
 * out route handles whose `invoke()` sends a request through the whole
 * Express app. `api.get(url)` with no handler registers nothing: it is the
 * testing form, `api.get("/todos?status=all").invoke()`.
 */
import type { ApiInterface, RouteHandle, RouteHandler, RouteOptions, StaticOptions } from "../types";
import { rawBody } from "./body";
import { invokeApi } from "./invoke";
import { addRegistration, setJsonLimit, type RouteMethod } from "./registry";
import { flattenHandlers } from "./wrap";
import { MAX_BODY_BYTES } from "./limits";

function splitArgs(args: readonly (RouteOptions | RouteHandler)[]): { options: RouteOptions; handlers: RouteHandler[] } {
  const [first, ...rest] = args;
  if (first !== undefined && typeof first === "object" && !Array.isArray(first)) return { options: first, handlers: rest.filter(isHandler) };
  return { options: {}, handlers: args.filter(isHandler) };
}

function isHandler(value: RouteOptions | RouteHandler): value is RouteHandler {
  if (typeof value === "function" || Array.isArray(value)) return true;
  throw new TypeError("api: an options object such as { timeout } may only come first, before the handlers");
}

function route(methods: RouteMethod[]) {
  return (path: string, ...args: (RouteOptions | RouteHandler)[]): RouteHandle => {
    if (typeof path !== "string") throw new TypeError(`api.${methods[0]}: the path must be a string`);
    const { options, handlers } = splitArgs(args);
    const flat = flattenHandlers(handlers);
    if (flat.length > 0) addRegistration({ kind: "route", methods, path, handlers: flat, timeoutMs: options.timeout });
    // "all" and "upload" have no single method of their own: test them as GET and POST.
    const method = methods[0] === "all" ? "GET" : methods[0].toUpperCase();
    return { invoke: (body, invokeOptions) => invokeApi(method, path, body, invokeOptions) };
  };
}

function use(first: string | RouteHandler, ...rest: RouteHandler[]): void {
  const path = typeof first === "string" ? first : undefined;
  const handlers = flattenHandlers(typeof first === "string" ? rest : [first, ...rest]);
  if (handlers.length === 0) throw new TypeError("api.use: at least one middleware function is required");
  addRegistration({ kind: "use", path, handlers });
}

export const api: ApiInterface = {
  get: route(["get"]),
  post: route(["post"]),
  put: route(["put"]),
  patch: route(["patch"]),
  delete: route(["delete"]),
  all: route(["all"]),
  options: route(["options"]),
  head: route(["head"]),
  upload: route(["post", "put"]),
  use,
  static(dir: string, options?: StaticOptions): void {
    addRegistration({ kind: "static", dir, path: options?.path ?? "/" });
  },
  rawBody,
  setJsonSizeLimit(limit: string | number): void {
    if (typeof limit === "number" && limit > MAX_BODY_BYTES) throw new RangeError("api.setJsonSizeLimit: the API limit is 6 MB");
    setJsonLimit(limit);
  },
};

/**
 * Express 4 does not catch a rejected promise from an async handler: the
 * request would hang. Every function registered through `api` is wrapped so
 * a rejection (or a throw) reaches `next(err)`, like a synchronous throw
 * does. The wrapper keeps the arity Express uses to tell error middleware
 * (4 arguments) from ordinary middleware, and leaves routers and sub-apps
 * (anything with `handle`) untouched so Express still mounts them as such.
 */
import type { ErrorRequestHandler, NextFunction, RequestHandler } from "express";
import type { RouteHandler } from "../types";

export type Middleware = RequestHandler | ErrorRequestHandler;

export function flattenHandlers(handlers: readonly RouteHandler[]): Middleware[] {
  const out: Middleware[] = [];
  for (const h of handlers) {
    if (Array.isArray(h)) out.push(...flattenHandlers(h));
    else if (typeof h === "function") out.push(h);
    else throw new TypeError(`api: expected a handler function, got ${typeof h}`);
  }
  return out;
}

export function wrapHandler(fn: Middleware): Middleware {
  if ("handle" in fn) return fn;
  if (fn.length >= 4) {
    const wrapped: ErrorRequestHandler = (err, req, res, next) => {
      settle(() => Reflect.apply(fn, undefined, [err, req, res, next]), next);
    };
    return wrapped;
  }
  const wrapped: RequestHandler = (req, res, next) => {
    settle(() => Reflect.apply(fn, undefined, [req, res, next]), next);
  };
  return wrapped;
}

function settle(call: () => unknown, next: NextFunction): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    next(asError(error));
    return;
  }
  if (isThenable(result)) {
    result.then(undefined, (error: unknown) => next(asError(error)));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && "then" in value && typeof value.then === "function";
}

/** `next(undefined)` would mean "go on": a rejection with no reason must still be an error. */
function asError(error: unknown): unknown {
  return error === undefined || error === null ? new Error("handler rejected without a reason") : error;
}

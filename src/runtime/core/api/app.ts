/**
 * Replays the `api`/`http` registrations onto Express 4, so routing,
 * params, wildcards, middleware order and error middleware are Express's
 * own. Layout, in order:
 *   cookies and `res.sendFile` → every registration, in registration order
 *   (routes and `api.use` get body parsing first, once per request) →
 *   the `http.use` mount → a web framework's server (Next.js) → the `http.on(404)` file → `static/404.html` for
 *   browsers → the final error handler (`static/500.html` for browsers).
 * An app whose surface is only `api` registrations is served by Express's
 * Router with Express itself loaded on first need (lean.ts); any other by
 * an Express app. The app is cached and rebuilt only when registrations or
 * configuration change. Input: `httpState()` and `runtimeConfig()`.
 * Output: a Node `(req, res)` listener that adapters (Lambda, local server,
 * invoke) drive.
 */
import type { RequestListener } from "http";
import { resolve } from "path";
import type { RequestHandler } from "express";
import { effectiveTimeout } from "../../../graph/limits";
import { onConfigChange, runtimeConfig, staticRoot } from "../config";
import { createBodyParser } from "./body";
import { notFoundPage } from "./error-pages";
import { finalErrorHandler, markTimedOut } from "./errors";
import { leanApp, newExpressApp } from "./lean";
import { httpState, type HttpState, type Registration } from "./registry";
import { installSendFile } from "./send-file";
import { wrapHandler, type Middleware } from "./wrap";

// Required, not imported: an ES import of a CommonJS module would copy its exports, touching every one.
const cookieParser = require("cookie-parser") as typeof import("cookie-parser");

let cached: { version: number; lean: boolean | undefined; app: RequestListener } | undefined;
onConfigChange(() => {
  cached = undefined;
});

/**
 * Whether this process may take the lean path: the Lambda bundle says so
 * (synth/bundle.ts defines it when nothing outside iac's runtime imports
 * Express: an app that imports Express may add to `express.request` or
 * `express.response`, which requests on the lean path would not see).
 * The local instance (`iac dev`, `iac test`) serves with an Express app.
 */
const LEAN_ALLOWED = process.env.IAC_LEAN_HTTP === "1";

/** Whether apps the lean path can serve take it: undefined leaves it to the bundle's flag; tests set it to run both paths. */
let forcedPath: boolean | undefined;
export function useLeanPath(lean: boolean | undefined): void {
  forcedPath = lean;
}

/** The listener for the current registrations. */
export function expressApp(): RequestListener {
  const state = httpState();
  if (cached?.version !== state.version || cached.lean !== forcedPath) cached = { version: state.version, lean: forcedPath, app: buildApp(state) };
  return cached.app;
}

/** Whether lean.ts can serve the app: only `api` routes and middleware, and no Express app among them. */
function leanServes(state: Readonly<HttpState>): boolean {
  if (state.mount || state.framework) return false;
  return state.registrations.every((r) => r.kind !== "static" && !r.handlers.some(isExpressApp));
}

/** An Express app (Express mounts it as a sub-app, inheriting its parent's settings), not a Router or a function. */
function isExpressApp(fn: Middleware): boolean {
  const candidate = fn as unknown as { handle?: unknown; set?: unknown };
  return typeof candidate.handle === "function" && typeof candidate.set === "function";
}

/** What both an Express app and Express's Router offer: `use` and a method per HTTP verb. */
type Target = { use(...args: unknown[]): unknown } & Record<string, unknown>;

function buildApp(state: Readonly<HttpState>): RequestListener {
  const lean = (forcedPath ?? LEAN_ALLOWED) && leanServes(state);
  const leanParts = lean ? leanApp() : undefined;
  const express = leanParts ? undefined : newExpressApp();
  const app = (leanParts?.router ?? express) as unknown as Target;
  app.use(builtinCookies, installSendFile);
  const parseBody = createBodyParser(state.jsonLimit);
  for (const registration of state.registrations) apply(app, registration, parseBody);
  // A mounted app parses cookies its own way (its own cookie-parser and secret), as it would alone.
  if (state.mount) app.use(yieldCookies, state.mount);
  // The framework renders every page the SDK's routes leave, with its own 404 (so nothing below answers then).
  if (state.framework) app.use(yieldCookies, state.framework);
  if (state.notFoundFile) app.use(serveNotFound(state.notFoundFile));
  app.use(notFoundPage);
  app.use(finalErrorHandler);
  return leanParts?.listener ?? (express as unknown as RequestListener);
}

function apply(app: Target, registration: Registration, parseBody: RequestHandler): void {
  const root = runtimeConfig().appRoot ?? process.cwd();
  switch (registration.kind) {
    case "route": {
      const chain = [routeTimeout(registration.timeoutMs), parseBody, ...registration.handlers.map(wrapAppHandler)];
      for (const method of registration.methods) (app[method] as (...args: unknown[]) => unknown).call(app, registration.path, ...chain);
      return;
    }
    case "use": {
      const handlers = registration.handlers.map(wrapAppHandler);
      // Error-only middleware never sees a request without an error: no need to read the body for it.
      const chain = registration.handlers.every(isErrorHandler) ? handlers : [parseBody, ...handlers];
      if (registration.path !== undefined) app.use(registration.path, ...chain);
      else app.use(...chain);
      return;
    }
    case "static":
      app.use(registration.path, (require("express") as typeof import("express")).static(resolve(root, registration.dir)));
      return;
    default: {
      const never: never = registration;
      throw new Error(`unknown registration ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Cookies for every request (`req.cookies`, as the contract promises), parsed
 * by cookie-parser without a secret. An app's own `cookieParser(secret)`
 * would then see `req.cookies` set and skip, leaving `req.secret` and
 * signed cookies unset; so the requests the built-in parsed are remembered,
 * and the app's cookie-parser (or a mounted app) gets them unparsed.
 */
const builtinParsed = new WeakSet<object>();
const parseCookies = cookieParser();
const builtinCookies: RequestHandler = (req, res, next) => {
  parseCookies(req, res, (error?: unknown) => {
    if (error === undefined) builtinParsed.add(req);
    next(error);
  });
};

const yieldCookies: RequestHandler = (req, _res, next) => {
  if (builtinParsed.delete(req)) {
    (req as { cookies?: unknown }).cookies = undefined;
    (req as { signedCookies?: unknown }).signedCookies = undefined;
  }
  next();
};

/** cookie-parser's middleware, by the name its factory gives it. */
function isCookieParser(fn: Middleware): boolean {
  return typeof fn === "function" && fn.name === "cookieParser";
}

function wrapAppHandler(fn: Middleware): Middleware {
  const wrapped = wrapHandler(fn);
  if (!isCookieParser(fn)) return wrapped;
  return ((req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], next: Parameters<RequestHandler>[2]) =>
    yieldCookies(req, res, () => (wrapped as RequestHandler)(req, res, next))) as Middleware;
}

function isErrorHandler(fn: Middleware): boolean {
  return fn.length >= 4;
}

/**
 * The contract's per-route timeout (default 10 s, at most 29 s). On Lambda the
 * function's own timeout is the backstop; this answers 504 first so the
 * client gets a response, and it is the only limit in the local instance.
 */
function routeTimeout(requestedMs: number | undefined): RequestHandler {
  const ms = effectiveTimeout("http", requestedMs);
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      markTimedOut(res, ms);
      res.status(504).json({ error: "Gateway Timeout", message: `${req.method} ${req.path} took more than ${ms} ms` });
    }, ms);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    res.once("finish", clear);
    res.once("close", clear);
    next();
  };
}

function serveNotFound(file: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.sendFile(file, { root: staticRoot() }, (err) => {
      if (err) next();
    });
  };
}

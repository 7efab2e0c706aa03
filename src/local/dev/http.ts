/**
 * The dev server's HTTP surface, in the order a deployed URL answers:
 *   `/_iac/dashboard` the dashboard (unlogged), `/_iac/storage/*` signed storage URLs, `/_iac/*` the control endpoint
 *   (both dev only) → `/public/*` public storage objects → files from
 *   `static/` (`/` → index.html, `/page` → page.html, `/dir/` →
 *   dir/index.html) → the app (routes, `http.use` mounts, `http.on(404)`).
 * Static files are read from disk on every request (no reload needed to
 * see an edit) and sent with `Cache-Control: no-cache`, as sandboxes do.
 * Each request is handled start to end by the app version that was current
 * when it arrived, so a reload never cuts an in-flight request.
 */
import express, { type Express, type NextFunction, type Request, type Response, type Router } from "express";
import { STATUS_CODES } from "http";
import type { Guest } from "../guest";
import { STORAGE_URL_PATH } from "../guest-storage";
import { CONTROL_PATH, controlRouter, redactToken, type ControlTarget } from "./control";
import type { DevLogger } from "./logger";

export interface HostAppDeps {
  staticDir: string;
  logger: DevLogger;
  control: ControlTarget;
  /** The control endpoint's per-run token (control.ts); absent: none is asked for. */
  controlToken?: string;
  /** The app version serving new requests; undefined until a first good build. */
  current(): Guest | undefined;
  /** The dashboard (src/local/dashboard), at `/_iac/dashboard`: before the request log, which its own calls would drown. */
  dashboard?: Router;
}

/** Top-level pages that are not pages of their own on a deployed URL (synth's static routes): `/404` is the app's. */
const NOT_PAGES = new Set(["/index", "/404", "/500"]);

export function createHostApp(deps: HostAppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  if (deps.dashboard) app.use(`${CONTROL_PATH}/dashboard`, deps.dashboard);
  app.use(logRequests(deps.logger));
  app.use(STORAGE_URL_PATH, (req, res, next) => {
    const guest = deps.current();
    if (!guest) return unavailable(res);
    // The backend matches the full URL against its base path, so give it back the unmounted one.
    req.url = req.originalUrl;
    guest.storage.handleSigned(req, res).then((handled) => (handled ? undefined : res.status(404).end()), next);
  });
  app.use(CONTROL_PATH, controlRouter(deps.control, { token: deps.controlToken }));
  app.get("/public/*", (req, res, next) => {
    const guest = deps.current();
    if (!guest) return unavailable(res);
    guest.storage.open(decodeURIComponent(req.path.slice(1))).then((file) => {
      if (!file) return res.status(404).type("text/plain").send("Not Found");
      res.status(200).set({
        "content-type": file.stat.type,
        "content-length": String(file.stat.size),
        "cache-control": "no-cache",
        "last-modified": file.stat.lastModified.toUTCString(),
      });
      if (req.method === "HEAD") return res.end();
      file.body.pipe(res);
    }, next);
  });
  const serveStatic = express.static(deps.staticDir, {
    extensions: ["html"],
    index: ["index.html"],
    redirect: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
  });
  app.use((req, res, next) => (NOT_PAGES.has(req.path) ? next() : serveStatic(req, res, next)));
  app.use((req, res) => {
    const guest = deps.current();
    if (!guest) return unavailable(res);
    // A traced invocation (the dashboard's) ends when the response closes; its id goes on the request's log line.
    deps.logger.run(
      `${req.method} ${req.path}`,
      () => {
        const trace = deps.logger.currentTrace();
        if (trace !== undefined) traces.set(res, trace);
        guest.handle(req, res);
      },
      res,
    );
  });
  app.use(hostErrors(deps.logger));
  return app;
}

/**
 * The host's own errors (a path that does not decode, a storage read that
 * failed): the error's status (4xx) or 500, with a plain message and never
 * a stack, which would show the client install paths; 5xx go to the log.
 */
function hostErrors(logger: DevLogger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const raw = typeof err === "object" && err !== null ? ("status" in err ? err.status : "statusCode" in err ? err.statusCode : undefined) : undefined;
    const status = typeof raw === "number" && raw >= 400 && raw <= 599 ? raw : 500;
    if (status >= 500) logger.error(`${req.method} ${req.originalUrl} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (res.headersSent) return void res.end();
    res
      .status(status)
      .type("text/plain")
      .send(STATUS_CODES[status] ?? "Error");
  };
}

/** The trace of each request the app handled (for its log line). */
const traces = new WeakMap<Response, number>();

function logRequests(logger: DevLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const url = redactToken(req.originalUrl);
    res.once("finish", () => logger.request(req.method, url, res.statusCode, Number(process.hrtime.bigint() - started) / 1e6, traces.get(res)));
    next();
  };
}

function unavailable(res: Response): void {
  res.status(503).type("text/plain").send("The app has not built yet: see the errors in the iac dev terminal.\n");
}

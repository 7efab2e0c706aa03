/**
 * The dashboard's HTTP surface, mounted at `/_iac/dashboard` ahead of the
 * control endpoint and of the request log (the page's own calls would
 * drown the app's lines):
 *
 *   GET /_iac/dashboard                 the page (no secret in it: it asks for the token in its URL)
 *   GET /_iac/dashboard/assets/<file>   its script and styles, built into dist/dashboard
 *   /_iac/dashboard/api/...             JSON, behind the control endpoint's guard
 *                                       (token, same origin, no form bodies)
 *
 * API: `stream` (server-sent events), `overview`, `routes`, `graph`,
 * `why?q=`, `logs?text=&level=&source=&trace=&since=&until=&before=&limit=`,
 * `traces`, `traces/<id>`, and the data, storage, schedule, event and
 * params endpoints of data-api.ts and ops-api.ts.
 */
import express, { type Request, type Response, type Router } from "express";
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../synth/paths";
import { controlGuard } from "../dev/control";
import { LOG_LEVELS, type LogLevel } from "../log-levels";
import { dataApi } from "./data-api";
import type { DashboardHost } from "./host";
import type { LogQuery } from "./log-ring";
import { opsApi } from "./ops-api";
import type { DashboardRecorder } from "./recorder";
import { fail, number, text } from "./respond";
import type { TraceKind } from "./traces";

export const DASHBOARD_PATH = "/_iac/dashboard";

const LEVELS: readonly LogLevel[] = LOG_LEVELS;
const KINDS: readonly TraceKind[] = ["request", "schedule", "event", "listener"];

/** Where the page's built files are: dist/dashboard of the package (scripts/build.js). */
export function dashboardAssetsDir(): string {
  return path.join(packageRoot(), "dist", "dashboard");
}

export function dashboardRouter(host: DashboardHost, recorder: DashboardRecorder, token: string, assets = dashboardAssetsDir()): Router {
  const router = express.Router();
  router.get("/", (_req, res) => page(res, assets));
  router.use(
    "/assets",
    express.static(assets, {
      index: false,
      redirect: false,
      fallthrough: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader("cache-control", "no-cache"),
    }),
  );
  router.use("/api", controlGuard({ token }));
  router.use("/api", express.json({ limit: "50mb", strict: false }));
  router.get("/api/stream", (_req, res) => recorder.connect(res));
  router.get("/api/overview", (_req, res) => {
    const analysis = host.analysis();
    res.json({
      ...host.status(),
      analysis: {
        state: analysis.state,
        run: analysis.run,
        ms: analysis.ms,
        errors: count(analysis.diagnostics, "error"),
        warnings: count(analysis.diagnostics, "warning"),
      },
      logs: recorder.logs.size,
    });
  });
  router.get("/api/routes", (_req, res) => res.json(routesOf(host)));
  router.get("/api/graph", (_req, res) => {
    const analysis = host.analysis();
    res.json({ state: analysis.state, run: analysis.run, graph: analysis.graph ?? null, diagnostics: analysis.diagnostics });
  });
  router.get("/api/why", (req, res) => {
    const graph = host.analysis().graph;
    const query = text(req.query.q);
    if (!graph) return fail(res, 409, "no analysis yet (iac dev runs it after the first build; --no-analysis turns it off)");
    if (!query) return fail(res, 400, "give the node as ?q=<id>, e.g. route:GET /todos");
    // src/why is pure but loads the IAM table: loaded on the first question.
    void import("../../why").then(
      ({ why }) => res.json(why(graph, query)),
      (error: unknown) => fail(res, 500, String(error)),
    );
  });
  router.get("/api/logs", (req, res) => {
    const started = performance.now();
    const answer = recorder.logs.search(logQuery(req));
    res.json({ ...answer, ms: performance.now() - started });
  });
  router.get("/api/traces", (req, res) => {
    const kind = KINDS.find((k) => k === req.query.kind);
    res.json({ traces: recorder.traces.list(number(req.query.limit) ?? 500, kind) });
  });
  router.get("/api/traces/:id", (req, res) => {
    const trace = recorder.traces.get(Number(req.params.id));
    if (!trace) return fail(res, 404, `no trace ${req.params.id} (the dashboard keeps the last ${recorder.traces.capacity})`);
    res.json({ trace, logs: recorder.logs.search({ trace: trace.id, limit: 1000 }).lines.reverse() });
  });
  router.use("/api", dataApi(host, recorder));
  router.use("/api", opsApi(host, recorder));
  router.use("/api", (_req, res) => fail(res, 404, `unknown dashboard API path; see ${DASHBOARD_PATH}`));
  return router;
}

function page(res: Response, assets: string): void {
  const file = path.join(assets, "index.html");
  if (!fs.existsSync(file)) {
    res
      .status(503)
      .type("text/plain")
      .send("The dashboard page is not built: run `npm run build` in iac's folder (scripts/build.js builds it into dist/dashboard).\n");
    return;
  }
  res.set({ "cache-control": "no-cache", "referrer-policy": "no-referrer", "x-frame-options": "DENY" });
  res.sendFile(file);
}

/**
 * The routes with their source locations, from the analysis; until it has
 * answered (or with `iac dev --no-analysis`), the routes the running version
 * registered, without locations (`source: "runtime"`).
 */
function routesOf(host: DashboardHost) {
  const analysis = host.analysis();
  const graph = analysis.graph;
  const api = graph?.resources.find((r) => r.kind === "api");
  const http = graph?.resources.find((r) => r.kind === "http");
  const analysed = api?.kind === "api";
  return {
    state: analysis.state,
    source: analysed ? "analysis" : "runtime",
    url: host.status().url,
    routes: analysed
      ? api.routes.map((r) => ({
          id: r.id,
          method: r.method,
          path: r.path,
          upload: r.upload,
          timeoutMs: r.options.timeoutMs,
          location: r.location,
          chain: r.chain,
        }))
      : registeredRoutes(host),
    middleware: api && api.kind === "api" ? api.middleware : [],
    mount: http && http.kind === "http" ? (http.mount ?? null) : null,
  };
}

/** The running version's routes, ids as the graph writes them (`route:GET /todos`, a repeat `#2`). */
function registeredRoutes(host: DashboardHost) {
  const seen = new Map<string, number>();
  return (host.guest()?.routes() ?? []).map((r) => {
    const base = `route:${r.method} ${r.path}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}#${n}`, method: r.method, path: r.path, upload: false, timeoutMs: r.timeoutMs };
  });
}

function logQuery(req: Request): LogQuery {
  const levels = text(req.query.level)
    ?.split(",")
    .flatMap((l) => LEVELS.filter((known) => known === l.trim()));
  return {
    text: text(req.query.text),
    levels,
    source: text(req.query.source),
    trace: number(req.query.trace),
    since: time(req.query.since),
    until: time(req.query.until),
    before: number(req.query.before),
    limit: Math.min(number(req.query.limit) ?? 500, 5000),
  };
}

function count(diagnostics: readonly { severity: string }[], severity: string): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

/** Epoch ms, or an ISO date. */
function time(value: unknown): number | undefined {
  const n = number(value);
  if (n !== undefined) return n;
  const s = text(value);
  const parsed = s === undefined ? NaN : Date.parse(s);
  return Number.isNaN(parsed) ? undefined : parsed;
}

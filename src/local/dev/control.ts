/**
 * The dev server's control endpoint, under the reserved `/_iac` path (never
 * routed to the app; deployed apps have no such path). It is how a user or a
 * script fires a schedule or publishes an event by hand, moves data in and
 * out of the running instance, or forces a reload:
 *
 *   GET  /_iac                          status: version, schedules, events, pending events
 *   POST /_iac/schedules?expression=E   run the handlers of schedule E now
 *   POST /_iac/events/<name>            publish <name> with the JSON body (delivered as events.publish does)
 *   GET  /_iac/data                     export (data.json format)
 *   POST /_iac/data[?overwrite=true]    import (data.json format)
 *   POST /_iac/reload                   rebuild and reload now
 *
 * `/_iac/storage/*` (signed storage URLs) is served before this router.
 *
 * It reads and changes the stage's data, so before any of the above:
 *   - a request whose `Origin` is not the server's own origin is refused (403):
 *     a web page on another site cannot drive it from the user's browser;
 *   - a state-changing request with a body type an HTML form can send
 *     without a CORS preflight (urlencoded, multipart, text/plain) is refused
 *     (415), so a cross-site form post fails even from a browser that sends
 *     no `Origin`;
 *   - with a `token` (iac dev makes one per run), a request without it
 *     (`Authorization: Bearer <token>` or `?token=<token>`) is refused (401).
 *     `iac test`'s instance has none: it lives for one test file, on
 *     127.0.0.1, and its only client is that file's own code.
 */
import { timingSafeEqual } from "crypto";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import * as v from "valibot";
import { checkSeedDocument, formatJsonPath } from "../../runtime/data/seed-format";
import type { SeedItem } from "../../runtime/data/types";

export const CONTROL_PATH = "/_iac";

export interface ControlTarget {
  status(): Record<string, unknown>;
  runSchedule(expression: string): Promise<void>;
  publish(name: string, body: unknown): Promise<{ id: string }>;
  exportData(): Promise<SeedItem[]>;
  importData(items: SeedItem[], overwrite: boolean): Promise<number>;
  reload(): Promise<{ ok: boolean; version: number }>;
}

export interface ControlAccess {
  /** The per-run secret every request must carry; absent: no token is asked for. */
  token?: string;
}

/** Body types a cross-site HTML form (or a no-cors fetch) can send without a preflight. */
const SIMPLE_BODY_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

export function controlRouter(target: ControlTarget, access: ControlAccess = {}): Router {
  const router = express.Router();
  router.use(controlGuard(access));
  router.use(express.json({ limit: "50mb", strict: false }));
  router.get("/", (_req, res) => {
    res.json(target.status());
  });
  router.post("/schedules", (req, res) => {
    const expression = typeof req.query.expression === "string" ? req.query.expression : scheduleBody(req.body);
    if (expression === undefined) return fail(res, 400, 'give the schedule as ?expression=rate(1 hour), or a body { "expression": "rate(1 hour)" }');
    answer(
      res,
      target.runSchedule(expression).then(() => ({ ran: expression })),
    );
  });
  router.post("/events/:name", (req, res) => {
    answer(res, target.publish(req.params.name, req.body));
  });
  router.get("/data", (_req, res) => {
    answer(res, target.exportData());
  });
  router.post("/data", (req: Request, res) => {
    const checked = checkSeedDocument(req.body ?? null);
    if (!checked.ok) return fail(res, 400, `the request body: ${formatJsonPath(checked.path)}: ${checked.message}`);
    answer(
      res,
      target.importData(checked.items, req.query.overwrite === "true").then((written) => ({ items: written })),
    );
  });
  router.post("/reload", (_req, res) => {
    answer(res, target.reload());
  });
  router.use((_req, res) => fail(res, 404, `unknown control path; see GET ${CONTROL_PATH}`));
  return router;
}

const SCHEDULE_BODY = v.object({ expression: v.string() });

/** `{ "expression": "rate(1 hour)" }`'s expression, or undefined for any other body. */
function scheduleBody(body: unknown): string | undefined {
  const parsed = v.safeParse(SCHEDULE_BODY, body);
  return parsed.success ? parsed.output.expression : undefined;
}

function answer(res: Response, work: Promise<unknown>): void {
  work.then(
    (body) => res.json(body),
    (error: unknown) => fail(res, 500, error instanceof Error ? error.message : String(error)),
  );
}

function fail(res: Response, status: number, message: string): void {
  res.status(status).json({ error: message });
}

/** The checks above, before the body is read (the dashboard's API, src/local/dashboard, takes the same). */
export function controlGuard(access: ControlAccess) {
  const expected = access.token === undefined ? undefined : Buffer.from(access.token);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host ?? ""}`) {
      return fail(res, 403, `cross-origin requests to ${CONTROL_PATH} are refused`);
    }
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (req.method !== "GET" && req.method !== "HEAD" && SIMPLE_BODY_TYPES.has(type)) {
      return fail(res, 415, `${CONTROL_PATH} takes JSON bodies (content-type: application/json), not ${type}`);
    }
    if (expected && !tokenMatches(presentedToken(req), expected)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="iac dev"');
      return fail(res, 401, `${CONTROL_PATH} needs the token iac dev printed at start (Authorization: Bearer <token>, or ?token=<token>)`);
    }
    next();
  };
}

function presentedToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined) return bearer;
  return typeof req.query.token === "string" ? req.query.token : undefined;
}

function tokenMatches(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/** `url` with the value of a `token` query parameter hidden, for the request log. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, "$1…");
}

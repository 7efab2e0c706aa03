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
 */
import express, { type Request, type Response, type Router } from "express";
import type { SeedItem } from "../../runtime/data/types";
import { parseDataJson } from "../data-json";

export const CONTROL_PATH = "/_iac";

export interface ControlTarget {
  status(): Record<string, unknown>;
  runSchedule(expression: string): Promise<void>;
  publish(name: string, body: unknown): Promise<{ id: string }>;
  exportData(): Promise<SeedItem[]>;
  importData(items: SeedItem[], overwrite: boolean): Promise<number>;
  reload(): Promise<{ ok: boolean; version: number }>;
}

export function controlRouter(target: ControlTarget): Router {
  const router = express.Router();
  router.use(express.json({ limit: "50mb", strict: false }));
  router.get("/", (_req, res) => {
    res.json(target.status());
  });
  router.post("/schedules", (req, res) => {
    const expression = typeof req.query.expression === "string" ? req.query.expression : Reflect.get(Object(req.body), "expression");
    if (typeof expression !== "string") return fail(res, 400, "give the schedule as ?expression=rate(1 hour)");
    answer(res, target.runSchedule(expression).then(() => ({ ran: expression })));
  });
  router.post("/events/:name", (req, res) => {
    answer(res, target.publish(req.params.name, req.body));
  });
  router.get("/data", (_req, res) => {
    answer(res, target.exportData());
  });
  router.post("/data", (req: Request, res) => {
    let items: SeedItem[];
    try {
      items = parseDataJson(JSON.stringify(req.body ?? null), "the request body");
    } catch (error) {
      return fail(res, 400, error instanceof Error ? error.message : String(error));
    }
    answer(res, target.importData(items, req.query.overwrite === "true").then((written) => ({ items: written })));
  });
  router.post("/reload", (_req, res) => {
    answer(res, target.reload());
  });
  router.use((_req, res) => fail(res, 404, `unknown control path; see GET ${CONTROL_PATH}`));
  return router;
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

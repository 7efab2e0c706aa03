/**
 * The dashboard's schedule, event and params endpoints (under
 * `/_iac/dashboard/api`):
 *
 *   GET  schedules            each schedule with its source location and next run (the host's timer)
 *   POST schedules/run {expression}
 *   GET  events               event names listened to and published, listeners' locations, pending deliveries
 *   POST events/publish {name, body}
 *   GET  params               the local stage's params: set in params.json, from IAC_PARAM_*, reserved,
 *                             or read by the app and not set; secrets' values never leave the server
 *   PUT  params {name, value, secret?}      DELETE params/<name>
 *
 * A params change is written to `.iac/<stage>/params.json` (as `iac params
 * set --local` writes it) and the app reloads to see it.
 */
import express, { type Router } from "express";
import type { AppGraph } from "../../graph";
import { listLocalParams, removeLocalParam, writeLocalParam } from "../params";
import type { DashboardHost } from "./host";
import type { DashboardRecorder } from "./recorder";
import { answer, fail } from "./respond";

const RESERVED = new Set(["APP_NAME", "INSTANCE_NAME", "ORG_NAME", "CLOUD_URL"]);

export function opsApi(host: DashboardHost, recorder: DashboardRecorder): Router {
  const router = express.Router();
  router.get("/schedules", (_req, res) => res.json({ schedules: schedulesOf(host) }));
  router.post("/schedules/run", (req, res) => {
    const expression: unknown = Reflect.get(Object(req.body), "expression");
    if (typeof expression !== "string" || expression === "") return fail(res, 400, 'send { "expression": "rate(1 hour)" }');
    answer(
      res,
      host.runSchedule(expression).then(() => ({ ran: expression })),
    );
  });
  router.get("/events", (_req, res) => res.json(eventsOf(host)));
  router.post("/events/publish", (req, res) => {
    const name: unknown = Reflect.get(Object(req.body), "name");
    if (typeof name !== "string" || name.trim() === "") return fail(res, 400, 'send { "name": "todo.created", "body": { ... } }');
    const body: unknown = Reflect.get(Object(req.body), "body");
    answer(
      res,
      host.publish(name.trim(), body ?? {}).then((published) => {
        recorder.notify("events", () => ({ published: published.id }));
        return published;
      }),
    );
  });
  router.get("/params", (_req, res) => res.json({ params: paramsOf(host) }));
  router.put("/params", (req, res) => {
    const name: unknown = Reflect.get(Object(req.body), "name");
    const value: unknown = Reflect.get(Object(req.body), "value");
    const secret = Reflect.get(Object(req.body), "secret") === true;
    if (typeof name !== "string" || typeof value !== "string") return fail(res, 400, 'send { "name": "API_KEY", "value": "...", "secret": true }');
    answer(
      res,
      import("../../deploy/params").then(async ({ checkParamName }) => {
        const problem = checkParamName(name);
        if (problem) throw new InputError(`${problem.message}${problem.hint ? `: ${problem.hint}` : ""}`);
        writeLocalParam(host.status().appDir, host.status().stage, name, value, secret);
        await host.paramsChanged();
        return { set: name, secret };
      }),
      (error) => error instanceof InputError,
    );
  });
  router.delete("/params/:name", (req, res) => {
    const { appDir, stage } = host.status();
    if (!removeLocalParam(appDir, stage, req.params.name)) return fail(res, 404, `${req.params.name} is not set in .iac/${stage}/params.json`);
    answer(
      res,
      host.paramsChanged().then(() => ({ unset: req.params.name })),
    );
  });
  return router;
}

class InputError extends Error {}

function schedulesOf(host: DashboardHost) {
  const graph = host.analysis().graph;
  const declared = graph?.resources.flatMap((r) => (r.kind === "schedule" ? [r] : [])) ?? [];
  return host.schedules().map(({ expression, next }) => {
    const found = declared.filter((r) => r.expression === expression);
    return {
      expression,
      next: next ?? null,
      handlers: found.map((r) => ({ id: r.id, source: r.source, location: r.location, timeoutMs: r.timeoutMs ?? null })),
    };
  });
}

function eventsOf(host: DashboardHost) {
  const graph: AppGraph | undefined = host.analysis().graph;
  const listeners = graph?.resources.flatMap((r) => (r.kind === "event-subscription" ? [{ id: r.id, name: r.name, location: r.location }] : [])) ?? [];
  const bus = graph?.resources.find((r) => r.kind === "events");
  const subscribed = host.guest()?.eventNames() ?? [];
  const published = bus && bus.kind === "events" ? bus.published : [];
  return {
    names: [...new Set([...subscribed, ...published])].sort(),
    subscribed,
    listeners,
    pending: host.pendingEvents().map((e) => ({ id: e.id, name: e.name, body: e.body, time: e.time, delay: e.delay, due: Date.parse(e.time) + e.delay })),
  };
}

type ParamSource = "params.json" | "environment" | "reserved" | "not set";

function paramsOf(host: DashboardHost) {
  const { appDir, stage } = host.status();
  const effective = host.params();
  const file = new Map(listLocalParams(appDir, stage).map((p) => [p.name, p]));
  const graph = host.analysis().graph;
  const params = graph?.resources.find((r) => r.kind === "params");
  const read = new Set(params && params.kind === "params" ? params.names : []);
  const names = new Set([...Object.keys(effective), ...file.keys(), ...read]);
  return [...names].sort().map((name) => {
    const inFile = file.get(name);
    const fromEnv = process.env[`IAC_PARAM_${name}`] !== undefined;
    const source: ParamSource = RESERVED.has(name)
      ? "reserved"
      : fromEnv
        ? "environment"
        : inFile
          ? "params.json"
          : name in effective
            ? "params.json"
            : "not set";
    const secret = inFile?.secret === true;
    const value = effective[name];
    // Secrets and values from the environment (often CI's secrets) are never sent to the page.
    const masked = secret || (fromEnv && !RESERVED.has(name));
    return {
      name,
      source,
      secret,
      masked,
      value: masked || value === undefined ? null : value,
      readByApp: read.has(name),
      editable: !RESERVED.has(name) && !fromEnv,
    };
  });
}

/**
 * `api.*`: routes matched by method and path, middleware by what it is and
 * its occurrence, compared by options and chain length; and the relative
 * order of the entries both sides share, which is behaviour in Express.
 */
import type { AppGraph, Middleware, Route } from "../../graph";
import { at, matchBy } from "../compare";
import type { Cause, Change, ChangeArea } from "../types";
import type { DiffKind } from "./kind";

function routeSubject(r: Route): string {
  return `${r.method} ${r.path}`;
}

/** Middleware ids are positional, so key by what it is plus its occurrence. */
function middlewareKeys(list: readonly Middleware[]): Map<Middleware, string> {
  const seen = new Map<string, number>();
  const keys = new Map<Middleware, string>();
  for (const m of [...list].sort((a, b) => a.order - b.order)) {
    const k = `${m.errorHandler ? "error " : ""}api.use(${m.path ?? ""})`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    keys.set(m, n === 1 ? k : `${k} #${n}`);
  }
  return keys;
}

function routeDetails(b: Route, h: Route): string[] {
  const d: string[] = [];
  if (b.upload !== h.upload) d.push(`upload ${b.upload} → ${h.upload}`);
  if (b.options.timeoutMs !== h.options.timeoutMs) d.push(`timeout ${b.options.timeoutMs ?? "default"} → ${h.options.timeoutMs ?? "default"} ms`);
  if (b.chain.length !== h.chain.length) d.push(`handler chain ${b.chain.length} → ${h.chain.length} functions`);
  return d;
}

function diffApi(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const routes = (g: AppGraph): Route[] => g.resources.flatMap((r) => (r.kind === "api" ? r.routes : []));
  const middleware = (g: AppGraph): Middleware[] => g.resources.flatMap((r) => (r.kind === "api" ? r.middleware : []));
  const simple = (area: ChangeArea, action: Change["action"], subject: string, reason: string, cause: Cause, details?: string[]): Change => ({
    source: "graph",
    area,
    action,
    subject,
    class: "safe",
    reason,
    causes: [cause],
    ...(details ? { details } : {}),
  });
  matchBy(routes(base), routes(head), (r) => r.id, {
    added: (r) => changes.push(simple("route", "added", routeSubject(r), "a new route is served", at("head", r.location))),
    removed: (r) => changes.push(simple("route", "removed", routeSubject(r), "the route is no longer served", at("base", r.location))),
    both: (b, h) => {
      const d = routeDetails(b, h);
      if (d.length > 0) changes.push(simple("route", "changed", routeSubject(h), "the route's options changed", at("head", h.location), d));
    },
  });
  const bk = middlewareKeys(middleware(base));
  const hk = middlewareKeys(middleware(head));
  const mkey = (m: Middleware): string => bk.get(m) ?? hk.get(m) ?? m.id;
  matchBy(middleware(base), middleware(head), mkey, {
    added: (m) => changes.push(simple("middleware", "added", mkey(m), "new middleware runs before later routes", at("head", m.location))),
    removed: (m) => changes.push(simple("middleware", "removed", mkey(m), "middleware no longer runs", at("base", m.location))),
    both: () => undefined,
  });
  // Express answers with the first match: the relative order of the entries
  // both sides share is behaviour, even when nothing was added or removed.
  const sequence = (rs: Route[], ms: Middleware[], keys: Map<Middleware, string>): { key: string; order: number }[] =>
    [...rs.map((r) => ({ key: r.id, order: r.order })), ...ms.map((m) => ({ key: keys.get(m) ?? m.id, order: m.order }))].sort((a, b) => a.order - b.order);
  const bs = sequence(routes(base), middleware(base), bk).map((e) => e.key);
  const hs = sequence(routes(head), middleware(head), hk).map((e) => e.key);
  const common = new Set(bs.filter((k) => hs.includes(k)));
  const bo = bs.filter((k) => common.has(k)).join("\n");
  const ho = hs.filter((k) => common.has(k)).join("\n");
  if (bo !== ho) {
    const api = head.resources.find((r) => r.kind === "api");
    changes.push({
      source: "graph",
      area: "route",
      action: "changed",
      subject: "registration order",
      class: "safe",
      reason: "routes and middleware are registered in a different order: Express may answer some requests with another handler",
      causes: api ? [at("head", api.location)] : [],
    });
  }
  return changes;
}

export const api = {
  compare: diffApi,
  areas: { route: ["route", "routes"], middleware: ["middleware", "middleware"] },
} satisfies DiffKind<"api">;

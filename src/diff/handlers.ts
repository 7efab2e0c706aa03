/**
 * Registrations, base against head: routes, middleware, schedules, event
 * subscriptions, data and storage listeners. Matched by graph id (content:
 * method and path, expression, event name, filter), compared by content
 * (options, events, chain length), never by location, so a handler moved to
 * another file is no change.
 */
import type { AppGraph, Middleware, Resource, Route, SourceLocation } from "../graph";
import type { Cause, Change, ChangeArea } from "./types";

export function at(side: Cause["side"], location: SourceLocation, what?: string): Cause {
  return { side, location, via: [], what };
}

/** Matches two lists by key; calls back for added, removed and common entries. */
export function matchBy<T>(
  base: readonly T[],
  head: readonly T[],
  key: (t: T) => string,
  on: { added(t: T): void; removed(t: T): void; both(b: T, h: T): void },
): void {
  const baseMap = new Map(base.map((t) => [key(t), t]));
  const headKeys = new Set(head.map(key));
  for (const h of head) {
    const b = baseMap.get(key(h));
    if (b === undefined) on.added(h);
    else on.both(b, h);
  }
  for (const b of base) if (!headKeys.has(key(b))) on.removed(b);
}

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

export function diffApi(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const routes = (g: AppGraph): Route[] => g.resources.flatMap((r) => (r.kind === "api" ? r.routes : []));
  const middleware = (g: AppGraph): Middleware[] => g.resources.flatMap((r) => (r.kind === "api" ? r.middleware : []));
  const simple = (area: ChangeArea, action: Change["action"], subject: string, reason: string, cause: Cause, details?: string[]): Change => ({
    source: "graph", area, action, subject, class: "safe", reason, causes: [cause], ...(details ? { details } : {}),
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
  const sequence = (rs: Route[], ms: Middleware[], keys: Map<Middleware, string>): { key: string; order: number }[] => [
    ...rs.map((r) => ({ key: r.id, order: r.order })),
    ...ms.map((m) => ({ key: keys.get(m) ?? m.id, order: m.order })),
  ].sort((a, b) => a.order - b.order);
  const bs = sequence(routes(base), middleware(base), bk).map((e) => e.key);
  const hs = sequence(routes(head), middleware(head), hk).map((e) => e.key);
  const common = new Set(bs.filter((k) => hs.includes(k)));
  const bo = bs.filter((k) => common.has(k)).join("\n");
  const ho = hs.filter((k) => common.has(k)).join("\n");
  if (bo !== ho) {
    const api = head.resources.find((r) => r.kind === "api");
    changes.push({
      source: "graph", area: "route", action: "changed", subject: "registration order", class: "safe",
      reason: "routes and middleware are registered in a different order: Express may answer some requests with another handler",
      causes: api ? [at("head", api.location)] : [],
    });
  }
  return changes;
}

/** A resource that registers one handler (a schedule, a subscription, a listener): what has a `handler`. */
type Registration = Extract<Resource, { handler: string }>;

function describeRegistration(r: Registration): string {
  switch (r.kind) {
    case "schedule":
      return `schedule ${r.expression}`;
    case "event-subscription":
      return `events.on(${r.name})`;
    case "data-listener":
      return `data.on(${r.id.slice("data-listener:".length)})`;
    case "storage-listener":
      return `storage.on(${r.id.slice("storage-listener:".length)})`;
    default: {
      const never: never = r;
      throw new Error(`unknown registration ${JSON.stringify(never)}`);
    }
  }
}

function isRegistration(r: Resource): r is Registration {
  return "handler" in r;
}

export function diffRegistrations(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const added: Registration[] = [];
  const removed: Registration[] = [];
  matchBy(base.resources.filter(isRegistration), head.resources.filter(isRegistration), (r) => r.id, {
    added: (r) => added.push(r),
    removed: (r) => removed.push(r),
    both: (b, h) => {
      if (b.timeoutMs === h.timeoutMs) return;
      changes.push({
        source: "graph", area: h.kind, action: "changed", subject: describeRegistration(h), class: "safe",
        reason: "timeout changed", causes: [at("head", h.location)],
        details: [`timeout ${b.timeoutMs ?? "default"} → ${h.timeoutMs ?? "default"} ms`],
      });
    },
  });
  // One schedule swapped for another reads better as "changed".
  const addedSchedules = added.filter((r) => r.kind === "schedule");
  const removedSchedules = removed.filter((r) => r.kind === "schedule");
  const paired = addedSchedules.length === 1 && removedSchedules.length === 1;
  if (paired) {
    const [b, h] = [removedSchedules[0], addedSchedules[0]];
    changes.push({
      source: "graph", area: "schedule", action: "changed", subject: describeRegistration(h), class: "safe",
      reason: "the schedule's expression changed", causes: [at("head", h.location)],
      details: [`${describeRegistration(b)} → ${describeRegistration(h)}`],
    });
  }
  for (const r of added) {
    if (paired && r.kind === "schedule") continue;
    changes.push({ source: "graph", area: r.kind, action: "added", subject: describeRegistration(r), class: "safe", reason: "a new handler is registered", causes: [at("head", r.location)] });
  }
  for (const r of removed) {
    if (paired && r.kind === "schedule") continue;
    changes.push({ source: "graph", area: r.kind, action: "removed", subject: describeRegistration(r), class: "safe", reason: "the handler is no longer registered", causes: [at("base", r.location)] });
  }
  return changes;
}

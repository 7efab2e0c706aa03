/**
 * `api.*`: routes and middleware. Every one runs in the `http` function
 * (Express ordering needs them in one process) and keeps its registration
 * order (`order`), which is behaviour.
 */
import { GRAPH_CODES } from "../codes";
import { cmp } from "../sort";
import type { GraphKind, Timeouts } from "./kind";

/** The `http` function's (api and http): API Gateway's integration limit is 29 s. */
export const HTTP_TIMEOUTS: Timeouts = { defaultMs: 10_000, maxMs: 29_000 };

export const api = {
  handlers: (r) => [...r.routes.map((x) => ({ id: x.handler, location: x.location })), ...r.middleware.map((x) => ({ id: x.handler, location: x.location }))],
  members: (r) => [
    ...r.routes.map((x) => ({ fn: "http", kind: "http" as const, handler: x.handler, timeoutMs: x.options.timeoutMs })),
    ...r.middleware.map((m) => ({ fn: "http", kind: "http" as const, handler: m.handler })),
  ],
  normalize: (r) => ({
    ...r,
    routes: [...r.routes].sort((a, b) => a.order - b.order || cmp(a.id, b.id)),
    middleware: [...r.middleware].sort((a, b) => a.order - b.order || cmp(a.id, b.id)),
  }),
  check: (r, graph) => {
    const orders = new Map<number, string>();
    for (const e of [...r.routes, ...r.middleware]) {
      const other = orders.get(e.order);
      if (other) graph.error(GRAPH_CODES.orderShared, `${e.id} and ${other} share registration order ${e.order}`, e.location);
      else orders.set(e.order, e.id);
    }
  },
} satisfies GraphKind<"api">;

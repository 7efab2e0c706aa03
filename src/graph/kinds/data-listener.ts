/** `data.on(spec, handler)`: every one runs in `data-listeners` (one consumer of the table's stream), which the data resource must have. */
import { GRAPH_CODES } from "../codes";
import { uniqSorted } from "../sort";
import type { GraphKind, Timeouts } from "./kind";

export const DATA_LISTENER_TIMEOUTS: Timeouts = { defaultMs: 20_000, maxMs: 60_000 };

export const dataListener = {
  handlers: (r) => [{ id: r.handler, location: r.location }],
  members: (r) => [{ fn: "data-listeners", kind: "data-listener", handler: r.handler, timeoutMs: r.timeoutMs }],
  normalize: (r) => ({ ...r, events: uniqSorted(r.events) }),
  check: (r, graph) => {
    const data = graph.resource("data");
    if (!data || data.kind !== "data" || !data.stream) graph.error(GRAPH_CODES.streamMissing, `${r.id} needs the data resource with a stream`, r.location);
  },
} satisfies GraphKind<"data-listener">;

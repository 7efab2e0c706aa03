/** `events.on(name, handler)`: its handler runs in `events-<slug>`, one function per subscribed event name. */
import { slugify } from "../slug";
import type { GraphKind, Timeouts } from "./kind";

/** The contract gives no figure for events; the data listener's keeps retries of background work prompt. */
export const EVENTS_TIMEOUTS: Timeouts = { defaultMs: 20_000, maxMs: 60_000 };

export const eventSubscription = {
  handlers: (r) => [{ id: r.handler, location: r.location }],
  members: (r) => [{ fn: `events-${slugify(r.name)}`, kind: "events", handler: r.handler, timeoutMs: r.timeoutMs }],
  normalize: (r) => ({ ...r }),
} satisfies GraphKind<"event-subscription">;

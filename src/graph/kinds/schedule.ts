/** A schedule: its handler runs in `schedule-<slug>`, one function per expression. */
import { slugify } from "../slug";
import type { GraphKind, Timeouts } from "./kind";

export const SCHEDULE_TIMEOUTS: Timeouts = { defaultMs: 60_000, maxMs: 300_000 };

export const schedule = {
  handlers: (r) => [{ id: r.handler, location: r.location }],
  members: (r) => [{ fn: `schedule-${slugify(r.expression)}`, kind: "schedule", handler: r.handler, timeoutMs: r.timeoutMs }],
  normalize: (r) => ({ ...r }),
} satisfies GraphKind<"schedule">;

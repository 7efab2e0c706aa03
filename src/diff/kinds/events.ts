/** The event bus and the event names published with a static name. */
import type { AppGraph } from "../../graph";
import { at, listDelta, single } from "../compare";
import type { Change } from "../types";
import { type DiffKind, scopeNouns } from "./kind";

function diffEvents(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const be = single(base, "events");
  const he = single(head, "events");
  if (!be && he)
    changes.push({
      source: "graph",
      area: "events",
      action: "added",
      subject: "event bus",
      class: "safe",
      reason: "an event bus is created",
      causes: [at("head", he.location)],
    });
  if (be && !he)
    changes.push({
      source: "graph",
      area: "events",
      action: "removed",
      subject: "event bus",
      class: "safe",
      reason: "nothing publishes or subscribes: the bus (and any delayed event still pending) is deleted",
      causes: [at("base", be.location)],
    });
  if (be && he) {
    const d = listDelta(be.published, he.published);
    for (const n of d.added)
      changes.push({
        source: "graph",
        area: "events",
        action: "added",
        subject: `published event ${n}`,
        class: "safe",
        reason: "a new event name is published",
        causes: [at("head", he.location)],
      });
    for (const n of d.removed)
      changes.push({
        source: "graph",
        area: "events",
        action: "removed",
        subject: `published event ${n}`,
        class: "safe",
        reason: "the event name is no longer published",
        causes: [at("base", be.location)],
      });
  }
  return changes;
}

export const events = {
  compare: diffEvents,
  areas: { events: ["event", "events"] },
  grantScope: scopeNouns("event", "any event"),
} satisfies DiffKind<"events">;

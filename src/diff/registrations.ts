/**
 * Registrations that register one handler (schedules, event subscriptions,
 * data and storage listeners), base against head, one comparer per kind:
 * matched by graph id (content: expression, event name, filter), compared
 * by timeout, never by location, so a handler moved to another file is no
 * change. A registration's changes are reported in its kind's area.
 */
import type { AppGraph, Resource } from "../graph";
import { at, matchBy } from "./compare";
import type { Compare } from "./kinds/kind";
import type { Change } from "./types";

/** A resource that registers one handler: what has a `handler`. */
export type Registration = Extract<Resource, { handler: string }>;

/** One registration kind's resources (a discriminated intersection: for "schedule", ScheduleResource). */
type RegistrationOf<K extends Registration["kind"]> = Registration & { kind: K };

export interface RegistrationDiff<R extends Registration> {
  /** How the registration reads in a report: `schedule rate(5 minutes)`, `events.on(todo.created)`. */
  describe(r: R): string;
  /**
   * When exactly one is added and one removed, they are one registration
   * changed (a schedule whose expression changed), for this reason.
   */
  swapReason?: string;
}

/** The comparer of one registration kind. */
export function registrationComparer<K extends Registration["kind"]>(kind: K, options: RegistrationDiff<RegistrationOf<K>>): Compare {
  const { describe, swapReason } = options;
  return (base: AppGraph, head: AppGraph): Change[] => {
    const changes: Change[] = [];
    const added: RegistrationOf<K>[] = [];
    const removed: RegistrationOf<K>[] = [];
    const of = (g: AppGraph): RegistrationOf<K>[] => g.resources.filter((r): r is RegistrationOf<K> => r.kind === kind);
    matchBy(of(base), of(head), (r) => r.id, {
      added: (r) => added.push(r),
      removed: (r) => removed.push(r),
      both: (b, h) => {
        if (b.timeoutMs === h.timeoutMs) return;
        changes.push({
          source: "graph",
          area: kind,
          action: "changed",
          subject: describe(h),
          class: "safe",
          reason: "timeout changed",
          causes: [at("head", h.location)],
          details: [`timeout ${b.timeoutMs ?? "default"} → ${h.timeoutMs ?? "default"} ms`],
        });
      },
    });
    // One swapped for another reads better as "changed".
    if (swapReason !== undefined && added.length === 1 && removed.length === 1) {
      const [b, h] = [removed[0], added[0]];
      changes.push({
        source: "graph",
        area: kind,
        action: "changed",
        subject: describe(h),
        class: "safe",
        reason: swapReason,
        causes: [at("head", h.location)],
        details: [`${describe(b)} → ${describe(h)}`],
      });
      return changes;
    }
    for (const r of added) {
      changes.push({
        source: "graph",
        area: kind,
        action: "added",
        subject: describe(r),
        class: "safe",
        reason: "a new handler is registered",
        causes: [at("head", r.location)],
      });
    }
    for (const r of removed) {
      changes.push({
        source: "graph",
        area: kind,
        action: "removed",
        subject: describe(r),
        class: "safe",
        reason: "the handler is no longer registered",
        causes: [at("base", r.location)],
      });
    }
    return changes;
  };
}

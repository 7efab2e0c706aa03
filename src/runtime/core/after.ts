/**
 * `events.publish(name, { after }, body)`: turns every accepted form of
 * `after` into a delay in milliseconds from `now`.
 *
 * - a number below 10^11 is a delay in ms; above, an epoch in ms (10^11 ms
 *   is three years as a delay, and 1973 as a date: neither is ambiguous
 *   within the one-year limit);
 * - a Date, or an ISO 8601 string, is an absolute time;
 * - a duration, `"<n> <unit>"` (the grammar of src/graph/durations.ts,
 *   shared with `schedule.every`; a month is 30 days and a year 365 days,
 *   the same calendar-free arithmetic as the limit itself), is a delay.
 * A time in the past means "now". More than a year ahead is an error.
 */
import { DURATION_GRAMMAR, DURATION_UNIT_MS, parseDuration } from "../../graph/durations";

export const MAX_DELAY_MS = 365 * DURATION_UNIT_MS.day;
const EPOCH_THRESHOLD = 1e11;

export function parseAfter(after: number | string | Date, now: number = Date.now()): number {
  const delay = rawDelay(after, now);
  if (delay > MAX_DELAY_MS) {
    throw new Error(`events.publish: "after" is ${describe(after)}, more than one year ahead (the limit)`);
  }
  return Math.max(0, Math.round(delay));
}

function rawDelay(after: number | string | Date, now: number): number {
  if (after instanceof Date) return checkedTime(after.getTime(), after) - now;
  if (typeof after === "number") {
    if (!Number.isFinite(after)) throw new Error(`events.publish: "after" must be a finite number, got ${after}`);
    return after >= EPOCH_THRESHOLD ? after - now : after;
  }
  const text = after.trim();
  const duration = parseDuration(text);
  if (duration.ok) return duration.ms;
  if (duration.problem === "unit") {
    const hint = duration.suggestion ? ` (did you mean "${duration.suggestion}"?)` : "";
    throw new Error(`events.publish: unknown unit in "after": ${duration.message}${hint}`);
  }
  if (/^\d+$/.test(text)) return rawDelay(Number(text), now);
  return checkedTime(Date.parse(text), after) - now;
}

function checkedTime(ms: number, original: unknown): number {
  if (Number.isNaN(ms)) {
    throw new Error(`events.publish: "after" ${describe(original)} is neither a delay (${DURATION_GRAMMAR}, or milliseconds) nor a date`);
  }
  return ms;
}

function describe(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

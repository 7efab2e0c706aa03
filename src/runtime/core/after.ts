/**
 * `events.publish(name, { after }, body)`: turns every accepted form of
 * `after` into a delay in milliseconds from `now`.
 *
 * - a number below 10^11 is a delay in ms; above, an epoch in ms (10^11 ms
 *   is three years as a delay, and 1973 as a date: neither is ambiguous
 *   within the one-year limit);
 * - a Date, or an ISO 8601 string, is an absolute time;
 * - `"<n> <unit>"`, units second..year (singular, plural or short), is a
 *   delay; a month is 30 days and a year 365 days, the same calendar-free
 *   arithmetic as the limit itself.
 * A time in the past means "now". More than a year ahead is an error.
 */
const SECOND = 1000;
const DAY = 86_400 * SECOND;
export const MAX_DELAY_MS = 365 * DAY;
const EPOCH_THRESHOLD = 1e11;

const UNITS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: SECOND, sec: SECOND, secs: SECOND, second: SECOND, seconds: SECOND,
  m: 60 * SECOND, min: 60 * SECOND, mins: 60 * SECOND, minute: 60 * SECOND, minutes: 60 * SECOND,
  h: 3600 * SECOND, hr: 3600 * SECOND, hrs: 3600 * SECOND, hour: 3600 * SECOND, hours: 3600 * SECOND,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
  month: 30 * DAY, months: 30 * DAY,
  y: 365 * DAY, year: 365 * DAY, years: 365 * DAY,
};

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
  const relative = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text);
  if (relative) {
    const unit = UNITS[relative[2].toLowerCase()];
    if (unit === undefined) {
      throw new Error(`events.publish: unknown unit "${relative[2]}" in "after" (use seconds, minutes, hours, days, weeks, months or years)`);
    }
    return Number(relative[1]) * unit;
  }
  if (/^\d+$/.test(text)) return rawDelay(Number(text), now);
  return checkedTime(Date.parse(text), after) - now;
}

function checkedTime(ms: number, original: unknown): number {
  if (Number.isNaN(ms)) {
    throw new Error(`events.publish: "after" ${describe(original)} is neither a delay ("10 minutes", ms) nor a date`);
  }
  return ms;
}

function describe(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

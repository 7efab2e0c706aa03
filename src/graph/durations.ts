/**
 * Durations: the one grammar behind `schedule.every("5 minutes")` and
 * `events.publish(name, { after: "5 minutes" }, body)`.
 *
 * `<number> <unit>`: a whole or decimal number (`2`, `1.5`), an optional
 * space, then a unit in any case, singular, plural or short:
 *   ms, millisecond(s) · s, sec(s), second(s) · m, min(s), minute(s) ·
 *   h, hr(s), hour(s) · d, day(s) · w, week(s) · month(s) · y, year(s).
 * A month is 30 days and a year 365 days: calendar-free arithmetic, the
 * same as the one-year limit of `after` (calendar schedules are cron's job).
 *
 * Pure and dependency-free, since the runtime (Lambda bundles, `iac dev`)
 * imports it besides the analyzer. Each caller adds its own limits: a
 * schedule needs whole minutes, `after` at most a year. `ms` (the npm
 * package) was weighed and left: its year is 365.25 days, which would push
 * `after: "1 year"` past the one-year limit, it has no months, and it
 * answers `undefined` where a rejection should carry the nearest valid text.
 */
import { editDistance } from "./edit-distance";

export type DurationUnit = "millisecond" | "second" | "minute" | "hour" | "day" | "week" | "month" | "year";

const SECOND = 1000;
const DAY = 86_400 * SECOND;

const UNITS: readonly DurationUnit[] = ["millisecond", "second", "minute", "hour", "day", "week", "month", "year"];

export const DURATION_UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  millisecond: 1,
  second: SECOND,
  minute: 60 * SECOND,
  hour: 3600 * SECOND,
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365 * DAY,
};

/** Every accepted spelling (lower case) and the unit it names. */
const SPELLINGS: Readonly<Record<string, DurationUnit>> = {
  ms: "millisecond",
  millisecond: "millisecond",
  milliseconds: "millisecond",
  s: "second",
  sec: "second",
  secs: "second",
  second: "second",
  seconds: "second",
  m: "minute",
  min: "minute",
  mins: "minute",
  minute: "minute",
  minutes: "minute",
  h: "hour",
  hr: "hour",
  hrs: "hour",
  hour: "hour",
  hours: "hour",
  d: "day",
  day: "day",
  days: "day",
  w: "week",
  week: "week",
  weeks: "week",
  month: "month",
  months: "month",
  y: "year",
  year: "year",
  years: "year",
};

/** The grammar in a sentence, for rejections and docs. */
export const DURATION_GRAMMAR = '"<number> <unit>" with unit ms, s(econds), m(inutes), h(ours), d(ays), w(eeks), months (30 days) or y(ears) (365 days)';

export type DurationParse =
  | { ok: true; value: number; unit: DurationUnit; ms: number }
  /** `shape`: not `<number> <unit>` at all; `unit`: the number is there, the unit is unknown. */
  | { ok: false; problem: "shape" | "unit"; message: string; suggestion?: string };

/** `5 minutes`, `1 hour`: the spelling suggestions and normalised forms use. */
export function formatDuration(value: number, unit: DurationUnit): string {
  return `${value} ${value === 1 ? unit : `${unit}s`}`;
}

/** The unit a word names, or the nearest full unit name within two edits. */
export function nearestDurationUnit(word: string): DurationUnit | undefined {
  const lower = word.toLowerCase();
  if (SPELLINGS[lower]) return SPELLINGS[lower];
  let best: { unit: DurationUnit; d: number } | undefined;
  // Full names only: a one-letter spelling is within two edits of any short word.
  for (const unit of UNITS) {
    for (const name of [unit, `${unit}s`]) {
      const d = editDistance(lower, name);
      if (d <= 2 && (!best || d < best.d)) best = { unit, d };
    }
  }
  return best?.unit;
}

/** `"1.5 hours"` → `{ value: 1.5, unit: "hour", ms: 5400000 }`, or why not with the nearest valid text. */
export function parseDuration(text: string): DurationParse {
  const body = text.trim();
  const m = /^(\d+(?:\.\d+)?)\s*([a-z_]+)$/i.exec(body);
  if (!m) {
    const word = /^[a-z]+$/i.test(body) ? nearestDurationUnit(body) : undefined;
    return {
      ok: false,
      problem: "shape",
      message: `"${text}" is not a duration: expected ${DURATION_GRAMMAR}`,
      ...(word ? { suggestion: formatDuration(1, word) } : {}),
    };
  }
  const value = Number(m[1]);
  const unit = SPELLINGS[m[2].toLowerCase()];
  if (!unit) {
    const near = nearestDurationUnit(m[2]);
    return {
      ok: false,
      problem: "unit",
      message: `"${m[2]}" is not a unit of time: expected ${DURATION_GRAMMAR}`,
      ...(near ? { suggestion: formatDuration(value, near) } : {}),
    };
  }
  return { ok: true, value, unit, ms: value * DURATION_UNIT_MS[unit] };
}

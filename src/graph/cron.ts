/**
 * The AWS cron dialect, one model for both jobs: checking an expression
 * (the analyzer at build time, the runtime when `schedule.cron` registers)
 * and finding when it fires next (`iac dev`'s timers).
 *
 * Six fields: minutes hours day-of-month month day-of-week year, with
 * `, - * /` everywhere, `?` ("any") in exactly one of the two day fields,
 * `L`, `L-n`, `LW` and `nW` in day-of-month, `L`, `nL` and `n#k` in
 * day-of-week. Weekdays are 1 (SUN) to 7 (SAT), years 1970 to 2199. AWS
 * evaluates cron in UTC; so does `nextCronRun`.
 *
 * Written here rather than mapped onto cron-parser: cron-parser has no `W`,
 * `LW`, `L-n` nor year field, its errors do not name the field, and with
 * luxon it is about 100 KB (40-50 ms to load) that every Lambda bundle
 * using `schedule.cron` would carry, since the runtime checks expressions.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Special characters allowed besides `, - * /`. */
  special: "dom" | "dow" | "none";
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const MINUTES: CronField = { name: "minutes", min: 0, max: 59, special: "none" };
const HOURS: CronField = { name: "hours", min: 0, max: 23, special: "none" };
const DAY_OF_MONTH: CronField = { name: "day-of-month", min: 1, max: 31, special: "dom" };
const MONTH: CronField = { name: "month", min: 1, max: 12, names: MONTHS, special: "none" };
const DAY_OF_WEEK: CronField = { name: "day-of-week", min: 1, max: 7, names: DAYS, special: "dow" };
const YEAR: CronField = { name: "year", min: 1970, max: 2199, special: "none" };
const FIELDS = [MINUTES, HOURS, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR] as const;

/** One comma-separated item of a day field, beyond a plain set of values. */
export type DayItem =
  | { kind: "values"; values: readonly number[] }
  /** Day-of-month `L` (offset 0) or `L-3`. */
  | { kind: "last"; offset: number }
  /** Day-of-month `LW`. */
  | { kind: "last-weekday" }
  /** Day-of-month `15W`: the weekday nearest the 15th, within its month. */
  | { kind: "nearest-weekday"; day: number }
  /** Day-of-week `6L`: the month's last Friday. */
  | { kind: "last-of"; weekday: number }
  /** Day-of-week `2#1`: the month's first Monday. */
  | { kind: "nth"; weekday: number; n: number };

/** A checked expression: the values each field allows, sorted, and the day rule. */
export interface CronSchedule {
  minutes: readonly number[];
  hours: readonly number[];
  months: readonly number[];
  years: readonly number[];
  /** Which day field says which days (the other is `?`), and what it says. */
  days: { field: "day-of-month" | "day-of-week"; items: readonly DayItem[] };
}

export type CronParse = { ok: true; fields: string[]; schedule: CronSchedule } | { ok: false; message: string; suggestion?: string };

/** A single value: a number in range or a name (JAN, TUE), as its number. */
function valueOf(token: string, field: CronField): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const i = field.names?.indexOf(token) ?? -1;
  return i >= 0 ? i + field.min : undefined;
}

function notAValue(token: string, field: CronField): string {
  const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
  return `${token} is not a valid ${field.name} value (${field.min}-${field.max}${names})`;
}

/** `a`, `a-b`, `*`, each with an optional `/step`; a range may wrap (`FRI-MON`). */
function rangeItem(item: string, field: CronField): number[] | string {
  const [range, step, extra] = item.split("/");
  if (extra !== undefined) return `"${item}" has more than one /`;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `"/${step}" must be a positive whole number`;
  const [from, to, more] = range === "*" ? [String(field.min), String(field.max)] : range.split("-");
  if (more !== undefined) return `"${range}" is not a range`;
  const a = valueOf(from, field);
  if (a === undefined) return notAValue(from, field);
  // `5/15` runs from 5 to the end of the field, as `5-59/15` would.
  const b = to === undefined ? (step === undefined ? a : field.max) : valueOf(to, field);
  if (b === undefined) return notAValue(to ?? "", field);
  const span = b >= a ? b - a : b - a + field.max - field.min + 1;
  const values: number[] = [];
  for (let i = 0; i <= span; i += Number(step ?? 1)) values.push(((a - field.min + i) % (field.max - field.min + 1)) + field.min);
  return values;
}

/** One item of a field as what it allows, or why it is invalid. */
function parseItem(item: string, field: CronField): DayItem | string {
  if (field.special === "dom") {
    if (item === "L") return { kind: "last", offset: 0 };
    if (item === "LW") return { kind: "last-weekday" };
    const last = /^L-(\d+)$/.exec(item);
    if (last) return Number(last[1]) <= 30 ? { kind: "last", offset: Number(last[1]) } : `${item} is out of range`;
    const nearest = /^(\d+)W$/.exec(item);
    if (nearest) return valueOf(nearest[1], field) === undefined ? `${item} is out of range` : { kind: "nearest-weekday", day: Number(nearest[1]) };
  }
  if (field.special === "dow") {
    // `L` alone is the last day of the week, Saturday.
    if (item === "L") return { kind: "values", values: [7] };
    const hash = /^([A-Z0-9]+)#(\d+)$/.exec(item);
    if (hash) {
      const weekday = valueOf(hash[1], field);
      if (weekday === undefined) return `${hash[1]} is not a day of the week`;
      const n = Number(hash[2]);
      return n >= 1 && n <= 5 ? { kind: "nth", weekday, n } : `#${hash[2]}: the nth weekday must be 1 to 5`;
    }
    const lastOf = /^([A-Z0-9]+)L$/.exec(item);
    if (lastOf) {
      const weekday = valueOf(lastOf[1], field);
      return weekday === undefined ? `${lastOf[1]} is not a day of the week` : { kind: "last-of", weekday };
    }
  }
  const values = rangeItem(item, field);
  return typeof values === "string" ? values : { kind: "values", values };
}

/** A whole field as its items, or why it is invalid (`?` is the caller's). */
function parseField(text: string, field: CronField): DayItem[] | string {
  const items: DayItem[] = [];
  for (const item of text.split(",")) {
    if (item === "") return `empty item in ${field.name} field "${text}"`;
    const parsed = parseItem(item, field);
    if (typeof parsed === "string") return `${field.name}: ${parsed}`;
    items.push(parsed);
  }
  return items;
}

function valuesOf(items: readonly DayItem[]): number[] {
  const all = new Set<number>();
  for (const item of items) if (item.kind === "values") for (const v of item.values) all.add(v);
  return [...all].sort((a, b) => a - b);
}

/**
 * Six upper-cased fields (already split) → the model, or why not; messages
 * quote `written`, the expression as the app wrote it. Checks
 * each field, then that exactly one day field is `?`; suggestions give the
 * nearest valid expression where one is plain.
 */
export function parseCronFields(fields: readonly string[], written: string = fields.join(" ")): CronParse {
  const parsed: DayItem[][] = [];
  for (let i = 0; i < 6; i++) {
    const field = FIELDS[i];
    if (fields[i] === "?") {
      if (field.special === "none") return { ok: false, message: `invalid cron "${written}": ? is only allowed in the day-of-month and day-of-week fields` };
      parsed.push([]);
      continue;
    }
    const items = parseField(fields[i], field);
    if (typeof items === "string") return { ok: false, message: `invalid cron "${written}": ${items}` };
    parsed.push(items);
  }
  const [, , dom, , dow] = fields;
  const withDays = (d: string, w: string): string => [fields[0], fields[1], d, fields[3], w, fields[5]].join(" ");
  if (dom === "*" && dow === "*") {
    return { ok: false, message: `"*" in both day-of-month and day-of-week: AWS needs "?" in one of them`, suggestion: withDays("*", "?") };
  }
  if (dom === "?" && dow === "?") {
    return { ok: false, message: `"?" in both day fields: one of them must say which days`, suggestion: withDays("*", "?") };
  }
  if (dom !== "?" && dow !== "?") {
    return {
      ok: false,
      message: `day-of-month and day-of-week cannot both be set: use "?" in one of them`,
      suggestion: dow === "*" ? withDays(dom, "?") : withDays("?", dow),
    };
  }
  const days = dom === "?" ? { field: "day-of-week" as const, items: parsed[4] } : { field: "day-of-month" as const, items: parsed[2] };
  return {
    ok: true,
    fields: [...fields],
    schedule: { minutes: valuesOf(parsed[0]), hours: valuesOf(parsed[1]), months: valuesOf(parsed[3]), years: valuesOf(parsed[5]), days },
  };
}

const DAY_MS = 86_400_000;

/** 1 (SUN) .. 7 (SAT), AWS's numbering. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (MON-FRI) nearest `day`, staying inside the month, as AWS and Quartz define `W`. */
function nearestWeekday(year: number, month: number, day: number, length: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === length ? day - 2 : day + 1;
  return day;
}

/** The days of `month` (1-12) of `year` the day rule allows, sorted. */
function daysOf(rule: CronSchedule["days"], year: number, month: number): number[] {
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const days = new Set<number>();
  for (let day = 1; day <= length; day++) {
    const weekday = weekdayOf(year, month, day);
    const matches = rule.items.some((item) => {
      switch (item.kind) {
        case "values":
          return item.values.includes(rule.field === "day-of-month" ? day : weekday);
        case "last":
          return day === length - item.offset;
        case "last-weekday":
          return day === nearestWeekday(year, month, length, length);
        case "nearest-weekday":
          return item.day <= length && day === nearestWeekday(year, month, item.day, length);
        case "last-of":
          return weekday === item.weekday && day + 7 > length;
        case "nth":
          return weekday === item.weekday && Math.ceil(day / 7) === item.n;
      }
    });
    if (matches) days.add(day);
  }
  return [...days];
}

/** The first run strictly after `after`, in epoch ms; undefined when none is left before 2200. */
export function nextCronRun(schedule: CronSchedule, after: Date): number | undefined {
  const from = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  // Each level skips what ends before `from`, so the search never walks past minutes.
  for (const year of schedule.years) {
    if (Date.UTC(year + 1, 0, 1) <= from) continue;
    for (const month of schedule.months) {
      if (Date.UTC(year, month, 1) <= from) continue;
      for (const day of daysOf(schedule.days, year, month)) {
        const dayStart = Date.UTC(year, month - 1, day);
        if (dayStart + DAY_MS <= from) continue;
        for (const hour of schedule.hours) {
          if (dayStart + (hour + 1) * 3_600_000 <= from) continue;
          for (const minute of schedule.minutes) {
            const at = dayStart + hour * 3_600_000 + minute * 60_000;
            if (at >= from) return at;
          }
        }
      }
    }
  }
  return undefined;
}

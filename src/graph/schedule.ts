/**
 * Schedule expressions: what users write (`"5 minutes"`, `"0 0 ? * TUE *"`)
 * to the AWS forms EventBridge accepts (`rate(5 minutes)`, `cron(...)`).
 *
 * Pure, no dependencies: the analyzer validates with it at compile time and
 * the runtime normalises with it at run time, so the expression a Lambda
 * receives in its rule input is byte-equal to the one the runtime computes
 * for `schedule.every(...)`. Rejections carry the nearest valid form.
 */
import { DURATION_GRAMMAR, DURATION_UNIT_MS, formatDuration, parseDuration, type DurationUnit } from "./durations";

export type ScheduleParse = { ok: true; expression: string } | { ok: false; message: string; suggestion?: string };

/** The units an EventBridge rate takes, coarsest first. */
const RATE_UNITS = ["day", "hour", "minute"] as const satisfies readonly DurationUnit[];
type RateUnit = (typeof RATE_UNITS)[number];
const MINUTE = DURATION_UNIT_MS.minute;

function isRateUnit(unit: DurationUnit): unit is RateUnit {
  return RATE_UNITS.some((u) => u === unit);
}

function rate(value: number, unit: RateUnit): string {
  return `rate(${formatDuration(value, unit)})`;
}

/**
 * A duration (docs/sdk.md, src/graph/durations.ts) as an EventBridge rate:
 * `"5 minutes"` → `rate(5 minutes)`, `"1 minutes"` → `rate(1 minute)`,
 * `"5 mins"` → `rate(5 minutes)`; an already normalised `rate(...)` is
 * accepted too. A whole number of minutes, hours or days keeps the unit
 * written (`60 minutes` stays `rate(60 minutes)`, so a schedule's id does
 * not move); anything else becomes the coarsest of day, hour, minute that
 * holds it whole (`2 weeks` → `rate(14 days)`, `1.5 hours` →
 * `rate(90 minutes)`). It must come to a whole number of minutes, at least one.
 */
export function normalizeRate(text: string): ScheduleParse {
  let body = text.trim();
  const wrapped = /^rate\((.*)\)$/i.exec(body);
  if (wrapped) body = wrapped[1].trim();
  const parsed = parseDuration(body);
  if (!parsed.ok) {
    const message = parsed.problem === "shape" ? `"${text}" is not a rate: expected ${DURATION_GRAMMAR}` : parsed.message;
    const fallback = parsed.problem === "shape" ? "5 minutes" : undefined;
    const suggestion = parsed.suggestion === undefined ? fallback : normalizeRate(parsed.suggestion).ok ? parsed.suggestion : "1 minute";
    return { ok: false, message, ...(suggestion ? { suggestion } : {}) };
  }
  const { value, unit, ms } = parsed;
  if (isRateUnit(unit) && Number.isInteger(value) && value >= 1) return { ok: true, expression: rate(value, unit) };
  if (ms === 0) return { ok: false, message: `a rate must be at least 1 minute, got "${text}"`, suggestion: "1 minute" };
  if (ms < MINUTE) {
    return { ok: false, message: `schedules run at most once a minute; "${text}" is finer than that`, suggestion: "1 minute" };
  }
  if (ms % MINUTE !== 0) {
    return {
      ok: false,
      message: `a rate is a whole number of minutes; "${text}" is not`,
      suggestion: formatDuration(Math.round(ms / MINUTE), "minute"),
    };
  }
  const whole = RATE_UNITS.find((u) => ms % DURATION_UNIT_MS[u] === 0) ?? "minute";
  return { ok: true, expression: rate(ms / DURATION_UNIT_MS[whole], whole) };
}

// ---------------------------------------------------------------------------
// cron: six AWS fields (minutes hours day-of-month month day-of-week year).

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

const FIELDS: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, special: "none" },
  { name: "hours", min: 0, max: 23, special: "none" },
  { name: "day-of-month", min: 1, max: 31, special: "dom" },
  { name: "month", min: 1, max: 12, names: MONTHS, special: "none" },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, special: "dow" },
  { name: "year", min: 1970, max: 2199, special: "none" },
];

/** A single value: a number in range or a name (JAN, TUE), as its number. */
function valueOf(token: string, field: CronField): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const i = field.names?.indexOf(token) ?? -1;
  return i >= 0 ? i + field.min : undefined;
}

/** Why one comma-separated item of a field is invalid, or undefined when valid. */
function checkItem(item: string, field: CronField): string | undefined {
  if (item === "*") return undefined;
  if (field.special === "dom" && /^(L|LW|L-\d+|\d+W)$/.test(item)) {
    const n = /\d+/.exec(item);
    return n && Number(n[0]) > 31 ? `${item} is out of range` : undefined;
  }
  if (field.special === "dow") {
    if (item === "L") return undefined;
    const hash = /^([A-Z0-9]+)#(\d+)$/.exec(item);
    if (hash) {
      if (valueOf(hash[1], field) === undefined) return `${hash[1]} is not a day of the week`;
      const k = Number(hash[2]);
      return k >= 1 && k <= 5 ? undefined : `#${hash[2]}: the nth weekday must be 1 to 5`;
    }
    const last = /^([A-Z0-9]+)L$/.exec(item);
    if (last) return valueOf(last[1], field) === undefined ? `${last[1]} is not a day of the week` : undefined;
  }
  const [range, step, extra] = item.split("/");
  if (extra !== undefined) return `"${item}" has more than one /`;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `"/${step}" must be a positive whole number`;
  if (range === "*") return undefined;
  const [from, to, more] = range.split("-");
  if (more !== undefined) return `"${range}" is not a range`;
  const a = valueOf(from, field);
  if (a === undefined) return `${from} is not a valid ${field.name} value (${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""})`;
  if (to !== undefined && valueOf(to, field) === undefined) return `${to} is not a valid ${field.name} value (${field.min}-${field.max})`;
  return undefined;
}

function checkField(text: string, field: CronField): string | undefined {
  if (text === "?") return field.special === "none" ? `? is only allowed in the day-of-month and day-of-week fields` : undefined;
  for (const item of text.split(",")) {
    if (item === "") return `empty item in ${field.name} field "${text}"`;
    const why = checkItem(item, field);
    if (why) return `${field.name}: ${why}`;
  }
  return undefined;
}

/**
 * `"0 12 * * ? *"` or `"cron(0 12 * * ? *)"` → `cron(0 12 * * ? *)`: six AWS
 * fields with `, - * / ? L W #`; exactly one of the two day fields must be
 * `?`. Month and weekday names are upper-cased.
 */
export function normalizeCron(text: string): ScheduleParse {
  let body = text.trim();
  const wrapped = /^cron\((.*)\)$/i.exec(body);
  if (wrapped) body = wrapped[1].trim();
  const fields = body.toUpperCase().split(/\s+/).filter((f) => f !== "");
  if (fields.length === 5) {
    // Classic Unix cron (no year); AWS wants a sixth field and a `?` day.
    const [min, hour, dom, month, dow] = fields;
    const fixed = dom !== "?" && dow !== "?" ? (dow === "*" ? [dom, "?"] : ["?", dow]) : [dom, dow];
    return {
      ok: false,
      message: `cron expressions have six fields (minutes hours day-of-month month day-of-week year); "${text}" has five`,
      suggestion: [min, hour, fixed[0], month, fixed[1], "*"].join(" "),
    };
  }
  if (fields.length !== 6) {
    return {
      ok: false,
      message: `cron expressions have six fields (minutes hours day-of-month month day-of-week year); "${text}" has ${fields.length}`,
    };
  }
  for (let i = 0; i < 6; i++) {
    const why = checkField(fields[i], FIELDS[i]);
    if (why) return { ok: false, message: `invalid cron "${text}": ${why}` };
  }
  const [, , dom, , dow] = fields;
  const withDays = (d: string, w: string): string => [fields[0], fields[1], d, fields[3], w, fields[5]].join(" ");
  if (dom === "*" && dow === "*") {
    return {
      ok: false,
      message: `"*" in both day-of-month and day-of-week: AWS needs "?" in one of them`,
      suggestion: withDays("*", "?"),
    };
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
  return { ok: true, expression: `cron(${fields.join(" ")})` };
}

/** Either kind, by the method the app called: `every`/`rate` or `cron`. */
export function normalizeSchedule(method: "every" | "rate" | "cron", text: string): ScheduleParse {
  return method === "cron" ? normalizeCron(text) : normalizeRate(text);
}

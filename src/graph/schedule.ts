/**
 * Schedule expressions: what users write (`"5 minutes"`, `"0 0 ? * TUE *"`)
 * to the AWS forms EventBridge accepts (`rate(5 minutes)`, `cron(...)`).
 *
 * Pure, no dependencies: the analyzer validates with it at compile time and
 * the runtime normalises with it at run time, so the expression a Lambda
 * receives in its rule input is byte-equal to the one the runtime computes
 * for `schedule.every(...)`. Rejections carry the nearest valid form.
 */
import { editDistance } from "./edit-distance";

export type ScheduleParse = { ok: true; expression: string } | { ok: false; message: string; suggestion?: string };

type RateUnit = "minute" | "hour" | "day";

/** Accepted spellings of each unit, and common ones we reject with a suggestion. */
const UNIT_ALIASES: Record<string, RateUnit> = {
  minute: "minute",
  minutes: "minute",
  hour: "hour",
  hours: "hour",
  day: "day",
  days: "day",
};

const SUGGESTED_UNITS: Record<string, RateUnit> = {
  m: "minute",
  min: "minute",
  mins: "minute",
  mn: "minute",
  h: "hour",
  hr: "hour",
  hrs: "hour",
  d: "day",
  dy: "day",
  dys: "day",
};

/** Units finer or coarser than EventBridge rates, converted to one it accepts. */
const CONVERTIBLE: Record<string, { unit: RateUnit; factor: number }> = {
  week: { unit: "day", factor: 7 },
  weeks: { unit: "day", factor: 7 },
  w: { unit: "day", factor: 7 },
};

function rate(value: number, unit: RateUnit): string {
  return `rate(${value} ${value === 1 ? unit : `${unit}s`})`;
}

/** The user-facing spelling (`5 minutes`), used in suggestions. */
function plain(value: number, unit: RateUnit): string {
  return `${value} ${value === 1 ? unit : `${unit}s`}`;
}


function nearestUnit(word: string): RateUnit | undefined {
  if (SUGGESTED_UNITS[word]) return SUGGESTED_UNITS[word];
  let best: { unit: RateUnit; d: number } | undefined;
  for (const [spelling, unit] of Object.entries(UNIT_ALIASES)) {
    const d = editDistance(word, spelling);
    if (d <= 2 && (!best || d < best.d)) best = { unit, d };
  }
  return best?.unit;
}

/**
 * `"5 minutes"` → `rate(5 minutes)`, `"1 minutes"` → `rate(1 minute)`;
 * an already normalised `rate(...)` is accepted too. Units: minute(s),
 * hour(s), day(s); the value a positive integer.
 */
export function normalizeRate(text: string): ScheduleParse {
  let body = text.trim().toLowerCase();
  const wrapped = /^rate\((.*)\)$/.exec(body);
  if (wrapped) body = wrapped[1].trim();
  const m = /^(\d+(?:\.\d+)?)\s*([a-z_]+)$/.exec(body);
  if (!m) {
    const unitOnly = /^([a-z]+)$/.exec(body);
    const unit = unitOnly ? (UNIT_ALIASES[unitOnly[1]] ?? nearestUnit(unitOnly[1])) : undefined;
    return {
      ok: false,
      message: `"${text}" is not a rate: expected "<number> <unit>" with unit minute(s), hour(s) or day(s)`,
      suggestion: unit ? plain(1, unit) : "5 minutes",
    };
  }
  const value = Number(m[1]);
  const word = m[2];
  const unit = UNIT_ALIASES[word];
  if (!unit) {
    const converted = CONVERTIBLE[word];
    if (converted) {
      const v = value * converted.factor;
      return { ok: false, message: `"${word}" is not a rate unit: use minute(s), hour(s) or day(s)`, suggestion: plain(v, converted.unit) };
    }
    if (/^(s|sec|secs|second|seconds)$/.test(word)) {
      return { ok: false, message: `schedules run at most once a minute; "${text}" is finer than that`, suggestion: "1 minute" };
    }
    const near = nearestUnit(word);
    return {
      ok: false,
      message: `"${word}" is not a rate unit: use minute(s), hour(s) or day(s)`,
      ...(near ? { suggestion: plain(Number.isInteger(value) && value > 0 ? value : 1, near) } : {}),
    };
  }
  if (!Number.isInteger(value)) {
    // 1.5 hours → 90 minutes: the next finer unit makes most fractions whole.
    const finer: Record<RateUnit, { unit: RateUnit; factor: number } | undefined> = {
      day: { unit: "hour", factor: 24 },
      hour: { unit: "minute", factor: 60 },
      minute: undefined,
    };
    const f = finer[unit];
    const v = f ? Math.round(value * f.factor) : Math.max(1, Math.round(value));
    return { ok: false, message: `rate values must be whole numbers, got ${value}`, suggestion: f ? plain(v, f.unit) : plain(v, unit) };
  }
  if (value < 1) {
    return { ok: false, message: `rate values must be at least 1, got ${value}`, suggestion: plain(1, unit) };
  }
  return { ok: true, expression: rate(value, unit) };
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

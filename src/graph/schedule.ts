/**
 * Schedule expressions: what users write (`"5 minutes"`, `"0 0 ? * TUE *"`)
 * to the AWS forms EventBridge accepts (`rate(5 minutes)`, `cron(...)`).
 *
 * Pure, no dependencies: the analyzer validates with it at compile time and
 * the runtime normalises with it at run time, so the expression a Lambda
 * receives in its rule input is byte-equal to the one the runtime computes
 * for `schedule.every(...)`. Rejections carry the nearest valid form.
 */
import { parseCronFields, type CronParse } from "./cron";
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

/**
 * `"0 12 * * ? *"` or `"cron(0 12 * * ? *)"` → `cron(0 12 * * ? *)`: the
 * AWS dialect (src/graph/cron.ts) with month and weekday names upper-cased
 * and spaces collapsed. Five fields (Unix cron) are refused with the AWS
 * form as the suggestion.
 */
export function normalizeCron(text: string): ScheduleParse {
  const parsed = parseCron(text);
  return parsed.ok ? { ok: true, expression: `cron(${parsed.fields.join(" ")})` } : parsed;
}

/** The model of a cron expression, written either way `normalizeCron` takes it. */
export function parseCron(text: string): CronParse {
  let body = text.trim();
  const wrapped = /^cron\((.*)\)$/i.exec(body);
  if (wrapped) body = wrapped[1].trim();
  const fields = body
    .toUpperCase()
    .split(/\s+/)
    .filter((f) => f !== "");
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
  return parseCronFields(fields, text);
}

/** Either kind, by the method the app called: `every`/`rate` or `cron`. */
export function normalizeSchedule(method: "every" | "rate" | "cron", text: string): ScheduleParse {
  return method === "cron" ? normalizeCron(text) : normalizeRate(text);
}

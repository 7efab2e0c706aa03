/**
 * When a schedule fires next, for the local instance's timers. Input: a
 * normalised AWS expression (`rate(5 minutes)`, `cron(0 3 ? * MON *)`,
 * from src/graph). AWS cron has six fields (minutes hours day-of-month
 * month day-of-week year), `?` for "any" in one day field, and numbers
 * its weekdays 1-7 from Sunday; cron-parser takes five fields with `*`
 * and 0-7 weekdays, so we convert, and check the year field ourselves.
 * AWS evaluates cron in UTC; so do we.
 */
import { CronExpressionParser } from "cron-parser";

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The period of a `rate(...)` expression in ms, or undefined for anything else. */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

/** `cron(0 3 ? * MON *)` → `{ fiveFields: "0 3 * * MON", year: "*" }`. */
export function toCronParser(expression: string): { fiveFields: string; year: string } | undefined {
  const match = /^cron\((.*)\)$/.exec(expression);
  if (!match) return undefined;
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [min, hour, dom, month, dow, year] = fields;
  const day = (f: string): string => (f === "?" ? "*" : f);
  // AWS weekdays are 1 (SUN) .. 7 (SAT); cron-parser's 0 (SUN) .. 6 (SAT). Names pass through.
  const weekday = day(dow).replace(/\d+/g, (n, offset: number, whole: string) => (whole[offset - 1] === "#" ? n : String(Number(n) - 1)));
  return { fiveFields: [min, hour, day(dom), month, weekday].join(" "), year };
}

function yearMatches(field: string, year: number): boolean {
  if (field === "*" || field === "?") return true;
  return field.split(",").some((part) => {
    const [range, step] = part.split("/");
    const [from, to] = range === "*" ? [1970, 2199] : range.split("-").map(Number);
    const last = to ?? (step ? 2199 : from);
    return year >= from && year <= last && (year - from) % Number(step ?? 1) === 0;
  });
}

/** The first fire time strictly after `after`, in epoch ms; undefined when there is none (or we cannot tell). */
export function nextFireTime(expression: string, after: Date): number | undefined {
  const period = ratePeriodMs(expression);
  if (period !== undefined) return after.getTime() + period;
  const cron = toCronParser(expression);
  if (!cron) return undefined;
  const parsed = CronExpressionParser.parse(cron.fiveFields, { currentDate: after, tz: "UTC" });
  for (let i = 0; i < 1000; i++) {
    const next = parsed.next().toDate();
    if (yearMatches(cron.year, next.getUTCFullYear())) return next.getTime();
    if (next.getUTCFullYear() > 2199) return undefined;
  }
  return undefined;
}

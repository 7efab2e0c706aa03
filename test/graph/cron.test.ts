import { CronExpressionParser } from "cron-parser";
import { nextCronRun, parseCron } from "../../src/graph";
import { nextFireTime } from "../../src/local/dev/timing";

/** The next `count` runs of an AWS expression after `from`, as ISO strings. */
function runs(expression: string, from: string, count = 3): string[] {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.message);
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    const next = nextCronRun(parsed.schedule, at);
    if (next === undefined) break;
    out.push(new Date(next).toISOString());
    at = new Date(next);
  }
  return out;
}

describe("nextCronRun: the AWS dialect", () => {
  test.each<[string, string, string[]]>([
    ["every 15 minutes", "0/15 * * * ? *", ["2030-01-01T00:15:00.000Z", "2030-01-01T00:30:00.000Z", "2030-01-01T00:45:00.000Z"]],
    ["Tuesdays at midnight", "0 0 ? * TUE *", ["2030-01-08T00:00:00.000Z", "2030-01-15T00:00:00.000Z", "2030-01-22T00:00:00.000Z"]],
    ["weekday numbers are 1 (SUN) to 7 (SAT)", "0 0 ? * 3 *", ["2030-01-08T00:00:00.000Z", "2030-01-15T00:00:00.000Z", "2030-01-22T00:00:00.000Z"]],
    ["L: the last day of the month", "0 10 L * ? *", ["2030-01-31T10:00:00.000Z", "2030-02-28T10:00:00.000Z", "2030-03-31T10:00:00.000Z"]],
    ["L-2: two days before it", "0 10 L-2 * ? *", ["2030-01-29T10:00:00.000Z", "2030-02-26T10:00:00.000Z", "2030-03-29T10:00:00.000Z"]],
    // 2030-06-15 is a Saturday: Friday the 14th; 2030-09-15 a Sunday: Monday the 16th.
    ["15W: the weekday nearest the 15th", "0 9 15W 6,9 ? *", ["2030-06-14T09:00:00.000Z", "2030-09-16T09:00:00.000Z", "2031-06-16T09:00:00.000Z"]],
    // 2030-06-01 is a Saturday: W stays in the month, Monday the 3rd.
    ["1W does not leave the month", "0 9 1W 6 ? 2030", ["2030-06-03T09:00:00.000Z"]],
    // 2030-03-31 is a Sunday: Friday the 29th.
    ["LW: the last weekday", "0 18 LW 3 ? 2030", ["2030-03-29T18:00:00.000Z"]],
    ["6L: the last Friday", "0 10 ? * 6L *", ["2030-01-25T10:00:00.000Z", "2030-02-22T10:00:00.000Z", "2030-03-29T10:00:00.000Z"]],
    ["L alone in day-of-week: Saturdays", "0 10 ? * L *", ["2030-01-05T10:00:00.000Z", "2030-01-12T10:00:00.000Z", "2030-01-19T10:00:00.000Z"]],
    ["MON#2: the second Monday", "0 10 ? * MON#2 *", ["2030-01-14T10:00:00.000Z", "2030-02-11T10:00:00.000Z", "2030-03-11T10:00:00.000Z"]],
    ["a year range, and none after it", "5,35 1 1 1,7 ? 2030-2031", ["2030-01-01T01:05:00.000Z", "2030-01-01T01:35:00.000Z", "2030-07-01T01:05:00.000Z"]],
    ["a year step", "0 0 1 JAN ? 2032/4", ["2032-01-01T00:00:00.000Z", "2036-01-01T00:00:00.000Z", "2040-01-01T00:00:00.000Z"]],
    ["a weekday range that wraps (FRI-MON)", "0 12 ? * FRI-MON 2030", ["2030-01-04T12:00:00.000Z", "2030-01-05T12:00:00.000Z", "2030-01-06T12:00:00.000Z"]],
    ["February the 29th, leap years only", "0 0 29 2 ? *", ["2032-02-29T00:00:00.000Z", "2036-02-29T00:00:00.000Z", "2040-02-29T00:00:00.000Z"]],
    ["a day no month has never runs", "0 0 31 2 ? *", []],
    ["a past year never runs", "0 0 1 1 ? 2020", []],
  ])("%s: %s", (_name, expression, expected) => {
    expect(runs(expression, "2030-01-01T00:00:00.000Z")).toEqual(expected);
  });

  test("strictly after: a run at the very minute is the next one, seconds are dropped", () => {
    expect(runs("0 12 * * ? *", "2030-01-01T12:00:00.000Z", 1)).toEqual(["2030-01-02T12:00:00.000Z"]);
    expect(runs("0 12 * * ? *", "2030-01-01T11:59:59.999Z", 1)).toEqual(["2030-01-01T12:00:00.000Z"]);
  });

  test("the local timers read rates and crons with the same parsers", () => {
    const from = new Date("2030-01-01T00:00:00.000Z");
    expect(nextFireTime("rate(5 minutes)", from)).toBe(from.getTime() + 300_000);
    expect(nextFireTime("rate(2 days)", from)).toBe(from.getTime() + 2 * 86_400_000);
    expect(nextFireTime("cron(0 9 15W * ? *)", from)).toBe(Date.parse("2030-01-15T09:00:00.000Z"));
    expect(nextFireTime("not a schedule", from)).toBeUndefined();
  });
});

/**
 * Differential: for the forms cron-parser also reads (no W, no L-n, no
 * year), our next runs must equal its. Expressions come from a seeded
 * generator so a failure reproduces.
 */
describe("nextCronRun agrees with cron-parser", () => {
  let seed = 22;
  const random = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const pick = <T>(items: readonly T[]): T => items[random(items.length)];
  function field(min: number, max: number, names?: readonly string[]): string {
    const value = (): string => {
      const n = min + random(max - min + 1);
      return names && random(2) === 0 ? names[n - min] : String(n);
    };
    switch (random(6)) {
      case 0:
        return "*";
      case 1:
        return `*/${1 + random(Math.min(15, max - min))}`;
      case 2: {
        const a = min + random(max - min + 1);
        return `${a}-${a + random(max - a + 1)}`;
      }
      case 3:
        return `${value()},${value()}`;
      default:
        return value();
    }
  }
  const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

  test.each(Array.from({ length: 60 }, (_, i) => i))("expression %d", () => {
    const minutes = field(0, 59);
    const hours = field(0, 23);
    const month = field(1, 12, MONTHS);
    const byWeekday = random(2) === 0;
    const dom = byWeekday ? "?" : pick(["L", field(1, 31)]);
    const dow = byWeekday ? pick([field(1, 7, DAYS), `${1 + random(7)}L`, `${pick(DAYS)}#${1 + random(5)}`]) : "?";
    const aws = [minutes, hours, dom, month, dow, "*"].join(" ");
    // cron-parser numbers weekdays 0 (SUN) to 6 and has no `?`.
    const unixDow = dow === "?" ? "*" : dow.replace(/\d+/g, (n, offset: number, whole: string) => (whole[offset - 1] === "#" ? n : String(Number(n) - 1)));
    const theirs = CronExpressionParser.parse([minutes, hours, dom === "?" ? "*" : dom, month, unixDow].join(" "), {
      currentDate: new Date("2030-03-01T00:00:00.000Z"),
      tz: "UTC",
    });
    const ours = runs(aws, "2030-03-01T00:00:00.000Z", 5);
    const expected = Array.from({ length: 5 }, () => theirs.next().toISOString());
    expect({ aws, runs: ours }).toEqual({ aws, runs: expected });
  });
});

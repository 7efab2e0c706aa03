import { formatDuration, nearestDurationUnit, parseDuration } from "../../src/graph/durations";

describe("parseDuration", () => {
  test.each([
    ["250 ms", 250, "millisecond"],
    ["1 millisecond", 1, "millisecond"],
    ["30 seconds", 30_000, "second"],
    ["5s", 5000, "second"],
    ["2 secs", 2000, "second"],
    ["5 m", 300_000, "minute"],
    ["5 MINS", 300_000, "minute"],
    ["1 minute", 60_000, "minute"],
    ["1.5 h", 5_400_000, "hour"],
    ["2 hrs", 7_200_000, "hour"],
    ["1 d", 86_400_000, "day"],
    ["2 weeks", 14 * 86_400_000, "week"],
    ["1 month", 30 * 86_400_000, "month"],
    ["1 y", 365 * 86_400_000, "year"],
    ["  10minutes ", 600_000, "minute"],
  ])("%s is %d ms (%s)", (text, ms, unit) => {
    expect(parseDuration(text)).toMatchObject({ ok: true, ms, unit });
  });

  test("a shape that is not <number> <unit> is a shape problem; a word that names a unit suggests one of it", () => {
    expect(parseDuration("hourly")).toMatchObject({ ok: false, problem: "shape", suggestion: "1 hour" });
    expect(parseDuration("soon")).toEqual({ ok: false, problem: "shape", message: expect.stringContaining("is not a duration") });
    expect(parseDuration("-5 minutes")).toMatchObject({ ok: false, problem: "shape" });
    expect(parseDuration("5")).toMatchObject({ ok: false, problem: "shape" });
  });

  test("an unknown unit is a unit problem with the nearest full unit name, or none", () => {
    expect(parseDuration("2 dayz")).toMatchObject({ ok: false, problem: "unit", suggestion: "2 days" });
    expect(parseDuration("1 minit")).toMatchObject({ ok: false, problem: "unit", suggestion: "1 minute" });
    expect(parseDuration("3 fortnights")).toEqual({ ok: false, problem: "unit", message: expect.any(String) });
  });

  test("one-letter spellings are accepted but never suggested", () => {
    expect(nearestDurationUnit("x")).toBeUndefined();
    expect(nearestDurationUnit("M")).toBe("minute");
    expect(formatDuration(1, "day")).toBe("1 day");
    expect(formatDuration(2, "day")).toBe("2 days");
  });
});

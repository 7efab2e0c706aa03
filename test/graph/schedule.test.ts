import { normalizeCron, normalizeRate, normalizeSchedule } from "../../src/graph/schedule";

describe("normalizeRate", () => {
  test.each([
    ["5 minutes", "rate(5 minutes)"],
    ["1 minutes", "rate(1 minute)"],
    ["1 minute", "rate(1 minute)"],
    ["  2 HOURS ", "rate(2 hours)"],
    ["1 day", "rate(1 day)"],
    ["7 days", "rate(7 days)"],
    ["rate(10 minutes)", "rate(10 minutes)"],
    ["10minutes", "rate(10 minutes)"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeRate(input)).toEqual({ ok: true, expression: expected });
  });

  test.each([
    ["5 mins", "5 minutes"],
    ["1 hr", "1 hour"],
    ["3 hrs", "3 hours"],
    ["2 dayz", "2 days"],
    ["2 weeks", "14 days"],
    ["30 seconds", "1 minute"],
    ["1.5 hours", "90 minutes"],
    ["0 minutes", "1 minute"],
    ["hourly", "1 hour"],
    ["every now and then", "5 minutes"],
    ["hour", "1 hour"],
  ])("%s is rejected (suggest %s)", (input, suggestion) => {
    const r = normalizeRate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestion).toBe(suggestion ?? "5 minutes");
      expect(r.message.length).toBeGreaterThan(0);
    }
  });
});

describe("normalizeCron", () => {
  test.each([
    ["0 0 ? * TUE *", "cron(0 0 ? * TUE *)"],
    ["0 12 * * ? *", "cron(0 12 * * ? *)"],
    ["cron(0/15 * * * ? *)", "cron(0/15 * * * ? *)"],
    ["0 18 ? * mon-fri *", "cron(0 18 ? * MON-FRI *)"],
    ["0 8 1,15 jan-mar ? 2030", "cron(0 8 1,15 JAN-MAR ? 2030)"],
    ["0 10 L * ? *", "cron(0 10 L * ? *)"],
    ["0 10 15W * ? *", "cron(0 10 15W * ? *)"],
    ["0 10 ? * 6L *", "cron(0 10 ? * 6L *)"],
    ["0 10 ? * MON#2 *", "cron(0 10 ? * MON#2 *)"],
    ["  5   4  ?  *  1-5/2  * ", "cron(5 4 ? * 1-5/2 *)"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeCron(input)).toEqual({ ok: true, expression: expected });
  });

  test("* in both day fields suggests ?", () => {
    const r = normalizeCron("0 0 * * * *");
    expect(r).toMatchObject({ ok: false, suggestion: "0 0 * * ? *" });
  });

  test("five fields suggest the year and a ?", () => {
    expect(normalizeCron("0 0 * * *")).toMatchObject({ ok: false, suggestion: "0 0 * * ? *" });
    expect(normalizeCron("0 9 * * MON")).toMatchObject({ ok: false, suggestion: "0 9 ? * MON *" });
  });

  test.each([
    ["61 0 ? * * *", /minutes/],
    ["0 24 ? * * *", /hours/],
    ["0 0 32 * ? *", /day-of-month/],
    ["0 0 ? 13 * *", /month/],
    ["0 0 ? * FOO *", /day-of-week/],
    ["0 0 ? * MON#6 *", /1 to 5/],
    ["0 0 ? * * 1800", /year/],
    ["? 0 ? * * *", /only allowed/],
    ["0 0 ? * ? *", /both day fields/],
    ["0 0 1 * MON *", /cannot both/],
    ["0 0 1 * *  * *", /has 7/],
    ["0/0 0 ? * * *", /positive/],
  ])("%s is rejected", (input, message) => {
    const r = normalizeCron(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test("normalizeSchedule dispatches by method", () => {
    expect(normalizeSchedule("every", "1 hour")).toEqual({ ok: true, expression: "rate(1 hour)" });
    expect(normalizeSchedule("cron", "0 0 ? * TUE *")).toEqual({ ok: true, expression: "cron(0 0 ? * TUE *)" });
  });
});

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
    // The duration grammar events.publish's `after` takes (src/graph/durations.ts).
    ["5 mins", "rate(5 minutes)"],
    ["5 m", "rate(5 minutes)"],
    ["1 hr", "rate(1 hour)"],
    ["3 hrs", "rate(3 hours)"],
    ["2 d", "rate(2 days)"],
    ["RATE(5 MIN)", "rate(5 minutes)"],
    ["60 minutes", "rate(60 minutes)"],
    ["2 weeks", "rate(14 days)"],
    ["1 w", "rate(7 days)"],
    ["1 month", "rate(30 days)"],
    ["1 year", "rate(365 days)"],
    ["1.5 hours", "rate(90 minutes)"],
    ["1.5 days", "rate(36 hours)"],
    ["0.5 h", "rate(30 minutes)"],
    ["120 seconds", "rate(2 minutes)"],
    ["3600 s", "rate(1 hour)"],
    ["7200000 ms", "rate(2 hours)"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeRate(input)).toEqual({ ok: true, expression: expected });
  });

  test.each([
    ["5 minuts", "5 minutes"],
    ["2 dayz", "2 days"],
    ["3 hourz", "3 hours"],
    ["30 seconds", "1 minute"],
    ["30 secnds", "1 minute"],
    ["90 seconds", "2 minutes"],
    ["1.5 minutes", "2 minutes"],
    ["0 minutes", "1 minute"],
    ["hourly", "1 hour"],
    ["every now and then", "5 minutes"],
    ["hour", "1 hour"],
  ])("%s is rejected (suggest %s)", (input, suggestion) => {
    const r = normalizeRate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestion).toBe(suggestion);
      expect(r.message.length).toBeGreaterThan(0);
    }
  });

  test("a rejection names the grammar it expects", () => {
    const r = normalizeRate("every now and then");
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('"<number> <unit>" with unit ms, s(econds), m(inutes), h(ours), d(ays)') });
    expect(normalizeRate("3 fortnights")).toEqual({
      ok: false,
      message: expect.stringMatching(/^"fortnights" is not a unit of time: expected "<number> <unit>"/),
    });
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
    // AWS-specific forms (src/graph/cron.ts; their run times are in test/graph/cron.test.ts).
    ["0 10 LW * ? *", "cron(0 10 LW * ? *)"],
    ["0 10 L-3 * ? *", "cron(0 10 L-3 * ? *)"],
    ["0 10 1,L * ? *", "cron(0 10 1,L * ? *)"],
    ["0 10 ? * L *", "cron(0 10 ? * L *)"],
    ["0 10 ? * fril *", "cron(0 10 ? * FRIL *)"],
    ["0 12 ? * FRI-MON *", "cron(0 12 ? * FRI-MON *)"],
    ["0 0 1 JAN ? 2032/4", "cron(0 0 1 JAN ? 2032/4)"],
    ["5/10 * * * ? *", "cron(5/10 * * * ? *)"],
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
    ["0 0 32W * ? *", /32W is out of range/],
    ["0 0 0W * ? *", /0W is out of range/],
    ["0 0 L-31 * ? *", /L-31 is out of range/],
    ["0 0 ? * 8L *", /8 is not a day of the week/],
    ["0 0 ? * MON#0 *", /1 to 5/],
    ["0 0 ? * 15W *", /day-of-week: 15W is not a valid day-of-week value/],
    ["0 0 L * * 2030", /cannot both/],
    ["0 0 1,,2 * ? *", /empty item/],
    ["0 0 1-2-3 * ? *", /not a range/],
    ["0/5/2 0 1 * ? *", /more than one \//],
    ["0 0 1 * ? 2200", /year/],
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

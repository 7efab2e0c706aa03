/** docs/sdk.md, "schedule": rates, crons, options, middleware and handles. */
import { schedule } from "iac";
import type { Area } from "./types";

/**
 * Schedules are registered per area; each statement uses expressions no
 * other statement registers, so firing one runs only that statement's handlers.
 */
export const scheduleArea: Area = {
  name: "schedule",
  statements: [
    {
      id: "schedule.every",
      title: "every(duration) of whole minutes runs its handler when the schedule fires; the duration grammar is after's",
      async run(ctx) {
        const ran: string[] = [];
        schedule.every("7 minutes", () => void ran.push("7 minutes"));
        schedule.every("1 minute", () => void ran.push("1 minute"));
        schedule.every("1 hour", () => void ran.push("1 hour"));
        schedule.every("3 hours", () => void ran.push("3 hours a"));
        schedule.every("3 hours", () => void ran.push("3 hours b"));
        schedule.every("1 day", () => void ran.push("1 day"));
        schedule.every("2 days", () => void ran.push("2 days"));
        schedule.every("19 mins", () => void ran.push("19 mins"));
        schedule.every("3 weeks", () => void ran.push("3 weeks"));
        schedule.every("2.5 h", () => void ran.push("2.5 h"));
        const fired = [
          "rate(7 minutes)",
          "rate(1 minute)",
          "rate(1 hour)",
          "rate(3 hours)",
          "rate(1 day)",
          "rate(2 days)",
          "rate(19 minutes)",
          "rate(21 days)",
          "rate(150 minutes)",
        ];
        for (const e of fired) await ctx.fireSchedule(e);
        expect(ran).toEqual(["7 minutes", "1 minute", "1 hour", "3 hours a", "3 hours b", "1 day", "2 days", "19 mins", "3 weeks", "2.5 h"]);
      },
    },
    {
      id: "schedule.cron",
      title: 'cron("m h dom mon dow year") with , - * / ? L W # runs its handler; * in both day fields is an error',
      async run(ctx) {
        const ran: string[] = [];
        schedule.cron("0 0 ? * TUE *", () => void ran.push("tuesdays"));
        schedule.cron("0/15 8-17 ? * MON-FRI *", () => void ran.push("working hours"));
        schedule.cron("0 12 L * ? *", () => void ran.push("last day"));
        schedule.cron("0 9 15W * ? *", () => void ran.push("weekday nearest the 15th"));
        schedule.cron("30 10 ? * 2#1 *", () => void ran.push("first monday"));
        schedule.cron("5,35 1 1 1,7 ? 2030-2040", () => void ran.push("list and range"));
        await ctx.fireSchedule("cron(0 0 ? * TUE *)");
        await ctx.fireSchedule("cron(0/15 8-17 ? * MON-FRI *)");
        await ctx.fireSchedule("cron(0 12 L * ? *)");
        await ctx.fireSchedule("cron(0 9 15W * ? *)");
        await ctx.fireSchedule("cron(30 10 ? * 2#1 *)");
        await ctx.fireSchedule("cron(5,35 1 1 1,7 ? 2030-2040)");
        expect(ran).toEqual(["tuesdays", "working hours", "last day", "weekday nearest the 15th", "first monday", "list and range"]);
        expect(() => schedule.cron("0 0 * * * *", () => undefined)).toThrow(/invalid schedule expression/);
      },
    },
    {
      id: "schedule.invalid",
      title: "an invalid expression is refused when registered, naming it",
      async run() {
        expect(() => schedule.every("7 fortnights", () => undefined)).toThrow(/"7 fortnights"/);
        expect(() => schedule.every("0 minutes", () => undefined)).toThrow(/invalid schedule expression/);
        expect(() => schedule.every("90 seconds", () => undefined)).toThrow(/"90 seconds".*whole number of minutes/);
        expect(() => schedule.cron("0 0 * *", () => undefined)).toThrow(/invalid schedule expression/);
      },
    },
    {
      id: "schedule.options",
      title: "an options object { timeout } may come before the handler",
      async run(ctx) {
        const ran: string[] = [];
        schedule.every("11 minutes", { timeout: 120_000 }, () => void ran.push("with options"));
        schedule.cron("0 4 ? * SUN *", { timeout: 300_000 }, () => void ran.push("cron with options"));
        await ctx.fireSchedule("rate(11 minutes)");
        await ctx.fireSchedule("cron(0 4 ? * SUN *)");
        expect(ran).toEqual(["with options", "cron with options"]);
      },
    },
    {
      id: "schedule.rate",
      title: "schedule.rate is every under another name",
      async run(ctx) {
        const ran: string[] = [];
        schedule.rate("13 minutes", () => void ran.push("rate"));
        schedule.every("13 minutes", () => void ran.push("every"));
        await ctx.fireSchedule("rate(13 minutes)");
        expect(ran).toEqual(["rate", "every"]);
      },
    },
    {
      id: "schedule.use",
      title: "schedule.use middleware runs before the handlers, which run when it calls next",
      async run(ctx) {
        const steps: string[] = [];
        schedule.use(async (event, next) => {
          steps.push(`before ${event.expression}`);
          await next();
          steps.push("after");
        });
        schedule.every("17 minutes", () => void steps.push("handler"));
        await ctx.fireSchedule("rate(17 minutes)");
        expect(steps).toEqual(["before rate(17 minutes)", "handler", "after"]);
      },
    },
    {
      id: "schedule.handle",
      title: "every, cron and rate answer a handle whose invoke() runs the handlers (the testing form)",
      async run() {
        const ran: string[] = [];
        const every = schedule.every("19 minutes", () => void ran.push("every"));
        const cron = schedule.cron("0 5 ? * MON *", () => void ran.push("cron"));
        await every.invoke();
        await cron.invoke();
        await schedule.rate("19 minutes").invoke();
        await schedule.every("19 minutes").invoke();
        expect(ran).toEqual(["every", "cron", "every", "every"]);
      },
    },
  ],
};

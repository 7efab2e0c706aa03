/** docs/sdk.md, "events": publish, delivery, delays and retries. */
import { events, type CloudEvent } from "iac";
import type { Area } from "./types";
import { eventually, sleep, stays, unique } from "./util";

const DAY = 86_400_000;

export const eventsArea: Area = {
  name: "events",
  statements: [
    {
      id: "events.on.event",
      title: "a handler gets { id, name, body, time, delay }, time being when publish was called in epoch ms",
      async run() {
        const name = unique("ev.");
        const seen: CloudEvent[] = [];
        events.on(name, (e) => void seen.push(e));
        const before = Date.now();
        const published = await events.publish(name, { hello: "world" });
        await eventually(() => expect(seen).toHaveLength(1));
        const [e] = seen;
        expect(e).toEqual({ id: published.id, name, body: { hello: "world" }, time: expect.any(Number), delay: 0 });
        expect(e.time).toBeGreaterThanOrEqual(before - 1000);
        expect(e.time).toBeLessThanOrEqual(Date.now());
        expect(e.time).toBe(published.time);
      },
    },
    {
      id: "events.publish.result",
      title: "publish answers { id, name, time, delay }, time in epoch ms",
      async run() {
        const name = unique("pub.");
        const before = Date.now();
        const result = await events.publish(name, { after: 60_000 }, { a: 1 });
        expect(result).toEqual({ id: expect.any(String), name, time: expect.any(Number), delay: 60_000 });
        expect(result.time).toBeGreaterThanOrEqual(before - 1000);
        expect(result.time).toBeLessThanOrEqual(Date.now());
        const other = await events.publish(name, { a: 2 });
        expect(other.id).not.toBe(result.id);
        expect(other.delay).toBe(0);
      },
    },
    {
      id: "events.subscribers",
      title: "every handler of the name gets the event, handlers of other names do not",
      async run() {
        const name = unique("sub.");
        const got: string[] = [];
        events.on(name, () => void got.push("first"));
        events.on(name, { timeout: 5000 }, () => void got.push("second"));
        events.on(`${name}.other`, () => void got.push("other"));
        await events.publish(name, null);
        await eventually(() => expect(got.sort()).toEqual(["first", "second"]));
        await stays(() => expect(got).not.toContain("other"), 200);
      },
    },
    {
      id: "events.body",
      title: "the body arrives as its JSON; a body of 256 KB or more is refused",
      async run() {
        const name = unique("body.");
        const bodies: unknown[] = [];
        events.on(name, (e) => void bodies.push(e.body));
        await events.publish(name, { when: new Date("2026-01-02T03:04:05.000Z"), gone: undefined, list: [1, "two", null], n: 1.5 });
        await eventually(() => expect(bodies).toEqual([{ when: "2026-01-02T03:04:05.000Z", list: [1, "two", null], n: 1.5 }]));
        await expect(events.publish(name, { blob: "x".repeat(256 * 1024) })).rejects.toThrow(/256 KB/);
        await stays(() => expect(bodies).toHaveLength(1), 200);
      },
    },
    {
      id: "events.after.forms",
      title: 'after: milliseconds, an epoch in ms, an ISO date, a Date or a duration ("<n> <unit>", ms to years)',
      async run() {
        const name = unique("after.");
        const delay = async (after: number | string | Date) => (await events.publish(name, { after }, {})).delay;
        expect(await delay(90_000)).toBe(90_000);
        const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThan(2000);
        close(await delay(Date.now() + 300_000), 300_000);
        close(await delay(new Date(Date.now() + 400_000).toISOString()), 400_000);
        close(await delay(new Date(Date.now() + 500_000)), 500_000);
        expect(await delay("30 seconds")).toBe(30_000);
        expect(await delay("10 minutes")).toBe(600_000);
        expect(await delay("2 hours")).toBe(7_200_000);
        expect(await delay("3 days")).toBe(3 * DAY);
        expect(await delay("1 week")).toBe(7 * DAY);
        expect(await delay("1 month")).toBe(30 * DAY);
        expect(await delay("1 year")).toBe(365 * DAY);
        expect(await delay("5 mins")).toBe(300_000);
        expect(await delay("1.5 h")).toBe(5_400_000);
        await expect(delay("3 fortnights")).rejects.toThrow(/unit/);
        await expect(delay("next tuesday")).rejects.toThrow();
      },
    },
    {
      id: "events.after.delivery",
      title: "a delayed event is delivered no earlier than asked, with its delay",
      async run() {
        const name = unique("later.");
        const seen: { at: number; delay: number; time: number }[] = [];
        events.on(name, (e) => void seen.push({ at: Date.now(), delay: e.delay, time: e.time }));
        const published = await events.publish(name, { after: 1200 }, { x: 1 });
        // Beyond the 24.8 days a Node timer can wait: not delivered now either.
        await events.publish(name, { after: "30 days" }, { x: 2 });
        await sleep(800);
        expect(seen).toEqual([]);
        await eventually(() => expect(seen).toHaveLength(1), 6000);
        expect(seen[0].delay).toBe(1200);
        expect(seen[0].time).toBe(published.time);
        expect(seen[0].at).toBeGreaterThanOrEqual(published.time + 1200);
        await stays(() => expect(seen).toHaveLength(1), 300);
      },
    },
    {
      id: "events.after.limits",
      title: "after at or before now is delivered at once (delay 0); more than a year ahead is refused and nothing is sent",
      async run() {
        const name = unique("lim.");
        const seen: number[] = [];
        events.on(name, (e) => void seen.push(e.delay));
        expect((await events.publish(name, { after: 0 }, 1)).delay).toBe(0);
        expect((await events.publish(name, { after: -5000 }, 2)).delay).toBe(0);
        expect((await events.publish(name, { after: new Date(Date.now() - DAY) }, 3)).delay).toBe(0);
        await eventually(() => expect(seen).toEqual([0, 0, 0]));
        await expect(events.publish(name, { after: "366 days" }, 4)).rejects.toThrow(/one year/);
        await expect(events.publish(name, { after: Date.now() + 400 * DAY }, 5)).rejects.toThrow(/one year/);
        await stays(() => expect(seen).toHaveLength(3), 200);
      },
    },
    {
      id: "events.retry",
      title: "a handler that throws is retried",
      async run() {
        const name = unique("retry.");
        let calls = 0;
        const ids: string[] = [];
        events.on(name, (e) => {
          calls++;
          if (calls === 1) throw new Error("conformance: a first attempt that fails on purpose");
          ids.push(e.id);
        });
        const { id } = await events.publish(name, {});
        await eventually(() => expect(ids).toEqual([id]));
        expect(calls).toBe(2);
      },
    },
    {
      id: "events.on.handle",
      title: "events.on answers a handle whose invoke() runs the handler",
      async run() {
        const name = unique("handle.");
        const seen: CloudEvent[] = [];
        const handle = events.on(name, (e) => void seen.push(e));
        await handle.invoke({ body: { direct: true }, time: 1_700_000_000_000 });
        expect(seen).toEqual([{ id: expect.any(String), name, body: { direct: true }, time: 1_700_000_000_000, delay: 0 }]);
      },
    },
  ],
};

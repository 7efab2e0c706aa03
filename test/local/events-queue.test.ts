/**
 * The local event bus delivers a delayed event no earlier than its
 * publication time plus its delay, by the wall clock the handler reads,
 * however late the event reached the queue after it was stamped.
 */
import { LocalEventQueue } from "../../src/local/events-queue";

test("a delayed event arrives at time + delay, by the clock, not delay after it reached the queue", async () => {
  const arrivals: { at: number; due: number }[] = [];
  const queue = new LocalEventQueue({
    deliver: async (event) => void arrivals.push({ at: Date.now(), due: Date.parse(event.time) + event.delay }),
  });
  // Stamped ahead of the queue's clock (a publisher that took its time before handing it over, seen backwards):
  // waiting `delay` from now would deliver 40 ms early.
  const stamped = Date.now() + 40;
  await Promise.all([0, 30, 60, 90].map((delay, i) => queue.publish({ id: `e${i}`, name: "later", body: {}, time: new Date(stamped).toISOString(), delay })));
  await new Promise((resolve) => setTimeout(resolve, 250));
  queue.close();
  expect(arrivals).toHaveLength(4);
  for (const a of arrivals) expect(a.at).toBeGreaterThanOrEqual(a.due);
});

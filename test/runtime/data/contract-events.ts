/**
 * Contract cases for `data.on`: event shapes, filters, per-namespace order,
 * and failing handlers (retried locally; on AWS the stream dispatch rejects so
 * that Lambda retries).
 */
import { data, type DataEvent } from "../../../src/runtime/data";
import type { HarnessRef } from "./contract";
import { unique } from "./contract";

export function dataEventCases(harness: HarnessRef): void {
  describe("data.on", () => {
    test("created, updated and deleted events carry item and previous", async () => {
      const c = unique("ev");
      const seen: DataEvent[] = [];
      data.on("*", (e) => {
        if (e.item.key.startsWith(`${c}:`)) seen.push(e);
      });
      await data.set(`${c}:1`, { a: 1 }, { label1: "s:x" });
      await data.set(`${c}:1`, { b: 2 });
      await data.add(`${c}:1`, "n", 5);
      await data.remove(`${c}:1`);
      await data.remove(`${c}:1`);
      await harness().settle();
      expect(seen.map((e) => e.name)).toEqual(["created", "updated", "updated", "deleted"]);
      expect(seen[0]).toEqual({ name: "created", item: expect.objectContaining({ key: `${c}:1`, value: { a: 1 }, label1: "s:x" }) });
      expect(seen[0].previous).toBeUndefined();
      expect(seen[1].item.value).toEqual({ a: 1, b: 2 });
      expect(seen[1].previous).toMatchObject({ key: `${c}:1`, value: { a: 1 } });
      expect(seen[2].item.value).toEqual({ a: 1, b: 2, n: 5 });
      expect(seen[2].previous?.value).toEqual({ a: 1, b: 2 });
      expect(seen[3].item).toMatchObject({ key: `${c}:1`, value: { a: 1, b: 2, n: 5 } });
    });

    test("event and key filters: event, event:key, event:namespace:key, arrays, prefixes", async () => {
      const c = unique("flt");
      const got: Record<string, string[]> = { created: [], nsKey: [], key: [], arr: [], simple: [] };
      data.on("created", (e) => e.item.key.startsWith(c) && got.created.push(e.item.key));
      data.on(`updated:${c}:a*`, { timeout: 5000 }, (e) => got.nsKey.push(`${e.name} ${e.item.key}`));
      data.on(`deleted:${c}-simple*`, (e) => got.simple.push(e.item.key));
      data.on(`*:${c.slice(0, -2)}*:b1`, (e) => got.key.push(`${e.name} ${e.item.key}`));
      data.on(["created", "deleted"], (e) => e.item.key.startsWith(`${c}:b`) && got.arr.push(e.name));
      await data.set(`${c}:a1`, 1);
      await data.set(`${c}:a1`, 2);
      await data.set(`${c}:b1`, 1);
      await data.set(`${c}:b1`, 2);
      await data.remove(`${c}:b1`);
      await data.set(`${c}-simple1`, 1);
      await data.remove(`${c}-simple1`);
      await harness().settle();
      // Different namespaces are delivered independently: compare as sets.
      expect(got.created.sort()).toEqual([`${c}-simple1`, `${c}:a1`, `${c}:b1`]);
      expect(got.nsKey).toEqual([`updated ${c}:a1`]);
      expect(got.key).toEqual([`created ${c}:b1`, `updated ${c}:b1`, `deleted ${c}:b1`]);
      expect(got.arr).toEqual(["created", "deleted"]);
      expect(got.simple).toEqual([`${c}-simple1`]);
      expect(() => data.on("changed", () => undefined)).toThrow(/unknown event/);
    });

    test("per namespace, events arrive in the order the writes were applied", async () => {
      const c1 = unique("ord");
      const c2 = unique("ord");
      const seen: Record<string, number[]> = { [c1]: [], [c2]: [] };
      data.on("updated", async (e) => {
        const ns = e.item.key.split(":")[0];
        const value = e.item.value;
        if (typeof value !== "number" || !seen[ns]) return;
        // A slow handler must not let later events of its namespace overtake it.
        if (value === 4) await new Promise((r) => setTimeout(r, 30));
        seen[ns].push(value);
      });
      await data.set(`${c2}:k`, 0);
      for (let i = 1; i <= 15; i++) {
        await data.set(`${c1}:k${i % 3}`, i);
        await data.set(`${c2}:k`, i);
      }
      await harness().settle();
      const expected = Array.from({ length: 15 }, (_, i) => i + 1);
      // Updates only: the first writes of k1, k2, k0 in c1 (i = 1, 2, 3) are creations.
      expect(seen[c1]).toEqual(expected.filter((i) => i >= 4));
      expect(seen[c2]).toEqual(expected);
    });

    test("a throwing handler is retried (local) or fails the stream batch (AWS)", async () => {
      const c = unique("retry");
      let calls = 0;
      data.on(`created:${c}:*`, () => {
        calls++;
        if (calls < 3) throw new Error("flaky");
      });
      await data.set(`${c}:1`, 1);
      if (harness().retriesHandlers) {
        await harness().settle();
        expect(calls).toBe(3);
      } else {
        // Lambda retries the batch: each failed dispatch rejects, the third succeeds.
        await expect(harness().settle()).rejects.toThrow("flaky");
        await expect(harness().settle()).rejects.toThrow("flaky");
        await harness().settle();
        expect(calls).toBe(3);
      }
    });
  });
}

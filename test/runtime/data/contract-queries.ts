/**
 * Contract cases: collection and label queries, pagination, and the rule that
 * a query reads one partition (a DynamoDB Query, never a Scan).
 */
import { data } from "../../../src/runtime/data";
import type { HarnessRef } from "./contract";
import { unique } from "./contract";

const keysOf = (r: { items: { key: string }[] }) => r.items.map((i) => i.key.slice(i.key.indexOf(":") + 1));

export function dataQueryCases(harness: HarnessRef): void {
  describe("queries", () => {
    let c = "";
    beforeAll(async () => {
      c = unique("q");
      // Inserted out of order: answers must be sorted by key anyway.
      const names = ["b2", "a1", "c3", "a2", "b1", "d4", "a3"];
      await data.set(names.map((n) => ({ key: `${c}:${n}`, value: n })));
      await data.set(`${c}x:a9`, "other collection");
      await data.set(`${c}`, "a simple key named like the collection");
    });

    test("every query form, sorted ascending", async () => {
      expect(keysOf(await data.get(`${c}:*`))).toEqual(["a1", "a2", "a3", "b1", "b2", "c3", "d4"]);
      expect(keysOf(await data.get(`${c}:a*`))).toEqual(["a1", "a2", "a3"]);
      expect(keysOf(await data.get(`${c}:>b1`))).toEqual(["b2", "c3", "d4"]);
      expect(keysOf(await data.get(`${c}:>=b1`))).toEqual(["b1", "b2", "c3", "d4"]);
      expect(keysOf(await data.get(`${c}:<b1`))).toEqual(["a1", "a2", "a3"]);
      expect(keysOf(await data.get(`${c}:<=b1`))).toEqual(["a1", "a2", "a3", "b1"]);
      expect(keysOf(await data.get(`${c}:a2|c3`))).toEqual(["a2", "a3", "b1", "b2", "c3"]);
      expect(await data.get(`${c}:a1`)).toBe("a1");
      expect((await data.get(`${c}:*`)).items[0]).toEqual({ key: `${c}:a1`, value: "a1" });
      expect((await data.get(`${c}:a*`, { meta: true })).items[0]).toMatchObject({ key: `${c}:a1`, value: "a1", created: expect.any(Number) });
    });

    test("reverse and limit", async () => {
      expect(keysOf(await data.get(`${c}:*`, { reverse: true, limit: 3 }))).toEqual(["d4", "c3", "b2"]);
      expect(keysOf(await data.get(`${c}:a*`, { reverse: true }))).toEqual(["a3", "a2", "a1"]);
      await expect(data.get(`${c}:*`, { limit: 1001 })).rejects.toThrow(/1 to 1000/);
      await expect(data.get(`${c}:*`, { limit: 0 })).rejects.toThrow(/1 to 1000/);
    });

    test("pagination with lastKey, next() and start", async () => {
      const first = await data.get(`${c}:*`, { limit: 3 });
      expect(keysOf(first)).toEqual(["a1", "a2", "a3"]);
      expect(first.lastKey).toBe(`${c}:a3`);
      const second = await first.next!();
      expect(keysOf(second)).toEqual(["b1", "b2", "c3"]);
      const third = await data.get(`${c}:*`, { limit: 3, start: second.lastKey });
      expect(keysOf(third)).toEqual(["d4"]);
      expect(third.lastKey).toBeUndefined();
      expect(third.next).toBeUndefined();
      const back = await data.get(`${c}:*`, { limit: 2, reverse: true, start: `${c}:c3` });
      expect(keysOf(back)).toEqual(["b2", "b1"]);
    });

    test("invalid query expressions are rejected", async () => {
      await expect(data.get(`${c}:a|b|c`)).rejects.toThrow(/only one "\|"/);
      await expect(data.get(`${c}:a*b`)).rejects.toThrow(/only allowed at the end/);
      await expect(data.get(`${c}:z|a`)).rejects.toThrow(/sorts after/);
      await expect(data.get(`${c}:>`)).rejects.toThrow(/needs a key/);
    });

    test("labels: getByLabel and get(expr, { label }), namespaced and simple values", async () => {
      const l = unique("lbl");
      await data.set(`${l}:1`, "one", { label1: `${l}status:open`, label5: `${l}owner` });
      await data.set(`${l}:2`, "two", { label1: `${l}status:done` });
      await data.set(`${l}:3`, "three", { label1: `${l}status:open` });
      const open = await data.getByLabel("label1", `${l}status:open`);
      expect(open.items.map((i) => i.value).sort()).toEqual(["one", "three"]);
      const all = (await data.get(`${l}status:*`, { label: "label1" })).items.map((i) => i.value);
      // Sorted by label value: done < open; items with the same label value in any order.
      expect(all[0]).toBe("two");
      expect(all.slice(1).sort()).toEqual(["one", "three"]);
      expect((await data.getByLabel("label5", `${l}owner`)).items).toEqual([{ key: `${l}:1`, value: "one" }]);
      expect((await data.getByLabel("label1", `${l}status:open`, { limit: 1 })).lastKey).toBeDefined();
      // Moving an item to another label value moves it between answers.
      await data.set(`${l}:3`, "three", { label1: `${l}status:done` });
      expect((await data.getByLabel("label1", `${l}status:open`)).items.map((i) => i.key)).toEqual([`${l}:1`]);
      await expect(data.getByLabel("label6" as "label1", "x")).rejects.toThrow(/unknown label/);
    });

    test("label pagination continues after lastKey", async () => {
      const l = unique("lp");
      await data.set(Array.from({ length: 7 }, (_, i) => ({ key: `${l}:${i}`, value: i, label2: `${l}:p${i}` })));
      const seen: number[] = [];
      let page = await data.getByLabel<number>("label2", `${l}:p*`, { limit: 3 });
      for (;;) {
        seen.push(...page.items.map((i) => i.value));
        if (!page.next) break;
        page = await page.next();
      }
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    test("one answer holds at most 1 MB; the rest follows with lastKey", async () => {
      const b = unique("mb");
      const blob = "x".repeat(300 * 1024);
      for (let i = 0; i < 4; i++) await data.set(`${b}:${i}`, blob);
      const first = await data.get(`${b}:*`);
      expect(first.items.length).toBeLessThan(4);
      expect(first.lastKey).toBeDefined();
      const rest = await first.next!();
      expect([...first.items, ...rest.items].map((i) => i.key)).toEqual([0, 1, 2, 3].map((i) => `${b}:${i}`));
    });

    test("collection and label reads are Query commands, never Scan", async () => {
      const { commands } = harness();
      const before = commands.length;
      await data.get(`${c}:*`);
      await data.get(`${c}:a*`, { limit: 2 });
      await data.getByLabel("label1", `${c}:x`);
      const sent = commands.slice(before);
      expect(sent.length).toBeGreaterThanOrEqual(3);
      expect(sent.every((name) => name === "QueryCommand" || name === "GetItemCommand")).toBe(true);
      // (data.seed(items, true) Scans to remove all data; no read ever does.)
      expect(sent).not.toContain("ScanCommand");
    });
  });
}

/** docs/sdk.md, "data": the key-value store, its queries, listeners and seeding. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { data } from "iac";
import type { Area } from "./types";
import { eventually, sleep, unique } from "./util";

const keysOf = (result: { items: { key: string }[] }): string[] => result.items.map((i) => i.key);

export const dataArea: Area = {
  name: "data",
  statements: [
    {
      id: "data.keys.collections",
      title: "col:k is key k of collection col; keys are trimmed; a simple key has no query syntax",
      async run() {
        const c = unique("users");
        await data.set(`  ${c}:alice  `, { name: "Alice" });
        expect(await data.get(`${c}:alice`)).toEqual({ name: "Alice" });
        expect(keysOf(await data.get(`${c}:*`))).toEqual([`${c}:alice`]);
        const simple = `${unique("simple")}*a|b>`;
        expect(await data.set(simple, 1)).toBe(1);
        expect(await data.get(simple)).toBe(1);
        expect(await data.get(` ${simple} `)).toBe(1);
      },
    },
    {
      id: "data.keys.invalid",
      title: "bad keys are rejected with a clear error and nothing is stored",
      async run() {
        const c = unique("bad");
        await expect(data.set(`${c}:a|b`, 1)).rejects.toThrow(/"\|" and "\*"/);
        await expect(data.set(`${c}:a*`, 1)).rejects.toThrow(/"\|" and "\*"/);
        await expect(data.set(`${c}:>a`, 1)).rejects.toThrow(/"<" or ">"/);
        await expect(data.set(`${c}:<a`, 1)).rejects.toThrow(/"<" or ">"/);
        await expect(data.set(`${c}:${"k".repeat(260)}`, 1)).rejects.toThrow(/256/);
        await expect(data.set("   ", 1)).rejects.toThrow(/empty/);
        expect((await data.get(`${c}:*`)).items).toEqual([]);
        const longest = `${c}:`.padEnd(256, "k");
        await data.set(longest, 1);
        expect(await data.get(longest)).toBe(1);
      },
    },
    {
      id: "data.set.returns",
      title: "set answers the stored value (after merging), or the item with its metadata with meta",
      async run() {
        const c = unique("ret");
        expect(await data.set(`${c}:1`, { a: 1 })).toEqual({ a: 1 });
        expect(await data.set(`${c}:1`, { b: 2 })).toEqual({ a: 1, b: 2 });
        expect(await data.set(`${c}:2`, "text")).toBe("text");
        const before = Date.now();
        const item = await data.set(`${c}:3`, [1, 2], { meta: true, label1: `${c}l:x`, ttl: 3600 });
        expect(item).toMatchObject({ key: `${c}:3`, value: [1, 2], label1: `${c}l:x` });
        expect(item.created).toBeGreaterThanOrEqual(before - 1000);
        expect(item.modified).toBeGreaterThanOrEqual(item.created);
        expect(item.ttl).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 3599);
      },
    },
    {
      id: "data.set.merge",
      title: "object values merge field by field and keep labels; other values replace; overwrite replaces value and metadata",
      async run() {
        const c = unique("merge");
        await data.set(`${c}:1`, { a: 1, b: 2 }, { label1: `${c}l:x` });
        expect(await data.set(`${c}:1`, { b: 3, c: 4 })).toEqual({ a: 1, b: 3, c: 4 });
        expect(await data.get(`${c}:1`, true)).toMatchObject({ value: { a: 1, b: 3, c: 4 }, label1: `${c}l:x` });
        expect(await data.set(`${c}:1`, { z: 1 }, { overwrite: true })).toEqual({ z: 1 });
        expect((await data.get(`${c}:1`, true))?.label1).toBeUndefined();
        expect(await data.set(`${c}:1`, [1])).toEqual([1]);
        expect(await data.set(`${c}:1`, { q: true })).toEqual({ q: true });
      },
    },
    {
      id: "data.set.ttl",
      title: "ttl: seconds from now, absolute epoch seconds, or an ISO date; an expired item is never returned",
      async run() {
        const c = unique("ttl");
        const now = Math.floor(Date.now() / 1000);
        await data.set(`${c}:rel`, 1, { ttl: 100 });
        await data.set(`${c}:abs`, 1, { ttl: now + 5000 });
        await data.set(`${c}:iso`, 1, { ttl: new Date((now + 7000) * 1000).toISOString() });
        const rel = (await data.get(`${c}:rel`, true))?.ttl ?? 0;
        expect(rel).toBeGreaterThanOrEqual(now + 100);
        expect(rel).toBeLessThan(now + 200);
        expect((await data.get(`${c}:abs`, true))?.ttl).toBe(now + 5000);
        expect((await data.get(`${c}:iso`, true))?.ttl).toBe(now + 7000);
        await data.set(`${c}:old`, 1, { ttl: new Date(Date.now() - 60_000).toISOString(), label1: `${c}l:old` });
        expect(await data.get(`${c}:old`)).toBeUndefined();
        expect(keysOf(await data.get(`${c}:*`))).toEqual([`${c}:abs`, `${c}:iso`, `${c}:rel`]);
        expect((await data.getByLabel("label1", `${c}l:*`)).items).toEqual([]);
        expect((await data.get([`${c}:old`])).items).toEqual([]);
      },
    },
    {
      id: "data.set.labels",
      title: "label1..label5 are alternate keys, namespaced or not, queried with getByLabel",
      async run() {
        const c = unique("lab");
        await data.set(`${c}:1`, "one", { label1: `${c}status:open`, label2: `${c}owner`, label3: "x:1", label4: "y:1", label5: "z:1" });
        await data.set(`${c}:2`, "two", { label1: `${c}status:done` });
        expect(await data.get(`${c}:1`, true)).toMatchObject({ label1: `${c}status:open`, label2: `${c}owner`, label5: "z:1" });
        expect((await data.getByLabel("label1", `${c}status:open`)).items).toEqual([{ key: `${c}:1`, value: "one" }]);
        // Sorted by the label's value: done before open.
        expect(keysOf(await data.getByLabel("label1", `${c}status:*`))).toEqual([`${c}:2`, `${c}:1`]);
        expect(keysOf(await data.getByLabel("label2", `${c}owner`))).toEqual([`${c}:1`]);
      },
    },
    {
      id: "data.set.add-field",
      title: "a field { $add: n } adds to the stored number atomically, starting from 0",
      async run() {
        const c = unique("sadd");
        expect(await data.set(`${c}:1`, { n: { $add: 3 }, name: "x" })).toEqual({ n: 3, name: "x" });
        expect(await data.set(`${c}:1`, { n: { $add: -1.5 } })).toEqual({ n: 1.5, name: "x" });
        await Promise.all(Array.from({ length: 20 }, () => data.set(`${c}:1`, { n: { $add: 1 } })));
        expect(await data.get(`${c}:1`)).toEqual({ n: 21.5, name: "x" });
      },
    },
    {
      id: "data.set.batch",
      title: "set([...items], { overwrite }) writes up to 25 items with their labels and ttl; more is an error",
      async run() {
        const c = unique("bset");
        const entries = Array.from({ length: 25 }, (_, i) => ({ key: `${c}:${String(i).padStart(2, "0")}`, value: { i }, label1: `${c}l:${i % 2}` }));
        const written = await data.set(entries, { overwrite: true });
        expect(written.items).toHaveLength(25);
        expect(written.items[0]).toEqual({ key: `${c}:00`, value: { i: 0 } });
        expect((await data.get(`${c}:*`)).items).toHaveLength(25);
        expect((await data.getByLabel("label1", `${c}l:0`)).items).toHaveLength(13);
        const tooMany = Array.from({ length: 26 }, (_, i) => ({ key: `${c}x:${i}`, value: i }));
        await expect(data.set(tooMany)).rejects.toThrow(/25/);
        expect((await data.get(`${c}x:*`)).items).toEqual([]);
      },
    },
    {
      id: "data.get.value",
      title: "get(key) answers the value; get(key, true) and { meta: true } the item with key, value, created, modified, labels, ttl",
      async run() {
        const c = unique("get");
        await data.set(`${c}:1`, { a: 1 }, { label2: `${c}l:1`, ttl: 600 });
        expect(await data.get(`${c}:1`)).toEqual({ a: 1 });
        const item = await data.get(`${c}:1`, true);
        expect(item).toEqual({
          key: `${c}:1`,
          value: { a: 1 },
          created: expect.any(Number),
          modified: expect.any(Number),
          label2: `${c}l:1`,
          ttl: expect.any(Number),
        });
        expect(await data.get(`${c}:1`, { meta: true })).toEqual(item);
      },
    },
    {
      id: "data.get.missing",
      title: "an absent key reads undefined, with or without meta; batches leave it out; remove answers false",
      async run() {
        const c = unique("miss");
        expect(await data.get(`${c}:none`)).toBeUndefined();
        expect(await data.get(`${c}:none`, true)).toBeUndefined();
        expect(await data.get(`${c}-simple-none`)).toBeUndefined();
        await data.set(`${c}:here`, 1);
        expect((await data.get([`${c}:none`, `${c}:here`])).items).toEqual([{ key: `${c}:here`, value: 1 }]);
        expect(await data.remove(`${c}:none`)).toBe(false);
      },
    },
    {
      id: "data.query.forms",
      title: "col:*, col:pre*, >, >=, <, <= and a|b (both ends included) select within the collection",
      async run() {
        const c = unique("q");
        const other = unique("q");
        await data.set([..."abcde"].map((k) => ({ key: `${c}:${k}`, value: k })));
        await data.set(`${c}:ab`, "ab");
        await data.set(`${other}:a`, "other");
        const q = async (expr: string) => keysOf(await data.get(expr as `${string}:*`)).map((k) => k.slice(c.length + 1));
        expect(await q(`${c}:*`)).toEqual(["a", "ab", "b", "c", "d", "e"]);
        expect(await q(`${c}:a*`)).toEqual(["a", "ab"]);
        expect(await q(`${c}:>c`)).toEqual(["d", "e"]);
        expect(await q(`${c}:>=c`)).toEqual(["c", "d", "e"]);
        expect(await q(`${c}:<b`)).toEqual(["a", "ab"]);
        expect(await q(`${c}:<=b`)).toEqual(["a", "ab", "b"]);
        expect(await q(`${c}:b|d`)).toEqual(["b", "c", "d"]);
      },
    },
    {
      id: "data.query.order",
      title: "answers are sorted ascending by key; reverse sorts descending",
      async run() {
        const c = unique("ord");
        await data.set(["m", "b", "z", "a"].map((k) => ({ key: `${c}:${k}`, value: k })));
        expect((await data.get(`${c}:*`)).items.map((i) => i.value)).toEqual(["a", "b", "m", "z"]);
        expect((await data.get(`${c}:*`, { reverse: true })).items.map((i) => i.value)).toEqual(["z", "m", "b", "a"]);
      },
    },
    {
      id: "data.query.pages",
      title: "limit (default 100), lastKey and next() page through; start continues after a key",
      async run() {
        const c = unique("pg");
        const keys = Array.from({ length: 105 }, (_, i) => `${c}:${String(i).padStart(3, "0")}`);
        for (let i = 0; i < keys.length; i += 25) await data.set(keys.slice(i, i + 25).map((key) => ({ key, value: 1 })));
        const first = await data.get(`${c}:*`);
        expect(first.items).toHaveLength(100);
        expect(first.lastKey).toBe(keys[99]);
        const rest = await first.next?.();
        expect(keysOf(rest ?? { items: [] })).toEqual(keys.slice(100));
        expect(rest?.lastKey).toBeUndefined();
        const small = await data.get(`${c}:*`, { limit: 10 });
        expect(keysOf(small)).toEqual(keys.slice(0, 10));
        expect(keysOf(await data.get(`${c}:*`, { limit: 3, start: keys[49] }))).toEqual(keys.slice(50, 53));
      },
    },
    {
      id: "data.get.batch",
      title: "get([keys]) answers { items } in the order asked, up to 25 keys",
      async run() {
        const c = unique("bget");
        await data.set(["a", "b", "c"].map((k) => ({ key: `${c}:${k}`, value: k })));
        expect(await data.get([`${c}:c`, `${c}:a`])).toEqual({
          items: [
            { key: `${c}:c`, value: "c" },
            { key: `${c}:a`, value: "a" },
          ],
        });
        expect((await data.get([`${c}:b`], true)).items[0]).toMatchObject({ key: `${c}:b`, value: "b", created: expect.any(Number) });
        await expect(data.get(Array.from({ length: 26 }, (_, i) => `${c}:${i}`))).rejects.toThrow(/25/);
      },
    },
    {
      id: "data.label.query",
      title: "getByLabel(label, expr) and get(expr, { label }) run the query language on a label and always answer { items }",
      async run() {
        const c = unique("lq");
        await data.set(`${c}:1`, 1, { label3: `${c}s:a1` });
        await data.set(`${c}:2`, 2, { label3: `${c}s:a2` });
        await data.set(`${c}:3`, 3, { label3: `${c}s:b1` });
        expect(await data.getByLabel("label3", `${c}s:a2`)).toEqual({ items: [{ key: `${c}:2`, value: 2 }] });
        expect(keysOf(await data.getByLabel("label3", `${c}s:a*`))).toEqual([`${c}:1`, `${c}:2`]);
        expect(keysOf(await data.get(`${c}s:a*`, { label: "label3" }))).toEqual([`${c}:1`, `${c}:2`]);
        expect(keysOf(await data.getByLabel("label3", `${c}s:*`, { reverse: true, limit: 2 }))).toEqual([`${c}:3`, `${c}:2`]);
        expect(await data.getByLabel("label3", `${c}s:none`)).toEqual({ items: [] });
      },
    },
    {
      id: "data.remove",
      title: "remove(key | keys) answers true when something was removed; up to 25 keys",
      async run() {
        const c = unique("rm");
        await data.set(["a", "b", "c"].map((k) => ({ key: `${c}:${k}`, value: k })));
        expect(await data.remove(`${c}:a`)).toBe(true);
        expect(await data.remove(`${c}:a`)).toBe(false);
        expect(await data.remove([`${c}:b`, `${c}:c`, `${c}:none`])).toBe(true);
        expect((await data.get(`${c}:*`)).items).toEqual([]);
        await expect(data.remove(Array.from({ length: 26 }, (_, i) => `${c}:${i}`))).rejects.toThrow(/25/);
      },
    },
    {
      id: "data.add.number",
      title: "add(key, n) adds integers and floats, positive or negative, from 0 for an absent key, and answers the new value",
      async run() {
        const c = unique("add");
        expect(await data.add(`${c}:n`, 2)).toBe(2);
        expect(await data.add(`${c}:n`, 0.5)).toBe(2.5);
        expect(await data.add(`${c}:n`, -3.5)).toBe(-1);
        expect(await data.get(`${c}:n`)).toBe(-1);
        await data.set(`${c}:s`, "text");
        await expect(data.add(`${c}:s`, 1)).rejects.toThrow(/not a number/);
      },
    },
    {
      id: "data.add.field",
      title: "add(key, field, n) adds to a numeric field and answers the whole object",
      async run() {
        const c = unique("addf");
        await data.set(`${c}:o`, { name: "x", count: 1 });
        expect(await data.add(`${c}:o`, "count", 5)).toEqual({ name: "x", count: 6 });
        expect(await data.add(`${c}:o`, "other", -2)).toEqual({ name: "x", count: 6, other: -2 });
        expect(await data.add(`${c}:new`, "hits", 1)).toEqual({ hits: 1 });
      },
    },
    {
      id: "data.add.meta",
      title: "a last argument true or { meta: true } answers the item with its metadata, in both forms",
      async run() {
        const c = unique("addm");
        expect(await data.add(`${c}:n`, 2, true)).toMatchObject({ key: `${c}:n`, value: 2, created: expect.any(Number), modified: expect.any(Number) });
        expect(await data.add(`${c}:n`, 3, { meta: true })).toMatchObject({ key: `${c}:n`, value: 5 });
        await data.set(`${c}:o`, { count: 1 }, { label1: `${c}l:o` });
        expect(await data.add(`${c}:o`, "count", 4, { meta: true })).toMatchObject({ key: `${c}:o`, value: { count: 5 }, label1: `${c}l:o` });
        expect(await data.add(`${c}:o`, "count", 1, true)).toMatchObject({ value: { count: 6 } });
        expect(await data.add(`${c}:o`, "count", 1)).toEqual({ count: 7 });
      },
    },
    {
      id: "data.add.concurrent",
      title: "no add is lost under concurrency",
      async run() {
        const c = unique("conc");
        await Promise.all([
          ...Array.from({ length: 100 }, () => data.add(`${c}:n`, 1)),
          ...Array.from({ length: 40 }, () => data.add(`${c}:o`, "hits", 1)),
          ...Array.from({ length: 20 }, (_, i) => data.set(`${c}:o`, { [`f${i}`]: i })),
        ]);
        expect(await data.get(`${c}:n`)).toBe(100);
        const o = await data.get<Record<string, number>>(`${c}:o`);
        expect(o?.hits).toBe(40);
        expect(Object.keys(o ?? {})).toHaveLength(21);
      },
    },
    {
      id: "data.on.events",
      title: "data.on gets { name, item, previous? } for created, updated and deleted items",
      async run() {
        const c = unique("on");
        const seen: { name: string; item: unknown; previous?: unknown }[] = [];
        data.on(`*:${c}:*`, (e) => void seen.push({ name: e.name, item: e.item, ...(e.previous ? { previous: e.previous } : {}) }));
        await data.set(`${c}:1`, { v: 1 });
        await data.set(`${c}:1`, { v: 2 });
        await data.remove(`${c}:1`);
        await eventually(() => expect(seen.map((e) => e.name)).toEqual(["created", "updated", "deleted"]));
        expect(seen[0]).toEqual({ name: "created", item: expect.objectContaining({ key: `${c}:1`, value: { v: 1 }, created: expect.any(Number) }) });
        expect(seen[1]).toMatchObject({ item: { key: `${c}:1`, value: { v: 2 } }, previous: { key: `${c}:1`, value: { v: 1 } } });
        expect(seen[2]).toMatchObject({ item: { key: `${c}:1`, value: { v: 2 } } });
        expect(seen[2].previous).toBeUndefined();
      },
    },
    {
      id: "data.on.spec",
      title: "the event is created, updated, deleted, an array of them, or *",
      async run() {
        const c = unique("spec");
        const got: Record<string, string[]> = { created: [], arr: [], all: [] };
        data.on(`created:${c}:*`, (e) => void got.created.push(e.name));
        data.on([`updated:${c}:*`, `deleted:${c}:*`], (e) => void got.arr.push(e.name));
        data.on(`*:${c}:*`, (e) => void got.all.push(e.name));
        await data.set(`${c}:1`, 1);
        await data.set(`${c}:1`, 2);
        await data.remove(`${c}:1`);
        await eventually(() => expect(got.all).toEqual(["created", "updated", "deleted"]));
        await eventually(() => expect(got).toEqual({ created: ["created"], arr: ["updated", "deleted"], all: ["created", "updated", "deleted"] }));
        expect(() => data.on("changed", () => undefined)).toThrow(/unknown event/);
      },
    },
    {
      id: "data.on.filters",
      title: "event:keyfilter and event:namespace:keyfilter, each exact or a prefix ending in *",
      async run() {
        const ns = unique("flt");
        const got: Record<string, string[]> = { keyPrefix: [], nsExact: [], nsPrefix: [] };
        data.on(`created:${ns}key*`, (e) => void got.keyPrefix.push(e.item.key));
        data.on(`created:${ns}a:exact`, (e) => void got.nsExact.push(e.item.key));
        data.on(`created:${ns}*:k*`, (e) => void got.nsPrefix.push(e.item.key));
        await data.set(`${ns}a:exact`, 1);
        await data.set(`${ns}a:exactly`, 1);
        await data.set(`${ns}b:k1`, 1);
        await data.set(`other:${ns}key1`, 1);
        await data.set(`${ns}key2`, 1);
        await eventually(() =>
          expect({ ...got, keyPrefix: [...got.keyPrefix].sort() }).toEqual({
            keyPrefix: [`${ns}key2`, `other:${ns}key1`].sort(),
            nsExact: [`${ns}a:exact`],
            nsPrefix: [`${ns}b:k1`],
          }),
        );
      },
    },
    {
      id: "data.on.order",
      title: "per namespace, changes arrive in the order they were applied",
      async run() {
        const c = unique("seq");
        const seen: number[] = [];
        data.on(`updated:${c}:*`, async (e) => {
          // A slow handler must not let later changes of the namespace overtake it.
          if (seen.length === 0) await sleep(100);
          seen.push(Number((e.item.value as { v: number }).v));
        });
        await data.set(`${c}:k`, { v: 0 });
        for (let v = 1; v <= 6; v++) await data.set(`${c}:${v % 2 === 0 ? "k" : "j"}`, { v });
        await eventually(() => expect(seen).toEqual([2, 3, 4, 5, 6]));
      },
    },
    {
      id: "data.on.retry",
      title: "a data.on handler that throws is retried",
      async run() {
        const c = unique("retry");
        let calls = 0;
        const done: string[] = [];
        data.on(`created:${c}:*`, (e) => {
          calls++;
          if (calls === 1) throw new Error("conformance: a first attempt that fails on purpose");
          done.push(e.item.key);
        });
        await data.set(`${c}:1`, 1);
        await eventually(() => expect(done).toEqual([`${c}:1`]));
        expect(calls).toBe(2);
      },
    },
    {
      id: "data.seed.load",
      title: "seed(items | path) loads the data.json format, keeps existing keys and answers { items: written }",
      async run() {
        const c = unique("seed");
        await data.set(`${c}:1`, "kept");
        expect(
          await data.seed([
            { key: `${c}:1`, value: "seeded" },
            { key: `${c}:2`, value: "two", label1: `${c}l:2`, ttl: 3600 },
          ]),
        ).toEqual({ items: 1 });
        expect(await data.get(`${c}:1`)).toBe("kept");
        expect(await data.get(`${c}:2`, true)).toMatchObject({ value: "two", label1: `${c}l:2`, ttl: expect.any(Number) });
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "conformance-seed-")), "data.json");
        fs.writeFileSync(file, JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ key: `${c}:f${String(i).padStart(2, "0")}`, value: { i } }))));
        expect(await data.seed(file)).toEqual({ items: 30 });
        expect((await data.get(`${c}:f*`)).items).toHaveLength(30);
      },
    },
    {
      id: "data.seed.overwrite",
      title: "seed(items, true) first removes all existing data, every collection and label, then loads",
      async run() {
        const c = unique("sow");
        const other = unique("sow");
        await data.set(`${c}:old`, 1, { label1: `${c}l:old` });
        await data.set(`${other}:x`, 1);
        await data.set(`${c}-simple`, 1);
        expect(
          await data.seed(
            [
              { key: `${c}:new`, value: "n", label1: `${c}l:new` },
              { key: `${c}:old`, value: "replaced" },
            ],
            true,
          ),
        ).toEqual({ items: 2 });
        expect(keysOf(await data.get(`${c}:*`))).toEqual([`${c}:new`, `${c}:old`]);
        expect(await data.get(`${c}:old`, true)).toMatchObject({ value: "replaced" });
        expect((await data.get(`${c}:old`, true))?.label1).toBeUndefined();
        expect(keysOf(await data.getByLabel("label1", `${c}l:*`))).toEqual([`${c}:new`]);
        expect((await data.get(`${other}:*`)).items).toEqual([]);
        expect(await data.get(`${c}-simple`)).toBeUndefined();
        // A bad item fails the seed before anything is removed.
        await expect(data.seed([{ key: `${c}:a|b`, value: 1 }], true)).rejects.toThrow(/"\|"/);
        expect((await data.get(`${c}:*`)).items).toHaveLength(2);
      },
    },
    {
      id: "data.limits.item",
      title: "an item is at most 400 KB",
      async run() {
        const c = unique("big");
        await expect(data.set(`${c}:1`, { blob: "x".repeat(401 * 1024) })).rejects.toThrow(/400 KB/);
        expect(await data.get(`${c}:1`)).toBeUndefined();
        await data.set(`${c}:2`, { blob: "x".repeat(300 * 1024) });
        expect(((await data.get<{ blob: string }>(`${c}:2`))?.blob ?? "").length).toBe(300 * 1024);
      },
    },
    {
      id: "data.limits.answer",
      title: "one answer holds at most 1,000 items (limit 1 to 1,000) and 1 MB; lastKey continues",
      async run() {
        const c = unique("mb");
        await expect(data.get(`${c}:*`, { limit: 1001 })).rejects.toThrow(/1000/);
        const blob = "y".repeat(200 * 1024);
        for (let i = 0; i < 7; i++) await data.set(`${c}:${i}`, { blob });
        const first = await data.get(`${c}:*`, { limit: 1000 });
        expect(first.items.length).toBeGreaterThan(0);
        expect(first.items.length).toBeLessThan(7);
        expect(Buffer.byteLength(JSON.stringify(first.items))).toBeLessThanOrEqual(1024 * 1024 + 1024);
        expect(first.lastKey).toBe(first.items[first.items.length - 1].key);
        const rest = await first.next?.();
        expect([...first.items, ...(rest?.items ?? [])].map((i) => i.key)).toEqual(Array.from({ length: 7 }, (_, i) => `${c}:${i}`));
      },
    },
    {
      id: "data.query.scope",
      title: "collection and label queries read only their partition (Query, never Scan)",
      skip: {
        "iac-test": "a test file cannot see the commands its instance's backend sends; the embedded path runs the same backend with its commands recorded",
      },
      async run(ctx) {
        const commands = ctx.dataCommands?.();
        if (!commands) throw new Error("this path records no data commands");
        const c = unique("scope");
        await data.set(`${c}:1`, 1, { label1: `${c}l:1` });
        const before = commands.length;
        await data.get(`${c}:*`);
        await data.get(`${c}:1|9`);
        await data.getByLabel("label1", `${c}l:*`);
        const sent = commands.slice(before);
        expect(sent).toEqual(["QueryCommand", "QueryCommand", "QueryCommand"]);
      },
    },
  ],
};

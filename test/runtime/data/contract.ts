/**
 * The data contract suite, written once and run against every backend
 * (dynamodb.test.ts: the DynamoDB backend on dynalite; local.test.ts: the
 * embedded backend). Each case uses its own collection names, so cases share
 * one server. The data.on cases live in contract-events.ts.
 */
import { clearDataListeners, configureData, data, DataKeyError, DataValueError } from "../../../src/runtime/data";
import type { DataHarness } from "../../support/data";
import { dataEventCases } from "./contract-events";
import { dataQueryCases } from "./contract-queries";

export type HarnessRef = () => DataHarness;

let counter = 0;
/** A collection name no other case uses. */
export function unique(name: string): string {
  counter++;
  return `${name}${counter}x${Date.now().toString(36)}`;
}

export function dataContract(start: () => Promise<DataHarness>): void {
  let harness: DataHarness | undefined;
  const ref: HarnessRef = () => {
    if (!harness) throw new Error("harness not started");
    return harness;
  };
  beforeAll(async () => {
    harness = await start();
    configureData(harness.backend);
  });
  afterAll(async () => {
    clearDataListeners();
    configureData(undefined);
    await harness?.close();
  });

  describe("keys and values", () => {
    test("set then get, simple and collection keys; absent keys read undefined", async () => {
      const c = unique("users");
      expect(await data.set(`${c}:alice`, { name: "Alice", age: 30 })).toEqual({ name: "Alice", age: 30 });
      expect(await data.get(`${c}:alice`)).toEqual({ name: "Alice", age: 30 });
      expect(await data.set(`  ${c}-simple  `, "hello")).toBe("hello");
      expect(await data.get(`${c}-simple`)).toBe("hello");
      expect(await data.get(`${c}:bob`)).toBeUndefined();
      expect(await data.get(`${c}-nothing`)).toBeUndefined();
    });

    test("simple keys have no query syntax: `*` and `|` are ordinary characters", async () => {
      const k = `${unique("s")}*a|b`;
      await data.set(k, 1);
      expect(await data.get(k)).toBe(1);
    });

    test("meta answers carry key, value, created, modified, labels and ttl", async () => {
      const c = unique("meta");
      const before = Date.now();
      await data.set(`${c}:1`, { a: 1 }, { label1: "status:open", ttl: 3600 });
      const item = await data.get(`${c}:1`, true);
      expect(item).toMatchObject({ key: `${c}:1`, value: { a: 1 }, label1: "status:open" });
      expect(item?.created).toBeGreaterThanOrEqual(before);
      expect(item?.modified).toBeGreaterThanOrEqual(item?.created ?? Infinity);
      expect(item?.ttl).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 3600);
      expect(await data.get(`${c}:1`, { meta: true })).toEqual(item);
      expect(await data.set(`${c}:2`, "v", { meta: true })).toMatchObject({ key: `${c}:2`, value: "v" });
    });

    test("set merges object values and keeps labels; overwrite replaces value and metadata", async () => {
      const c = unique("merge");
      await data.set(`${c}:1`, { a: 1, b: 2 }, { label1: "l:x", label2: "y" });
      expect(await data.set(`${c}:1`, { b: 3, c: 4 })).toEqual({ a: 1, b: 3, c: 4 });
      expect(await data.get(`${c}:1`, true)).toMatchObject({ value: { a: 1, b: 3, c: 4 }, label1: "l:x", label2: "y" });
      expect(await data.set(`${c}:1`, { z: 1 }, { overwrite: true, label3: "n:1" })).toEqual({ z: 1 });
      const item = await data.get(`${c}:1`, true);
      expect(item).toMatchObject({ value: { z: 1 }, label3: "n:1" });
      expect(item?.label1).toBeUndefined();
      // A non-object value replaces an object, and an object replaces a non-object.
      expect(await data.set(`${c}:1`, [1, 2])).toEqual([1, 2]);
      expect(await data.set(`${c}:1`, { q: true })).toEqual({ q: true });
    });

    test("invalid keys are rejected with clear errors and nothing is stored", async () => {
      const c = unique("bad");
      await expect(data.set(`${c}:a|b`, 1)).rejects.toThrow(DataKeyError);
      await expect(data.set(`${c}:a*`, 1)).rejects.toThrow(/"\|" and "\*" are not allowed/);
      await expect(data.set(`${c}:>a`, 1)).rejects.toThrow(/may not start with "<" or ">"/);
      await expect(data.set(`${c}:<a`, 1)).rejects.toThrow(DataKeyError);
      await expect(data.set(`${c}:`, 1)).rejects.toThrow(/no key after the collection/);
      await expect(data.set(":k", 1)).rejects.toThrow(/empty collection name/);
      await expect(data.set("   ", 1)).rejects.toThrow(/must not be empty/);
      await expect(data.set(`${c}:${"x".repeat(257)}`, 1)).rejects.toThrow(/at most 256/);
      await expect(data.set(`${c}:${"é".repeat(200)}`, 1)).rejects.toThrow(/bytes/);
      await expect(data.get(`${c}:*`)).resolves.toEqual({ items: [] });
      // 256 bytes exactly is fine.
      const ok = `${c}:`.padEnd(256, "k");
      await data.set(ok, 1);
      expect(await data.get(ok)).toBe(1);
    });

    test("items over 400 KB are rejected", async () => {
      const c = unique("big");
      await expect(data.set(`${c}:1`, { blob: "x".repeat(401 * 1024) })).rejects.toThrow(DataValueError);
      expect(await data.get(`${c}:1`)).toBeUndefined();
      await data.set(`${c}:2`, { blob: "x".repeat(300 * 1024) });
      expect(await data.get<{ blob: string }>(`${c}:2`)).toEqual({ blob: "x".repeat(300 * 1024) });
    });
  });

  describe("ttl", () => {
    test("expired items are never returned, by get, queries, labels or batches", async () => {
      const c = unique("ttl");
      await data.set(`${c}:old`, 1, { ttl: new Date(Date.now() - 60_000).toISOString(), label1: `${c}l:a` });
      await data.set(`${c}:neg`, 2, { ttl: -5, label1: `${c}l:b` });
      await data.set(`${c}:live`, 3, { ttl: 3600, label1: `${c}l:c` });
      expect(await data.get(`${c}:old`)).toBeUndefined();
      expect(await data.get(`${c}:neg`)).toBeUndefined();
      expect((await data.get(`${c}:*`)).items.map((i) => i.key)).toEqual([`${c}:live`]);
      expect((await data.getByLabel("label1", `${c}l:*`)).items.map((i) => i.key)).toEqual([`${c}:live`]);
      expect((await data.get([`${c}:old`, `${c}:live`])).items.map((i) => i.key)).toEqual([`${c}:live`]);
      expect(await data.remove(`${c}:old`)).toBe(false);
    });

    test("writes over an expired item start afresh", async () => {
      const c = unique("ttl2");
      const past = new Date(Date.now() - 1000).toISOString();
      await data.set(`${c}:m`, { a: 1 }, { ttl: past, label2: "x:y" });
      expect(await data.set(`${c}:m`, { b: 2 })).toEqual({ b: 2 });
      const meta = await data.get(`${c}:m`, true);
      expect(meta?.ttl).toBeUndefined();
      expect(meta?.label2).toBeUndefined();
      await data.set(`${c}:n`, 10, { ttl: past });
      expect(await data.add(`${c}:n`, 1)).toBe(1);
      await data.set(`${c}:f`, { n: 10 }, { ttl: past });
      expect(await data.add(`${c}:f`, "n", 2)).toEqual({ n: 2 });
    });

    test("ttl forms: seconds from now, absolute epoch seconds, ISO date", async () => {
      const c = unique("ttl3");
      const now = Math.floor(Date.now() / 1000);
      await data.set(`${c}:rel`, 1, { ttl: 100 });
      await data.set(`${c}:abs`, 1, { ttl: now + 5000 });
      await data.set(`${c}:iso`, 1, { ttl: new Date((now + 7000) * 1000).toISOString() });
      expect((await data.get(`${c}:rel`, true))?.ttl).toBeGreaterThanOrEqual(now + 100);
      expect((await data.get(`${c}:rel`, true))?.ttl).toBeLessThan(now + 5000);
      expect((await data.get(`${c}:abs`, true))?.ttl).toBe(now + 5000);
      expect((await data.get(`${c}:iso`, true))?.ttl).toBe(now + 7000);
      await expect(data.set(`${c}:bad`, 1, { ttl: "next tuesday" })).rejects.toThrow(/ISO 8601/);
    });
  });

  describe("batches", () => {
    test("get, set and remove up to 25 keys; more is an error", async () => {
      const c = unique("batch");
      const entries = Array.from({ length: 25 }, (_, i) => ({ key: `${c}:${String(i).padStart(2, "0")}`, value: i, label1: `${c}:even${i % 2}` }));
      const written = await data.set(entries, { overwrite: true });
      expect(written.items).toHaveLength(25);
      const got = await data.get(entries.map((e) => e.key).reverse());
      expect(got.items.map((i) => i.value)).toEqual(entries.map((e) => e.value).reverse());
      expect((await data.getByLabel("label1", `${c}:even0`)).items).toHaveLength(13);
      expect(await data.remove(entries.slice(0, 10).map((e) => e.key))).toBe(true);
      expect((await data.get(`${c}:*`)).items).toHaveLength(15);
      expect(await data.remove([`${c}:none`])).toBe(false);
      const tooMany = Array.from({ length: 26 }, (_, i) => `${c}:${i}`);
      await expect(data.get(tooMany)).rejects.toThrow(/at most 25/);
      await expect(data.remove(tooMany)).rejects.toThrow(/at most 25/);
      await expect(data.set(tooMany.map((key) => ({ key, value: 1 })))).rejects.toThrow(/at most 25/);
      // A bad entry fails the batch before anything is written.
      await expect(
        data.set([
          { key: `${c}:new`, value: 1 },
          { key: `${c}:a|b`, value: 2 },
        ]),
      ).rejects.toThrow(DataKeyError);
      expect(await data.get(`${c}:new`)).toBeUndefined();
    });

    test("seed loads an array or a data.json file; without overwrite existing keys stay; with overwrite all data goes first", async () => {
      const c = unique("seed");
      await data.set(`${c}:1`, "kept");
      expect(
        await data.seed([
          { key: `${c}:1`, value: "seeded" },
          { key: `${c}:2`, value: "two", label1: `${c}:l` },
        ]),
      ).toEqual({ items: 1 });
      expect(await data.get(`${c}:1`)).toBe("kept");
      expect((await data.getByLabel("label1", `${c}:l`)).items.map((i) => i.value)).toEqual(["two"]);
      const fs = await import("fs");
      const { tempDir } = await import("../../support/data");
      const file = `${tempDir("iac-seed-")}/data.json`;
      fs.writeFileSync(file, JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ key: `${c}:f${i}`, value: { i } }))));
      expect(await data.seed(file)).toEqual({ items: 30 });
      expect((await data.get(`${c}:f*`, { limit: 1000 })).items).toHaveLength(30);
      expect(await data.seed([{ key: `${c}:1`, value: "seeded" }], true)).toEqual({ items: 1 });
      expect(await data.get(`${c}:1`)).toBe("seeded");
      expect((await data.get(`${c}:f*`, { limit: 1000 })).items).toHaveLength(0);
    });
  });

  describe("atomic adds", () => {
    test("500 parallel data.add on one key end exact", async () => {
      const key = `${unique("count")}:n`;
      await Promise.all(Array.from({ length: 500 }, () => data.add(key, 1)));
      expect(await data.get(key)).toBe(500);
    });

    test("parallel field adds and merges on one object lose nothing", async () => {
      const key = `${unique("obj")}:o`;
      await Promise.all([
        ...Array.from({ length: 60 }, () => data.add(key, "hits", 2)),
        ...Array.from({ length: 30 }, (_, i) => data.set(key, { [`f${i}`]: i })),
        ...Array.from({ length: 30 }, () => data.set(key, { misses: { $add: 1 } })),
      ]);
      const value = await data.get<Record<string, number>>(key);
      expect(value?.hits).toBe(120);
      expect(value?.misses).toBe(30);
      for (let i = 0; i < 30; i++) expect(value?.[`f${i}`]).toBe(i);
    });

    test("parallel overwrites leave exactly one writer's value and metadata", async () => {
      const key = `${unique("ow")}:k`;
      await data.set(key, { base: true, extra: 1 }, { label1: "keep:me" });
      await Promise.all(Array.from({ length: 40 }, (_, i) => data.set(key, { writer: i }, { overwrite: true, label2: `w:${i}` })));
      const item = await data.get(key, true);
      const value = item?.value;
      expect(value).toEqual({ writer: expect.any(Number) });
      expect(item?.label2).toBe(`w:${typeof value === "object" && value !== null && !Array.isArray(value) ? String(value.writer) : ""}`);
      expect(item?.label1).toBeUndefined();
    });

    test("add returns the new value; floats, negatives, fields and $add", async () => {
      const c = unique("add");
      expect(await data.add(`${c}:a`, 0.1)).toBe(0.1);
      expect(await data.add(`${c}:a`, 0.2)).toBe(0.3);
      expect(await data.add(`${c}:a`, -1.3)).toBe(-1);
      expect(await data.get(`${c}:a`)).toBe(-1);
      await data.set(`${c}:o`, { name: "x", count: 1 });
      expect(await data.add(`${c}:o`, "count", 5)).toEqual({ name: "x", count: 6 });
      expect(await data.add(`${c}:o`, "other", -2)).toEqual({ name: "x", count: 6, other: -2 });
      expect(await data.set(`${c}:o`, { count: { $add: 4 }, name: "y" })).toEqual({ name: "y", count: 10, other: -2 });
      expect(await data.set(`${c}:fresh`, { count: { $add: 3 } })).toEqual({ count: 3 });
      await data.set(`${c}:s`, "text");
      await expect(data.add(`${c}:s`, 1)).rejects.toThrow(/not a number/);
      await expect(data.add(`${c}:o`, "name", 1)).rejects.toThrow(/not a number/);
      expect(await data.get(`${c}:s`)).toBe("text");
    });

    test("add with a last argument true or { meta: true } returns the item with its metadata (contract: data.add)", async () => {
      const c = unique("addmeta");
      const plain = await data.add(`${c}:n`, 2, true);
      expect(plain).toMatchObject({ key: `${c}:n`, value: 2 });
      expect(typeof plain).toBe("object");
      expect(await data.add(`${c}:n`, 3, { meta: true })).toMatchObject({ key: `${c}:n`, value: 5, created: expect.any(Number), modified: expect.any(Number) });
      await data.set(`${c}:o`, { count: 1 }, { label1: "kind:o" });
      expect(await data.add(`${c}:o`, "count", 4, { meta: true })).toMatchObject({ key: `${c}:o`, value: { count: 5 }, label1: "kind:o" });
      expect(await data.add(`${c}:o`, "count", 1, true)).toMatchObject({ value: { count: 6 } });
      expect(await data.add(`${c}:o`, "count", 1, false)).toEqual({ count: 7 });
    });
  });

  dataQueryCases(ref);
  dataEventCases(ref);
}

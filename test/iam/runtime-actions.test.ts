/**
 * The IAM table against the runtime it grants for: each data and storage
 * operation, on every path it can take (absent, live, expired and
 * wrong-typed items, batches, merge and overwrite, a label query's start
 * key; missing and present files, folders), sends only commands whose
 * actions the table grants to the usages the analyzer records for that call.
 * Real commands to dynalite and s3rver, recorded on the clients: a command
 * the table misses would be AccessDenied on AWS.
 */
import { configureData, data } from "../../src/runtime/data";
import { configureStorage, storage } from "../../src/runtime/storage";
import type { DataOperation, StorageOperation } from "../../src/graph";
import { IAM_TABLE } from "../../src/synth/iam-table";
import { startLocalHarness } from "../support/data";
import { startS3Harness, type StorageHarness } from "../support/storage";

type Harness = Awaited<ReturnType<typeof startLocalHarness>>;
let harness: Harness;

beforeAll(async () => {
  harness = await startLocalHarness();
  configureData(harness.backend);
});

afterAll(async () => {
  configureData(undefined);
  await harness.close();
});

/** The IAM action of a DynamoDB command: `GetItemCommand` is `dynamodb:GetItem` (the SDK names commands after their API). */
const actionOf = (command: string): string => `dynamodb:${command.replace(/Command$/, "")}`;

/** The actions the commands sent while `run` runs need (an error from `run` is part of the path). */
async function actionsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const from = harness.commands.length;
  await run().catch(() => undefined);
  return [...new Set(harness.commands.slice(from).map(actionOf))].sort();
}

/** What the table grants to the usages of one call. */
function granted(...operations: DataOperation[]): string[] {
  return [...new Set(operations.flatMap((op) => IAM_TABLE.data[op].flatMap((r) => r.actions)))].sort();
}

const cases: [string, DataOperation[], () => Promise<unknown>][] = [
  ["get one key", ["get"], () => data.get("ra:1")],
  ["get a batch", ["get"], () => data.get(["ra:1", "ra:2"])],
  ["query a collection", ["query"], () => data.get("ra:*")],
  ["query a label", ["getByLabel"], () => data.getByLabel("label1", "tag:*")],
  ["query a label from a start key", ["getByLabel", "get"], () => data.getByLabel("label1", "tag:*", { start: "ra:1" })],
  ["set a new key", ["set"], () => data.set("ra:new", { a: 1 }, { label1: "tag:x" })],
  ["set merging into a live object", ["set"], () => data.set("ra:1", { b: 2 })],
  ["set overwriting", ["set"], () => data.set("ra:1", { c: 3 }, { overwrite: true })],
  ["set over an expired item", ["set"], () => data.set("ra:expired", { d: 4 })],
  [
    "set a batch",
    ["set"],
    () =>
      data.set([
        { key: "ra:b1", value: 1 },
        { key: "ra:b2", value: 2 },
      ]),
  ],
  ["remove a live key", ["remove"], () => data.remove("ra:b1")],
  ["remove an absent key", ["remove"], () => data.remove("ra:absent")],
  ["remove a batch", ["remove"], () => data.remove(["ra:b2", "ra:absent"])],
  ["add to an absent number", ["add"], () => data.add("ra:count", 1)],
  ["add to a live number", ["add"], () => data.add("ra:count", 2)],
  ["add to a field of an absent item", ["add"], () => data.add("ra:stats", "hits", 1)],
  ["add to a field of a live object", ["add"], () => data.add("ra:stats", "hits", 1)],
  ["add to a value that is not a number", ["add"], () => data.add("ra:text", 1)],
  [
    "seed keeping existing keys",
    ["seed"],
    () =>
      data.seed([
        { key: "ra:1", value: 0 },
        { key: "ra:seeded", value: 1 },
      ]),
  ],
  ["seed overwriting", ["seed", "seedOverwrite"], () => data.seed([{ key: "ra:1", value: 0 }], true)],
];

beforeAll(async () => {
  await data.set("ra:1", { a: 1 }, { label1: "tag:one" });
  await data.set("ra:2", 2);
  await data.set("ra:expired", { old: true }, { ttl: "2001-01-01T00:00:00Z" });
  await data.set("ra:text", "not a number");
});

test.each(cases)("%s sends only commands its usages are granted", async (_what, operations, run) => {
  const needed = await actionsDuring(run);
  expect(needed.length).toBeGreaterThan(0);
  expect(needed.filter((a) => !granted(...operations).includes(a))).toEqual([]);
});

test("every action the table grants for data is one some path sends (nothing granted for nothing)", async () => {
  const sent = new Set(harness.commands.map(actionOf));
  const grantedAnywhere = new Set(Object.values(IAM_TABLE.data).flatMap((rules) => rules.flatMap((r) => r.actions)));
  expect([...grantedAnywhere].filter((a) => !sent.has(a)).sort()).toEqual([]);
});

describe("storage", () => {
  let s3: StorageHarness;
  const sent = (): string[] => s3.commands ?? [];

  beforeAll(async () => {
    s3 = await startS3Harness();
    configureStorage(s3.backend);
    await storage.write("docs/a.txt", "a");
    await storage.write("docs/sub/b.txt", "b");
  });

  afterAll(async () => {
    configureStorage(undefined);
    await s3.close();
  });

  /** The S3 actions a command needs; CopyObject reads its source and writes its target, HeadObject is GetObject's. */
  const S3_ACTIONS: Record<string, string[]> = {
    GetObjectCommand: ["s3:GetObject"],
    HeadObjectCommand: ["s3:GetObject"],
    PutObjectCommand: ["s3:PutObject"],
    CopyObjectCommand: ["s3:GetObject", "s3:PutObject"],
    DeleteObjectCommand: ["s3:DeleteObject"],
    ListObjectsCommand: ["s3:ListBucket"],
    ListObjectsV2Command: ["s3:ListBucket"],
  };

  async function s3ActionsDuring(run: () => Promise<unknown>): Promise<string[]> {
    const from = sent().length;
    await run().catch(() => undefined);
    return [
      ...new Set(
        sent()
          .slice(from)
          .flatMap((c) => S3_ACTIONS[c] ?? [`unmapped ${c}`]),
      ),
    ].sort();
  }

  const storageGrants = (op: StorageOperation): string[] => [...new Set(IAM_TABLE.storage[op].flatMap((r) => r.actions))].sort();

  const storageCases: [string, StorageOperation, () => Promise<unknown>][] = [
    ["read a file", "read", () => storage.readBuffer("docs/a.txt")],
    ["read a missing file", "read", () => storage.readBuffer("docs/missing.txt")],
    ["write a file", "write", () => storage.write("docs/c.txt", "c")],
    ["exists of a missing file", "exists", () => storage.exists("docs/missing.txt")],
    ["stat a file", "stat", () => storage.stat("docs/a.txt")],
    [
      "list a folder",
      "list",
      async () => {
        for await (const page of storage.list("docs", { recursive: true })) void page;
      },
    ],
    ["copy a file", "copy", () => storage.copy("docs/a.txt", "copies")],
    ["copy a missing file", "copy", () => storage.copy("docs/missing.txt", "copies")],
    ["move a file", "move", () => storage.move("docs/c.txt", "moved")],
    ["remove a file", "remove", () => storage.remove("copies/a.txt")],
    ["remove a missing file", "remove", () => storage.remove("docs/missing.txt")],
  ];

  test.each(storageCases)("%s sends only commands its usage is granted", async (_what, operation, run) => {
    const needed = await s3ActionsDuring(run);
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter((a) => !storageGrants(operation).includes(a))).toEqual([]);
    // S3 answers a missing key with 403 unless the caller may list the bucket: whoever reads may.
    if (needed.includes("s3:GetObject")) expect(storageGrants(operation)).toContain("s3:ListBucket");
  });
});

/**
 * The local instance's TTL process (src/runtime/data/ttl-sweep.ts), on the
 * embedded backend: expired items are deleted and `data.on("deleted")` sees
 * each, as a DynamoDB stream's REMOVE record does on AWS; live items and items
 * without a ttl stay; an item renewed after the sweep read it is kept.
 */
import { configureData, data, type DataEvent } from "../../../src/runtime/data";
import { createLocalDataBackend, LOCAL_TABLE, localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../../src/runtime/data/local";
import { sweepExpired } from "../../../src/runtime/data/ttl-sweep";
import { nowSeconds } from "../../../src/runtime/data/values";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LocalDataBackend } from "../../../src/runtime/data/local";

let server: LocalDynamo;
let client: DynamoDBClient;
let backend: LocalDataBackend;

beforeEach(async () => {
  server = await startLocalDynamo();
  client = localDynamoClient(server.endpoint);
  backend = createLocalDataBackend({ endpoint: server.endpoint, client, table: LOCAL_TABLE, backoffMs: 5, attempts: 2 });
  configureData(backend);
});

afterEach(async () => {
  await backend.events.idle();
  configureData(undefined);
  client.destroy();
  await server.close();
});

const sweep = (now: number) => sweepExpired({ client, table: LOCAL_TABLE, now, onChange: (change) => backend.events.push(change) });

test("expired items are deleted, each a deleted event with the item as it was; live ones stay", async () => {
  const deleted: DataEvent[] = [];
  data.on("deleted", (e) => void deleted.push(e));
  await data.set("session:a", { user: "ann" }, { ttl: 60, label1: "user:ann" });
  await data.set("session:b", { user: "bob" }, { ttl: 7200 });
  await data.set("config", { theme: "dark" });
  await data.set("cache:x", 42, { ttl: 60 });
  // An hour from now, a and x have expired; b has not; config never does.
  expect(await sweep(nowSeconds() + 3600)).toBe(2);
  await backend.events.idle();
  expect(deleted.map((e) => e.item.key).sort()).toEqual(["cache:x", "session:a"]);
  const a = deleted.find((e) => e.item.key === "session:a");
  expect(a).toMatchObject({ name: "deleted", item: { key: "session:a", value: { user: "ann" }, label1: "user:ann" } });
  expect(a?.previous).toBeUndefined();
  // Gone from the table itself, not only filtered out of reads.
  expect(await data.get("session:a")).toBeUndefined();
  expect((await data.getByLabel("label1", "user:*")).items).toEqual([]);
  expect(await data.get("session:b")).toEqual({ user: "bob" });
  expect(await data.get("config")).toEqual({ theme: "dark" });
  // Nothing left to expire: a second sweep deletes nothing.
  expect(await sweep(nowSeconds() + 3600)).toBe(0);
});

test("an item renewed after the sweep read it is kept, and no event is sent for it", async () => {
  const deleted: string[] = [];
  data.on("deleted", (e) => void deleted.push(e.item.key));
  await data.set("session:renewed", { n: 1 }, { ttl: 60 });
  await data.set("session:gone", { n: 2 }, { ttl: 60 });
  let renewed = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "ScanCommand" && !renewed) {
        renewed = true;
        await data.set("session:renewed", { n: 3 }, { ttl: 86_400 });
      }
      return result;
    },
    { step: "deserialize", name: "renewAfterScan" },
  );
  expect(await sweep(nowSeconds() + 3600)).toBe(1);
  await backend.events.idle();
  expect(renewed).toBe(true);
  expect(deleted).toEqual(["session:gone"]);
  expect(await data.get("session:renewed")).toEqual({ n: 3 });
});

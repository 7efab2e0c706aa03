/**
 * dispatchDataStream on hand-written Lambda stream records (the shapes AWS
 * sends), and the behaviour without any backend.
 */
import { clearDataListeners, configureData, data, dispatchDataStream, type DataEvent } from "../../../src/runtime/data";

afterEach(() => clearDataListeners());

const image = (sk: string, value: string, extra: Record<string, { N: string }> = {}) => ({
  pk: { S: "todo" },
  sk: { S: sk },
  value: { M: { title: { S: value }, tags: { L: [{ S: "a" }] }, done: { BOOL: false }, n: { N: "1.5" }, none: { NULL: true } } },
  created: { N: "1000" },
  modified: { N: "2000" },
  label1pk: { S: "status" },
  label1sk: { S: "open" },
  ...extra,
});

test("INSERT, MODIFY and REMOVE records become created, updated and deleted events", async () => {
  const seen: DataEvent[] = [];
  data.on("*:todo:*", (e) => void seen.push(e));
  await dispatchDataStream([
    { eventName: "INSERT", dynamodb: { NewImage: image("1", "a") } },
    { eventName: "MODIFY", dynamodb: { NewImage: image("1", "b"), OldImage: image("1", "a") } },
    { eventName: "REMOVE", dynamodb: { OldImage: image("1", "b") } },
    { eventName: "INSERT", dynamodb: { NewImage: { ...image("2", "c"), pk: { S: "other" } } } },
  ]);
  expect(seen.map((e) => e.name)).toEqual(["created", "updated", "deleted"]);
  expect(seen[0].item).toEqual({
    key: "todo:1",
    value: { title: "a", tags: ["a"], done: false, n: 1.5, none: null },
    created: 1000,
    modified: 2000,
    label1: "status:open",
  });
  expect(seen[1].previous?.value).toMatchObject({ title: "a" });
  expect(seen[2].item.value).toMatchObject({ title: "b" });
});

test("a MODIFY over an expired item is a creation", async () => {
  const seen: DataEvent[] = [];
  data.on("*", (e) => void seen.push(e));
  await dispatchDataStream([
    { eventName: "MODIFY", dynamodb: { ApproximateCreationDateTime: 5000, NewImage: image("1", "new"), OldImage: image("1", "old", { ttl: { N: "4000" } }) } },
  ]);
  expect(seen).toHaveLength(1);
  expect(seen[0].name).toBe("created");
  expect(seen[0].previous).toBeUndefined();
});

test("a failing handler stops its namespace but not others, and the dispatch rejects", async () => {
  const seen: string[] = [];
  data.on("created", (e) => {
    if (e.item.key === "todo:1") throw new Error("boom");
    seen.push(e.item.key);
  });
  const rec = (pk: string, sk: string) => ({ eventName: "INSERT", dynamodb: { NewImage: { ...image(sk, "x"), pk: { S: pk } } } });
  await expect(dispatchDataStream([rec("todo", "1"), rec("todo", "2"), rec("user", "1")])).rejects.toThrow("boom");
  expect(seen).toEqual(["user:1"]);
});

test("without IAC_TABLE or a configured backend, data says it is not available", async () => {
  const saved = process.env.IAC_TABLE;
  delete process.env.IAC_TABLE;
  configureData(undefined);
  try {
    await expect(data.get("x")).rejects.toThrow("data is not available outside a running instance");
  } finally {
    if (saved !== undefined) process.env.IAC_TABLE = saved;
  }
});

const { api, data } = require("@serverless/cloud");
const items = require("./lib/items");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await data.seed([
    { key: "item:BOLT-10", value: { sku: "BOLT-10", name: "Bolt", location: "annex", qty: 6 }, label1: "location:annex:BOLT-10" },
  ]);
});

test("validateSku rejects junk", () => {
  expect(() => items.validateSku("no spaces allowed")).toThrowError(TypeError);
  expect(() => items.validateSku(undefined)).toThrowError(/invalid sku/);
  expect(items.validateSku("ABC-1")).toBe("ABC-1");
});

test("lists by location (data.json + seeded)", async () => {
  const { status, body } = await api.get("/items?location=annex").invoke();
  expect(status).toBe(200);
  expect(body.map((i) => i.sku).sort()).toEqual(["BOLT-10", "GIZMO-7"]);
});

test("adjusts stock atomically", async () => {
  await Promise.all([1, 2, 3].map(() => api.post("/items/WIDGET-1/adjust").invoke({ delta: -2 })));
  const { body } = await api.get("/items/WIDGET-1").invoke();
  expect(body.qty).toBe(34);
});

test("a low stock level raises an alert", async () => {
  const res = await api.post("/items/BOLT-10/adjust").invoke({ delta: -3 });
  expect(res.body).toMatchObject({ sku: "BOLT-10", qty: 3 });
  let alerts = [];
  for (let i = 0; i < 50 && alerts.length === 0; i++) {
    await sleep(100);
    alerts = (await api.get("/alerts").invoke()).body.alerts;
  }
  expect(alerts).toEqual([expect.objectContaining({ sku: "BOLT-10", qty: 3 })]);
});

test("spy on the repository", async () => {
  const spy = jest.spyOn(items, "getItem");
  await api.get("/items/GIZMO-7").invoke();
  expect(spy).toBeCalledTimes(1);
  expect(spy).toBeCalledWith("GIZMO-7");
  spy.mockRestore();
});

test("bad input", async () => {
  expect((await api.put("/items/bad sku").invoke({ name: "x" })).status).toBe(400);
  expect((await api.post("/items/WIDGET-1/adjust").invoke({ delta: "lots" })).status).toBe(400);
  expect((await api.post("/items/NOPE-1/adjust").invoke({ delta: 1 })).status).toBe(404);
});

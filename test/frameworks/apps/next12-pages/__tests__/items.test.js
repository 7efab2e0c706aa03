const { api } = require("@serverless/cloud");
require("../index");

test("an item is stored and read back through the SDK's API", async () => {
  const created = await api.post("/api/items/7").invoke({ name: "lamp" });
  expect(created.status).toBe(201);
  const got = await api.get("/api/items/7").invoke();
  expect(got.body).toEqual({ name: "lamp" });
  expect((await api.get("/api/items/8").invoke()).status).toBe(404);
});

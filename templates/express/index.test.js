const { api } = require("iac");

test("the Express app is served", async () => {
  const { status, body } = await api.get("/health").invoke();
  expect(status).toBe(200);
  expect(body).toEqual({ ok: true });
});

test("entries are stored in data, newest first", async () => {
  await api.post("/entries").invoke({ name: "Ann", message: "first" });
  await new Promise((resolve) => setTimeout(resolve, 5)); // distinct time-ordered ids
  const second = await api.post("/entries").invoke({ name: "Ben", message: "second" });
  expect(second.status).toBe(201);

  const { body } = await api.get("/entries").invoke();
  expect(body.map((e) => e.message).slice(0, 2)).toEqual(["second", "first"]);
});

test("bad input and unknown paths get JSON errors from Express", async () => {
  expect((await api.post("/entries").invoke({ name: "Ann" })).status).toBe(400);
  const missing = await api.get("/nowhere").invoke();
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual({ error: "not found" });
});

import { api, data, schedule } from "iac";

test("notes can be created, read, listed and deleted", async () => {
  const created = await api.post("/notes").invoke({ text: "hello" });
  expect(created.status).toBe(201);
  const { id } = created.body as { id: string };

  const one = await api.get(`/notes/${id}`).invoke();
  expect(one.body).toMatchObject({ id, text: "hello" });

  const list = await api.get("/notes").invoke();
  expect((list.body as { notes: { id: string }[] }).notes.map((n) => n.id)).toContain(id);

  expect((await api.delete(`/notes/${id}`).invoke()).status).toBe(204);
  expect((await api.get(`/notes/${id}`).invoke()).status).toBe(404);
});

test("a note needs text", async () => {
  const { status } = await api.post("/notes").invoke({ text: "  " });
  expect(status).toBe(400);
});

test("the hourly schedule counts notes", async () => {
  await data.seed([
    { key: "note:seed-a", value: { id: "seed-a", text: "a", created: "2025-01-01T00:00:00.000Z" } },
    { key: "note:seed-b", value: { id: "seed-b", text: "b", created: "2025-01-01T00:00:00.000Z" } },
  ]);
  await schedule.every("1 hour").invoke();
  const { body } = await api.get("/stats").invoke();
  expect((body as { count: number }).count).toBeGreaterThanOrEqual(2);
});

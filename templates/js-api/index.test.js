const { api, data } = require("iac");

test("create a contact and find it by id and by email", async () => {
  const created = await api.post("/contacts").invoke({ name: "Ada", email: "Ada@Example.com" });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: "Ada", email: "ada@example.com" });

  const byId = await api.get(`/contacts/${created.body.id}`).invoke();
  expect(byId.body).toEqual(created.body);

  const byEmail = await api.get("/contacts?email=ada@example.com").invoke();
  expect(byEmail.body.contacts).toEqual([created.body]);
});

test("update moves the email label; delete removes the contact", async () => {
  await data.seed([{ key: "contact:c1", value: { id: "c1", name: "Bob", email: "bob@old.example" }, label1: "email:bob@old.example" }]);

  const updated = await api.put("/contacts/c1").invoke({ name: "Bob", email: "bob@new.example" });
  expect(updated.status).toBe(200);
  expect((await api.get("/contacts?email=bob@new.example").invoke()).body.contacts).toHaveLength(1);
  expect((await api.get("/contacts?email=bob@old.example").invoke()).body.contacts).toHaveLength(0);

  expect((await api.delete("/contacts/c1").invoke()).status).toBe(204);
  expect((await api.get("/contacts/c1").invoke()).status).toBe(404);
});

test("invalid input is a 400", async () => {
  const { status, body } = await api.post("/contacts").invoke({ name: "No email" });
  expect(status).toBe(400);
  expect(body.error).toMatch(/email/);
});

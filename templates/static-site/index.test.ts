import { api } from "iac";

test("a visitor signs up once", async () => {
  const first = await api.post("/api/signups").invoke({ email: "Visitor@Example.com" });
  expect(first.status).toBe(201);
  expect(first.body).toEqual({ email: "visitor@example.com", alreadySignedUp: false });

  const again = await api.post("/api/signups").invoke({ email: "visitor@example.com" });
  expect(again.status).toBe(200);
  expect(again.body).toEqual({ email: "visitor@example.com", alreadySignedUp: true });

  const { body } = await api.get("/api/signups/count").invoke();
  expect(body).toEqual({ count: 1 });
});

test("an invalid email is refused", async () => {
  const { status, body } = await api.post("/api/signups").invoke({ email: "not-an-email" });
  expect(status).toBe(400);
  expect(body).toEqual({ error: "please give a valid email address" });
});

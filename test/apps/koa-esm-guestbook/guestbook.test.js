import { describe, test, expect } from "@jest/globals";
import { api } from "@serverless/cloud";

describe("guestbook", () => {
  test("title comes from the settings in data.json", async () => {
    const { status, body } = await api.get("/").invoke();
    expect(status).toBe(200);
    expect(body).toEqual({ title: "Sign our guestbook!" });
  });

  test("sign and read back, newest first", async () => {
    const signed = await api.post("/entries").invoke({ name: "Grace", message: "Hello" });
    expect(signed.status).toBe(201);
    expect(signed.headers["x-response-time"]).toMatch(/^\d+ms$/);
    const { body } = await api.get("/entries").invoke();
    expect(body.entries[0]).toMatchObject({ name: "Grace", message: "Hello" });
    expect(body.entries.map((e) => e.name)).toContain("Ada");
  });

  test("limits come from settings", async () => {
    const long = await api.post("/entries").invoke({ name: "Bob", message: "x".repeat(41) });
    expect(long.status).toBe(413);
    const empty = await api.post("/entries").invoke({ name: "Bob" });
    expect(empty.status).toBe(400);
  });
});

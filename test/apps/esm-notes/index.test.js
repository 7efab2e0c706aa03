import { describe, expect, it, jest } from "@jest/globals";
import { api, data } from "@serverless/cloud";
import { NoteRepo } from "./lib/note-repo.js";

describe("NoteRepo", () => {
  it("labels notes by tag when saving", async () => {
    const fake = { set: jest.fn(async (key, value) => value) };
    const repo = new NoteRepo(fake);
    await repo.save({ id: "n1", title: "hi" });
    expect(fake.set).toBeCalledTimes(1);
    expect(fake.set).toBeCalledWith("note:n1", { id: "n1", title: "hi", tag: "untagged" }, { label1: "tag:untagged:n1" });
    await repo.save({ id: "n2", title: "yo", tag: "work" });
    expect(fake.set).lastCalledWith("note:n2", expect.objectContaining({ tag: "work" }), { label1: "tag:work:n2" });
  });
});

describe("notes api", () => {
  it("serves the seeded notes from data.json", async () => {
    const { status, body } = await api.get("/notes").invoke();
    expect(status).toBe(200);
    expect(body.items.map((n) => n.id)).toEqual(expect.arrayContaining(["welcome", "groceries"]));
  });

  it("filters by tag", async () => {
    const { body } = await api.get("/notes?tag=intro").invoke();
    expect(body.count).toBe(1);
    expect(body.items[0].title).toBe("Welcome!");
  });

  it("creates, reads and deletes a note", async () => {
    const created = await api.put("/notes/todo-1").invoke({ title: "Call mom", tag: "home" });
    expect(created.status).toBe(201);
    expect((await api.get("/notes/todo-1").invoke()).body).toMatchObject({ title: "Call mom", tag: "home" });
    expect((await api.get("/notes?tag=home").invoke()).body.count).toBe(2);
    expect((await api.delete("/notes/todo-1").invoke()).status).toBe(204);
    expect(await data.get("note:todo-1")).toBeFalsy();
    expect((await api.get("/notes/todo-1").invoke()).status).toBe(404);
  });

  it("rejects a note without a title", async () => {
    const { status, body } = await api.put("/notes/x").invoke({ body: "no title" });
    expect(status).toBe(400);
    expect(body).toEqual({ message: "title is required" });
  });
});

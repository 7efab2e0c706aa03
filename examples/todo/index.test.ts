// Run with `npx iac test examples/todo`: each run gets a fresh local
// instance with this app loaded, so the tests only talk to it through the SDK.
import { api, data, schedule } from "iac";

const past = "2020-03-01T12:00:00.000Z";
const future = "2099-03-01T12:00:00.000Z";

beforeAll(async () => {
  // The data.json format; ids t1..t3 are this file's own.
  await data.seed(
    [
      {
        key: "todo:t1",
        value: { id: "t1", name: "File taxes", status: "incomplete", duedate: past, createdAt: past },
        label1: `status:incomplete:${past}`,
      },
      {
        key: "todo:t2",
        value: { id: "t2", name: "Plan the trip", status: "incomplete", duedate: future, createdAt: past },
        label1: `status:incomplete:${future}`,
      },
      {
        key: "todo:t3",
        value: { id: "t3", name: "Fix the bike", status: "complete", duedate: past, createdAt: past, completedAt: past },
        label1: `status:complete:${past}`,
      },
    ],
    true,
  );
});

interface TodoJson {
  id: string;
  name: string;
  status: string;
  duedate?: string;
  completedAt?: string;
}

/** The ids in a `{ items }` answer, in order. */
function ids(body: unknown): string[] {
  return (body as { items: TodoJson[] }).items.map((todo) => todo.id);
}

describe("GET /todos", () => {
  test("status=all lists the whole collection", async () => {
    const { status, body } = await api.get("/todos?status=all").invoke();
    expect(status).toBe(200);
    expect(ids(body)).toEqual(expect.arrayContaining(["t1", "t2", "t3"]));
  });

  test("status=complete and status=incomplete query the label", async () => {
    const complete = await api.get("/todos?status=complete").invoke();
    expect(ids(complete.body)).toContain("t3");
    expect(ids(complete.body)).not.toContain("t1");

    const incomplete = await api.get("/todos?status=incomplete").invoke();
    expect(ids(incomplete.body)).toEqual(expect.arrayContaining(["t1", "t2"]));
    expect(ids(incomplete.body)).not.toContain("t3");
    // The label sorts incomplete todos by due date.
    expect(ids(incomplete.body).indexOf("t1")).toBeLessThan(ids(incomplete.body).indexOf("t2"));
  });

  test("an unknown status is a 400 from the error middleware", async () => {
    const { status, body } = await api.get("/todos?status=someday").invoke();
    expect(status).toBe(400);
    expect(body).toEqual({ error: expect.stringMatching(/status must be/) });
  });
});

describe("POST /todos/:id", () => {
  test("creates a todo and files it under its status", async () => {
    const { status, body } = await api.post("/todos/123?status=incomplete").invoke({ name: "Buy milk", duedate: future });
    expect(status).toBe(200);
    expect(body).toHaveProperty("todo", expect.objectContaining({ id: "123", name: "Buy milk", status: "incomplete", duedate: future }));
    expect(ids(body)).toContain("123");

    const stored = await data.get("todo:123");
    expect(stored).toMatchObject({ name: "Buy milk", status: "incomplete" });
  });

  test("completing a todo moves it between label queries", async () => {
    await api.post("/todos/move-me").invoke({ name: "Call mum" });
    await api.post("/todos/move-me").invoke({ status: "complete" });

    const complete = await api.get("/todos?status=complete").invoke();
    const todo = (complete.body as { items: TodoJson[] }).items.find((t) => t.id === "move-me");
    expect(todo).toMatchObject({ name: "Call mum", status: "complete", completedAt: expect.any(String) });

    const incomplete = await api.get("/todos?status=incomplete").invoke();
    expect(ids(incomplete.body)).not.toContain("move-me");
  });

  test("reopening a completed todo clears completedAt", async () => {
    await api.post("/todos/reopen").invoke({ name: "Paint the fence", status: "complete" });
    await api.post("/todos/reopen").invoke({ status: "incomplete" });
    const stored = await data.get("todo:reopen");
    expect(stored).toMatchObject({ name: "Paint the fence", status: "incomplete" });
    expect(stored).not.toHaveProperty("completedAt");
  });

  test("ttl sets an expiry on the item", async () => {
    const before = Math.floor(Date.now() / 1000);
    await api.post("/todos/short-lived").invoke({ name: "Reply to the invite", ttl: 3600 });
    const item = await data.get("todo:short-lived", { meta: true });
    expect(item?.ttl).toBeGreaterThanOrEqual(before + 3600 - 5);
    expect(item?.ttl).toBeLessThanOrEqual(before + 3600 + 60);
  });

  test("a todo needs a name", async () => {
    const { status, body } = await api.post("/todos/nameless").invoke({ status: "incomplete" });
    expect(status).toBe(400);
    expect(body).toEqual({ error: "name is required" });
    expect(await data.get("todo:nameless")).toBeFalsy();
  });
});

test("DELETE /todos/:id removes the todo", async () => {
  await api.post("/todos/gone").invoke({ name: "Temporary" });
  const { status, body } = await api.delete("/todos/gone?status=all").invoke();
  expect(status).toBe(200);
  expect(ids(body)).not.toContain("gone");
  expect(await data.get("todo:gone")).toBeFalsy();
});

test("the hourly schedule alerts on overdue incomplete todos only", async () => {
  const log = jest.spyOn(console, "log").mockImplementation(() => {});
  try {
    await schedule.every("60 minutes").invoke();
    const lines = log.mock.calls.map((args) => args.join(" "));
    expect(lines).toContainEqual(expect.stringContaining("ALERT: 'File taxes' is overdue"));
    expect(lines.join("\n")).not.toContain("Plan the trip"); // due in the future
    expect(lines.join("\n")).not.toContain("Fix the bike"); // already complete
  } finally {
    log.mockRestore();
  }
});

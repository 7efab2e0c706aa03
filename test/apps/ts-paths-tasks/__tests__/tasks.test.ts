import { api, data, schedule } from "@serverless/cloud";
import { slugify } from "@lib/ids";
import { overdueSweep } from "../index";

describe("tasks", () => {
  beforeAll(async () => {
    await data.seed([
      { key: "task:pay-rent", value: { id: "pay-rent", title: "Pay rent", due: "2020-01-01", status: "open", createdAt: "2019-12-01T00:00:00Z" }, label1: "open:2020-01-01:pay-rent" },
    ]);
  });

  it("slugifies titles", () => {
    expect(slugify("  Buy Milk!! ")).toBe("buy-milk");
  });

  it("creates and lists open tasks", async () => {
    const created = await api.post("/tasks").invoke({ title: "Write report", due: "2999-01-01" });
    expect(created.status).toBe(201);
    const { body } = await api.get("/tasks?status=open").invoke();
    expect((body as any).tasks.map((t: any) => t.id)).toEqual(["pay-rent", "write-report"]);
  });

  it("the sweep marks overdue tasks", async () => {
    await overdueSweep.invoke();
    const { body } = await api.get("/tasks?status=overdue").invoke();
    expect((body as any).tasks).toEqual([expect.objectContaining({ id: "pay-rent", status: "overdue" })]);
  });

  it("the testing form of schedule.every runs the same handler", async () => {
    await data.seed([{ key: "task:old", value: { id: "old", title: "Old", due: "2001-01-01", status: "open", createdAt: "x" }, label1: "open:2001-01-01:old" }]);
    await schedule.every("5 minutes").invoke();
    expect(await data.get("task:old")).toMatchObject({ status: "overdue" });
  });

  it("patches a task", async () => {
    const res = await api.patch("/tasks/write-report").invoke({ status: "done" });
    expect(res.status).toBe(200);
    expect((await api.patch("/tasks/missing").invoke({})).status).toBe(404);
  });
});

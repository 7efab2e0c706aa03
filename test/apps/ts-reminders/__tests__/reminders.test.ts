import { describe, it, expect, jest, beforeAll } from "@jest/globals";
import { api, data } from "@serverless/cloud";
import { PushClient } from "@app/services/push";
import { push } from "@app/reminders";
import { onDue } from "../index";

const waitFor = async <T>(probe: () => Promise<T>, ms = 10_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("PushClient", () => {
  it("is disabled without a token", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const client = new PushClient(undefined);
    await expect(client.send("u1", "hi")).resolves.toEqual({ delivered: false, reason: "PUSH_TOKEN not set" });
    expect(log).toBeCalledWith("[push disabled] to=u1: hi");
    log.mockRestore();
  });
});

describe("reminders", () => {
  beforeAll(async () => {
    await data.seed([{ key: "reminder:old", value: { id: "old", to: "u0", text: "seeded", status: "scheduled", createdAt: 0 } }]);
  });

  it("a reminder is delivered about a second later", async () => {
    const send = jest.spyOn(push, "send");
    const res = await api.post("/reminders").invoke({ to: "u1", text: "stand up", after: "1 second", id: "r1" });
    expect(res.status).toBe(202);
    const sent = await waitFor(async () => {
      const r = (await api.get("/reminders/r1").invoke()).body as any;
      return r.status === "sent" && r;
    });
    expect(typeof sent.latencyMs).toBe("number");
    expect(sent.latencyMs).toBeGreaterThanOrEqual(900);
    expect(send).toBeCalledTimes(1);
    expect(send).lastCalledWith("u1", "stand up");
  });

  it("the handler can be invoked directly", async () => {
    await onDue.invoke({ body: { id: "old" }, time: Date.now() } as any);
    expect(await data.get("reminder:old")).toMatchObject({ status: "sent" });
  });

  it("sent reminders are counted by the data listener", async () => {
    const stats = await waitFor(async () => {
      const s = (await api.get("/stats").invoke()).body as { sent: number };
      return s.sent >= 2 && s;
    });
    expect(stats.sent).toBe(2);
  });
});

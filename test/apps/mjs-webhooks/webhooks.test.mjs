import { jest } from "@jest/globals";
import { api, data } from "@serverless/cloud";
import { SlackClient } from "./slack.mjs";
import { notify } from "./index.mjs";

describe("SlackClient", () => {
  test("does nothing without a webhook url", async () => {
    const fetchImpl = jest.fn();
    const client = new SlackClient(undefined, fetchImpl);
    expect(await client.post("hi")).toEqual({ ok: false, skipped: true });
    expect(fetchImpl).not.toBeCalled();
    expect(client.skipped).toBe(1);
  });

  test("posts JSON to the webhook", async () => {
    const fetchImpl = jest.fn().mockResolvedValue({ ok: true });
    const client = new SlackClient("https://hooks.slack.test/T000/B000", fetchImpl);
    await client.post("hello");
    expect(fetchImpl).toBeCalledTimes(1);
    expect(fetchImpl).toBeCalledWith("https://hooks.slack.test/T000/B000", expect.objectContaining({ method: "POST", body: '{"text":"hello"}' }));
  });
});

describe("webhooks", () => {
  test("no secret configured in tests: accepted without signature", async () => {
    const health = await api.get("/health").invoke();
    expect(health.body).toEqual({ signing: false, slack: false });

    const { status, body } = await api.post("/hooks/github").invoke({ action: "opened" }, { headers: { "x-delivery-id": "d-1" } });
    expect(status).toBe(202);
    expect(body).toEqual({ id: "d-1", status: "received" });
    expect(await data.get("delivery:d-1")).toMatchObject({ source: "github", status: "received" });
  });

  test("the delayed event marks the delivery", async () => {
    await api.post("/hooks/stripe").invoke({ type: "charge.succeeded" }, { headers: { "x-delivery-id": "d-2" } });
    await notify.invoke({ body: { id: "d-2" }, time: Date.now() - 5000 });
    const { body } = await api.get("/deliveries/d-2").invoke();
    expect(body.status).toBe("skipped");
  });

  test("lists deliveries per source", async () => {
    const { body } = await api.get("/sources/github/deliveries").invoke();
    expect(body.map((d) => d.id)).toContain("d-1");
  });
});

import { describe, test, expect, jest } from "@jest/globals";
import { api, data, events } from "@serverless/cloud";

const until = async (probe, ms = 15000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timeout");
};

const order = (id, customer = "c1") => ({ id, customer, lines: [{ sku: "a", qty: 2, price: 5 }] });

describe("orders", () => {
  test("placing an order publishes order.placed", async () => {
    const publish = jest.spyOn(events, "publish");
    const { status, body } = await api.post("/orders").invoke(order("o1"));
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: "o1", total: 10, status: "pending" });
    expect(publish).toBeCalledWith("order.placed", { id: "o1", total: 10 });
    expect(publish).toBeCalledWith("order.payment-timeout", { after: "5 seconds" }, { id: "o1" });
    publish.mockRestore();
  });

  test("paying in time keeps the order", async () => {
    await api.post("/orders").invoke(order("o2"));
    const paid = await api.post("/orders/o2/pay").invoke();
    expect(paid.body.status).toBe("paid");
    expect((await api.post("/orders/o2/pay").invoke()).status).toBe(409);
  });

  test("unpaid orders are cancelled by the delayed event", async () => {
    const cancelled = await until(async () => (await data.get("order:o1")).status === "cancelled");
    expect(cancelled).toBe(true);
    await until(async () => (await data.get("order:o2")) && true);
    expect((await data.get("order:o2")).status).toBe("paid");
  });

  test("metrics add up", async () => {
    const m = await until(async () => {
      const { body } = await api.get("/metrics").invoke();
      return body.placed === 2 && body.cancelled === 1 && body;
    });
    expect(m.revenue).toBe(20);
  });

  test("orders by customer, validation", async () => {
    const { body } = await api.get("/customers/c1/orders").invoke();
    expect(body.map((o) => o.id)).toEqual(["o1", "o2"]);
    const bad = await api.post("/orders").invoke({ id: "x", customer: "c1", lines: [] });
    expect(bad.status).toBe(400);
  });
});

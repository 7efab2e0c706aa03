import { data, events } from "@serverless/cloud";

export function subscribe(orders) {
  events.on("order.placed", async ({ body }) => {
    await data.add("metrics:orders", "placed", 1);
    await data.add("metrics:orders", "revenue", body.total);
  });

  events.on("order.payment-timeout", async ({ body }) => {
    const cancelled = await orders.cancelIfUnpaid(body.id);
    if (cancelled) await data.add("metrics:orders", "cancelled", 1);
  });
}

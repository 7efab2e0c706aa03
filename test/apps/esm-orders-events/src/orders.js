import { data, events } from "@serverless/cloud";

export const PAYMENT_WINDOW = "5 seconds";

export class OrderService {
  async place({ id, customer, lines }) {
    if (!Array.isArray(lines) || lines.length === 0) throw Object.assign(new Error("an order needs lines"), { status: 400 });
    const total = lines.reduce((sum, l) => sum + l.qty * l.price, 0);
    const order = { id, customer, lines, total, status: "pending", placedAt: new Date().toISOString() };
    await data.set(`order:${id}`, order, { label1: `customer:${customer}:${id}`, label2: `status:pending:${id}` });
    await events.publish("order.placed", { id, total });
    await events.publish("order.payment-timeout", { after: PAYMENT_WINDOW }, { id });
    return order;
  }

  async pay(id) {
    return this.transition(id, "pending", "paid");
  }

  async cancelIfUnpaid(id) {
    return this.transition(id, "pending", "cancelled");
  }

  async transition(id, from, to) {
    const order = await data.get(`order:${id}`);
    if (!order || order.status !== from) return null;
    return data.set(`order:${id}`, { status: to }, { label2: `status:${to}:${id}` });
  }

  get(id) {
    return data.get(`order:${id}`);
  }

  async forCustomer(customer) {
    const { items } = await data.getByLabel("label1", `customer:${customer}:*`);
    return items.map((i) => i.value);
  }
}

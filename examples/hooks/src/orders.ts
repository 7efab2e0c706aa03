import { data } from "iac";

export interface Order {
  id: string;
  item: string;
  quantity: number;
  createdAt: string;
}

export async function listOrders(): Promise<Order[]> {
  const { items } = await data.get<Order>("order:*", { limit: 100 });
  return items.map((i) => i.value);
}

export async function createOrder(input: { item?: unknown; quantity?: unknown }): Promise<Order> {
  const order: Order = {
    id: Date.now().toString(36),
    item: String(input.item ?? "unknown"),
    quantity: Number(input.quantity ?? 1),
    createdAt: new Date().toISOString(),
  };
  await data.set(`order:${order.id}`, order);
  return order;
}

/** Runs nightly: reads orders, never writes (its IAM policy cannot write either). */
export async function nightlyReport(): Promise<number> {
  const orders = await listOrders();
  console.log(`REPORT: ${orders.length} orders`);
  return orders.length;
}

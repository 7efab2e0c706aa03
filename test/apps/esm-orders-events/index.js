import { api, data } from "@serverless/cloud";
import { OrderService } from "./src/orders.js";
import { subscribe } from "./src/handlers.js";

const orders = new OrderService();
subscribe(orders);

api.post("/orders", async (req, res) => {
  try {
    res.status(201).json(await orders.place(req.body));
  } catch (err) {
    res.status(err.status || 500).json({ error: err.message });
  }
});

api.post("/orders/:id/pay", async (req, res) => {
  const paid = await orders.pay(req.params.id);
  paid ? res.json(paid) : res.status(409).json({ error: "order is not pending" });
});

api.get("/orders/:id", async (req, res) => {
  const order = await orders.get(req.params.id);
  order ? res.json(order) : res.status(404).end();
});

api.get("/customers/:customer/orders", async (req, res) => {
  res.json(await orders.forCustomer(req.params.customer));
});

api.get("/metrics", async (req, res) => {
  res.json((await data.get("metrics:orders")) || {});
});

export default { orders };

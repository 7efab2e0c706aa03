// Orders: a JSON API over `data`, and a nightly report that only reads.
import { api, schedule } from "iac";
import { createOrder, listOrders, nightlyReport } from "./src/orders";

api.get("/orders", async (_req, res) => {
  res.json({ items: await listOrders() });
});

api.post("/orders", async (req, res) => {
  res.status(201).json(await createOrder(req.body ?? {}));
});

schedule.cron("0 2 * * ? *", nightlyReport);

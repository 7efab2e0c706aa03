import { api, data, events, params } from "@serverless/cloud";
import { randomUUID } from "node:crypto";
import { SlackClient } from "./slack.mjs";

// Read once at cold start.
const SIGNING_SECRET = params.WEBHOOK_SECRET;
const slack = new SlackClient(params.SLACK_WEBHOOK_URL);

api.post("/hooks/:source", async (req, res) => {
  if (SIGNING_SECRET && req.get("x-signature") !== SIGNING_SECRET) {
    return res.status(401).json({ error: "invalid signature" });
  }
  const id = req.get("x-delivery-id") || randomUUID();
  const delivery = { id, source: req.params.source, payload: req.body, status: "received", receivedAt: Date.now() };
  await data.set(`delivery:${id}`, delivery, { label1: `source:${req.params.source}:${id}` });
  await events.publish("delivery.received", { after: "5 seconds" }, { id });
  res.status(202).json({ id, status: "received" });
});

api.get("/deliveries/:id", async (req, res) => {
  const delivery = await data.get(`delivery:${req.params.id}`);
  if (!delivery) return res.status(404).json({ error: "unknown delivery" });
  res.json(delivery);
});

api.get("/sources/:source/deliveries", async (req, res) => {
  const { items } = await data.getByLabel("label1", `source:${req.params.source}:*`);
  res.json(items.map((item) => item.value));
});

api.get("/health", (req, res) => {
  res.json({ signing: Boolean(SIGNING_SECRET), slack: slack.enabled });
});

export const notify = events.on("delivery.received", async (event) => {
  const delivery = await data.get(`delivery:${event.body.id}`);
  if (!delivery) return;
  const result = await slack.post(`New ${delivery.source} webhook (${delivery.id}), ${Date.now() - event.time} ms after receipt`);
  await data.set(`delivery:${delivery.id}`, { status: result.skipped ? "skipped" : "notified" });
});

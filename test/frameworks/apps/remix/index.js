// The SDK part of the app: its API, and a schedule (which must not carry Remix's server).
import { api, data, schedule } from "@serverless/cloud";

api.get("/api/greeting", async (req, res) => {
  const greeting = await data.get("greeting:home");
  res.json({ greeting: greeting ? greeting.text : null });
});

api.put("/api/greeting", async (req, res) => {
  await data.set("greeting:home", { text: req.body.text });
  res.json({ ok: true });
});

// The items the /items/[id] page and the /items.json endpoint read: touched here too, so the HTTP function is granted their collection.
api.put("/api/items/:id", async (req, res) => {
  await data.set(`item:${req.params.id}`, { name: req.body.name });
  res.json({ ok: true });
});

schedule.every("1 hour", async () => {
  await data.set("heartbeat:last", { at: Date.now() });
});

import { api, data, events } from "@serverless/cloud";
import { deliver, schedule, type Reminder } from "@app/reminders";

api.post("/reminders", async (req, res) => {
  const { to, text, after = "5 seconds", id } = req.body ?? {};
  if (!to || !text) return res.status(400).json({ error: "to and text are required" });
  res.status(202).json(await schedule(to, text, after, id));
});

api.get("/reminders/:id", async (req, res) => {
  const reminder = await data.get(`reminder:${req.params.id}`);
  reminder ? res.json(reminder) : res.status(404).json({ error: "not found" });
});

api.get("/stats", async (_req, res) => {
  res.json((await data.get("stats:reminders")) ?? { sent: 0 });
});

export const onDue = events.on("reminder.due", async ({ body, time }) => {
  // `time` is when publish() was called (epoch ms)
  await deliver((body as { id: string }).id, time as unknown as number);
});

data.on("updated:reminder:*", async ({ item, previous }) => {
  const now = item.value as Reminder;
  const before = previous?.value as Reminder | undefined;
  if (now.status === "sent" && before?.status !== "sent") {
    await data.add("stats:reminders", "sent", 1);
  }
});

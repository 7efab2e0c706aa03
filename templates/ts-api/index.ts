import { api, data, schedule } from "iac";

interface Note {
  id: string;
  text: string;
  created: string;
}

api.get("/notes", async (_req, res) => {
  const { items } = await data.get("note:*", { reverse: true, limit: 50 });
  res.json({ notes: items.map((item) => item.value) });
});

api.get("/notes/:id", async (req, res) => {
  const note = await data.get(`note:${req.params.id}`);
  if (!note) {
    res.status(404).json({ error: "not found" });
    return;
  }
  res.json(note);
});

api.post("/notes", async (req, res) => {
  const text = req.body?.text;
  if (typeof text !== "string" || text.trim() === "") {
    res.status(400).json({ error: "text is required" });
    return;
  }
  // Time-ordered ids, so `note:*` lists oldest first.
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const note: Note = { id, text: text.trim(), created: new Date().toISOString() };
  await data.set(`note:${id}`, note);
  res.status(201).json(note);
});

api.delete("/notes/:id", async (req, res) => {
  await data.remove(`note:${req.params.id}`);
  res.sendStatus(204);
});

// Keep a count that is cheap to read.
schedule.every("1 hour", async () => {
  let count = 0;
  let page = await data.get("note:*", { limit: 1000 });
  count += page.items.length;
  while (page.next) {
    page = await page.next();
    count += page.items.length;
  }
  await data.set("stats:notes", { count, at: new Date().toISOString() });
  console.log(`${count} notes`);
});

api.get("/stats", async (_req, res) => {
  res.json((await data.get("stats:notes")) ?? { count: 0 });
});

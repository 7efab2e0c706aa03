const express = require("express");
const { data } = require("iac");

const app = express();
app.use(express.json());

app.get("/health", (req, res) => res.json({ ok: true }));

// A guestbook: entries are `entry:<time-ordered id>`.
app.get("/entries", async (req, res, next) => {
  try {
    const { items } = await data.get("entry:*", { reverse: true, limit: 20 });
    res.json(items.map((item) => item.value));
  } catch (err) {
    next(err);
  }
});

app.post("/entries", async (req, res, next) => {
  try {
    const { name, message } = req.body || {};
    if (!name || !message) return res.status(400).json({ error: "name and message are required" });
    const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
    const entry = await data.set(`entry:${id}`, { id, name: String(name), message: String(message), at: new Date().toISOString() });
    res.status(201).json(entry);
  } catch (err) {
    next(err);
  }
});

app.use((req, res) => res.status(404).json({ error: "not found" }));

module.exports = app;

const express = require("express");
const bookmarks = require("./lib/bookmarks");
const { requireApiKey } = require("./lib/auth");

const app = express();
app.use(express.json());

app.get("/api/bookmarks", async (req, res, next) => {
  try {
    const { folder, after } = req.query;
    res.json(folder ? await bookmarks.inFolder(folder) : await bookmarks.list(after));
  } catch (err) {
    next(err);
  }
});

app.get("/api/bookmarks/:id", async (req, res, next) => {
  try {
    const bookmark = await bookmarks.find(req.params.id);
    if (!bookmark) return res.status(404).json({ error: "no such bookmark" });
    res.json(bookmark);
  } catch (err) {
    next(err);
  }
});

// Writes need the stage's API key.
app.post("/api/bookmarks", requireApiKey, async (req, res, next) => {
  try {
    const bookmark = await bookmarks.create(req.body);
    res.status(201).location(`/api/bookmarks/${bookmark.id}`).json(bookmark);
  } catch (err) {
    next(err);
  }
});

app.post("/api/bookmarks/import", requireApiKey, async (req, res, next) => {
  try {
    res.json({ imported: await bookmarks.importMany(req.body) });
  } catch (err) {
    next(err);
  }
});

app.delete("/api/bookmarks/:id", requireApiKey, async (req, res, next) => {
  try {
    await bookmarks.remove(req.params.id);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.post("/api/bookmarks/:id/visit", async (req, res, next) => {
  try {
    res.json({ visits: await bookmarks.visit(req.params.id) });
  } catch (err) {
    next(err);
  }
});

app.use("/api", (req, res) => res.status(404).json({ error: `no route for ${req.method} ${req.path}` }));

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  const status = err.status || 500;
  if (status === 500) console.error(err);
  res.status(status).json({ error: status === 500 ? "internal error" : err.message });
});

module.exports = app;

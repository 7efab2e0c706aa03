import { api, data } from "@serverless/cloud";
import { NoteRepo } from "./lib/note-repo.js";

const notes = new NoteRepo(data);

api.get("/notes", async (req, res) => {
  const items = req.query.tag ? await notes.byTag(req.query.tag) : await notes.all();
  res.send({ items, count: items.length });
});

api.get("/notes/:id", async (req, res) => {
  const note = await notes.find(req.params.id);
  if (!note) return res.status(404).send({ message: "Note not found" });
  res.send(note);
});

api.put("/notes/:id", async (req, res) => {
  const { title, body = "", tag } = req.body || {};
  if (!title) return res.status(400).send({ message: "title is required" });
  const saved = await notes.save({ id: req.params.id, title, body, tag, updatedAt: new Date().toISOString() });
  res.status(201).send(saved);
});

api.delete("/notes/:id", async (req, res) => {
  await notes.remove(req.params.id);
  res.sendStatus(204);
});

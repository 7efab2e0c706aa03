import { api, storage, data } from "@serverless/cloud";
import { photoPath, nameFromPath } from "./src/paths.js";
import "./src/listeners.js";

api.upload("/photos", async (req, res) => {
  const file = req.files?.[0];
  if (!file) return res.status(400).json({ error: "attach a file" });
  const path = photoPath(file.originalname);
  await storage.write(path, file.buffer, { type: file.mimetype });
  res.status(201).json({ name: nameFromPath(path), size: file.size, type: file.mimetype });
});

api.get("/photos", async (req, res) => {
  const names = [];
  for await (const page of await storage.list("photos")) names.push(...page);
  res.json({ names });
});

api.get("/photos/:name", async (req, res) => {
  const buffer = await storage.readBuffer(photoPath(req.params.name));
  if (!buffer) return res.sendStatus(404);
  res.type(req.params.name.split(".").pop() || "bin").send(buffer);
});

api.get("/photos/:name/link", async (req, res) => {
  const path = photoPath(req.params.name);
  if (!(await storage.exists(path))) return res.sendStatus(404);
  res.json({ url: await storage.getDownloadUrl(path, 600) });
});

api.post("/photos/:name/upload-url", async (req, res) => {
  res.json({ url: await storage.getUploadUrl(photoPath(req.params.name), 900), method: "PUT" });
});

api.get("/photos/:name/meta", async (req, res) => {
  const meta = await data.get(`photo:${req.params.name}`);
  return meta ? res.json(meta) : res.sendStatus(404);
});

api.delete("/photos/:name", async (req, res) => {
  await storage.remove(photoPath(req.params.name));
  res.sendStatus(204);
});

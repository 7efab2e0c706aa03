const { api, data } = require("@serverless/cloud");

api.get("/api/items/:id", async (req, res) => {
  const item = await data.get(`item:${req.params.id}`);
  if (!item) return res.status(404).json({ error: "not found" });
  res.json(item);
});

api.post("/api/items/:id", async (req, res) => {
  await data.set(`item:${req.params.id}`, { name: req.body.name });
  res.status(201).json({ id: req.params.id });
});

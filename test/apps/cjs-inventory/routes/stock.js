"use strict";
const items = require("../lib/items");

module.exports = (api) => {
  api.post("/items/:sku/adjust", async (req, res) => {
    const delta = Number(req.body && req.body.delta);
    if (!Number.isInteger(delta)) return res.status(400).json({ error: "delta must be an integer" });
    const updated = await items.adjust(req.params.sku, delta);
    if (!updated) return res.status(404).json({ error: "not found" });
    res.json(updated);
  });

  api.get("/alerts", async (req, res) => {
    res.json({ alerts: await items.lowStockAlerts() });
  });
};

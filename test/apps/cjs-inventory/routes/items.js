"use strict";
const items = require("../lib/items");

module.exports = function itemRoutes(api) {
  api.get("/items", async (req, res) => {
    res.json(await items.listItems(req.query.location));
  });

  api.get("/items/:sku", async (req, res) => {
    try {
      const item = await items.getItem(req.params.sku);
      if (!item) return res.status(404).json({ error: "not found" });
      res.json(item);
    } catch (e) {
      res.status(400).json({ error: e.message });
    }
  });

  api.put("/items/:sku", async (req, res) => {
    try {
      res.json(await items.putItem(req.params.sku, req.body));
    } catch (e) {
      res.status(400).json({ error: e.message });
    }
  });
};

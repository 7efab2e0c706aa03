import express from "express";
import { http, data, params } from "@serverless/cloud";
import { cartRouter } from "./routes/cart.js";

const app = express();
app.use(express.json());

app.get("/api/products", async (req, res) => {
  const { items } = await data.get("product:*");
  res.json(items.map(({ value }) => value));
});

app.put("/api/products/:sku", async (req, res) => {
  if (!params.ADMIN_TOKEN || req.get("authorization") !== `Bearer ${params.ADMIN_TOKEN}`) {
    return res.status(403).json({ error: "forbidden" });
  }
  const { name, price } = req.body;
  if (typeof price !== "number") return res.status(400).json({ error: "price must be a number" });
  res.json(await data.set(`product:${req.params.sku}`, { sku: req.params.sku, name, price }));
});

app.use("/api/cart", cartRouter);

app.use((req, res) => res.status(404).json({ error: "Not Found" }));

http.use(app);

export default app;

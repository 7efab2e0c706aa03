import { Router } from "express";
import { randomUUID } from "node:crypto";
import { data } from "@serverless/cloud";

export const cartRouter = Router();

function cartId(req, res) {
  const fromCookie = /(?:^|;\s*)cart_id=([\w-]+)/.exec(req.headers.cookie || "");
  if (fromCookie) return fromCookie[1];
  const id = randomUUID();
  res.cookie("cart_id", id, { httpOnly: true, sameSite: "lax", maxAge: 7 * 24 * 3600 * 1000 });
  return id;
}

cartRouter.get("/", async (req, res) => {
  const id = cartId(req, res);
  const cart = (await data.get(`cart:${id}`)) || { items: {} };
  res.json({ id, ...cart });
});

cartRouter.post("/items", async (req, res) => {
  const id = cartId(req, res);
  const { sku, qty = 1 } = req.body || {};
  const product = await data.get(`product:${sku}`);
  if (!product) return res.status(404).json({ error: `unknown product ${sku}` });
  const cart = (await data.get(`cart:${id}`)) || { items: {} };
  cart.items[sku] = (cart.items[sku] || 0) + Number(qty);
  cart.total = (cart.total || 0) + product.price * Number(qty);
  await data.set(`cart:${id}`, cart, { overwrite: true, ttl: 7 * 24 * 3600 });
  res.status(201).json({ id, ...cart });
});

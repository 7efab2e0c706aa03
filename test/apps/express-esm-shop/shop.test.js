import { api, data } from "@serverless/cloud";
import app from "./index.js";

let server;
let base;

beforeAll(async () => {
  await data.seed([{ key: "product:cap", value: { sku: "cap", name: "Cap", price: 15 } }]);
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

test("GET /api/products over a real socket (data.json + seed)", async () => {
  const res = await fetch(`${base}/api/products`);
  expect(res.status).toBe(200);
  const products = await res.json();
  expect(products.map((p) => p.sku).sort()).toEqual(["cap", "mug", "tee"]);
});

test("unknown paths are JSON 404s", async () => {
  const res = await fetch(`${base}/nope`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: "Not Found" });
});

test("a new cart sets a cookie", async () => {
  const { status, body, headers } = await api.post("/api/cart/items").invoke({ sku: "cap", qty: 2 });
  expect(status).toBe(201);
  expect(body.items).toEqual({ cap: 2 });
  expect(Array.isArray(headers["set-cookie"])).toBe(true);
  expect(headers["set-cookie"][0]).toMatch(/^cart_id=[\w-]+; /);
  expect(headers["content-type"]).toMatch(/application\/json/);
});

test("the cart cookie is reused", async () => {
  await api.post("/api/cart/items").invoke({ sku: "cap" }, { headers: { cookie: "cart_id=abc-123" } });
  const { body, headers } = await api.get("/api/cart").invoke(undefined, { headers: { cookie: "cart_id=abc-123" } });
  expect(body).toMatchObject({ id: "abc-123", items: { cap: 1 } });
  expect(headers["set-cookie"]).toBeUndefined();
});

test("admin writes need the token", async () => {
  const res = await fetch(`${base}/api/products/hat`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Hat", price: 9 }) });
  expect(res.status).toBe(403);
});

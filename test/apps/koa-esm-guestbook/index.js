import Koa from "koa";
import { http, data } from "@serverless/cloud";

// Loaded once per cold start (top-level await). A fresh stage has no settings
// item yet, so fall back to defaults.
const settings = {
  title: "Guestbook",
  maxLength: 280,
  ...((await data.get("settings:guestbook")) || {}),
};

export const app = new Koa();

app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  ctx.set("x-response-time", `${Date.now() - started}ms`);
});

app.use(async (ctx) => {
  if (ctx.path !== "/entries") {
    ctx.body = { title: settings.title };
    return;
  }
  if (ctx.method === "GET") {
    const { items } = await data.get("entry:*", { reverse: true, limit: 20 });
    ctx.body = { title: settings.title, entries: items.map((i) => i.value) };
    return;
  }
  if (ctx.method === "POST") {
    let raw = "";
    for await (const chunk of ctx.req) raw += chunk;
    const { name, message } = JSON.parse(raw || "{}");
    if (!name || !message) ctx.throw(400, "name and message are required");
    if (message.length > settings.maxLength) ctx.throw(413, `message longer than ${settings.maxLength}`);
    const at = new Date().toISOString();
    const entry = await data.set(`entry:${at}`, { name, message, at });
    ctx.status = 201;
    ctx.body = entry;
    return;
  }
  ctx.throw(405);
});

http.use(app);

export default app;

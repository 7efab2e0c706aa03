const Koa = require("koa");
const { http } = require("@serverless/cloud");
const links = require("./links");

const app = new Koa();

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

// error handler
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: err.expose || err.status ? err.message : "Internal Server Error" };
  }
});

app.use(async (ctx) => {
  const statsMatch = /^\/links\/([^/]+)\/stats$/.exec(ctx.path);
  if (ctx.method === "POST" && ctx.path === "/links") {
    const { slug, url } = await readJson(ctx.req);
    ctx.status = 201;
    ctx.body = await links.createLink(slug, url);
  } else if (ctx.method === "GET" && statsMatch) {
    const link = await links.stats(statsMatch[1]);
    ctx.assert(link, 404, "no such link");
    ctx.body = { slug: link.slug, hits: link.hits };
  } else if (ctx.method === "GET" && ctx.path.length > 1) {
    const url = await links.resolveLink(ctx.path.slice(1));
    ctx.assert(url, 404, "no such link");
    ctx.redirect(url);
  } else {
    ctx.body = { service: "links", usage: "POST /links {slug,url}" };
  }
});

http.use(app.callback());

module.exports = app;

const { data } = require("@serverless/cloud");

const SLUG = /^[a-z0-9-]{2,32}$/;

async function createLink(slug, url) {
  if (!SLUG.test(slug || "")) {
    const err = new Error("slug must be 2-32 chars of a-z, 0-9 or -");
    err.status = 400;
    throw err;
  }
  try {
    new URL(url);
  } catch (e) {
    const err = new Error("url is not valid");
    err.status = 400;
    throw err;
  }
  if (await data.get(`link:${slug}`)) {
    const err = new Error("slug already taken");
    err.status = 409;
    throw err;
  }
  return data.set(`link:${slug}`, { slug, url, hits: 0, created: Date.now() });
}

async function resolveLink(slug) {
  const link = await data.get(`link:${slug}`);
  if (!link) return null;
  await data.add(`link:${slug}`, "hits", 1);
  return link.url;
}

function stats(slug) {
  return data.get(`link:${slug}`);
}

module.exports = { createLink, resolveLink, stats };

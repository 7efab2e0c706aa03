// Bookmarks in data: `bookmark:<id>`, with label2 `folder:<folder>:<id>` so
// a folder is one label query.
const { data } = require("@serverless/cloud");

function badRequest(message) {
  return Object.assign(new Error(message), { status: 400 });
}

function validate(input) {
  const { url, title, folder = "inbox" } = input || {};
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("url must be an absolute URL");
  }
  if (!/^https?:$/.test(parsed.protocol)) throw badRequest("url must be http or https");
  if (!/^[a-z0-9-]{1,40}$/.test(folder)) throw badRequest("folder must be 1-40 lowercase letters, digits or -");
  return { url: parsed.href, title: String(title || parsed.hostname), folder };
}

function newId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
}

function entry(input) {
  const id = newId();
  const bookmark = { id, ...validate(input), visits: 0, created: new Date().toISOString() };
  return { key: `bookmark:${id}`, value: bookmark, label2: `folder:${bookmark.folder}:${id}` };
}

async function list(after) {
  const page = await data.get("bookmark:*", after ? { limit: 20, start: after } : { limit: 20 });
  return { items: page.items.map((item) => item.value), next: page.lastKey };
}

async function inFolder(folder) {
  const { items } = await data.get(`folder:${folder}:*`, { label: "label2" });
  return { items: items.map((item) => item.value) };
}

async function find(id) {
  return data.get(`bookmark:${id}`);
}

async function create(input) {
  const { key, value, label2 } = entry(input);
  return data.set(key, value, { label2 });
}

/** Up to 25 bookmarks in one batch write. */
async function importMany(inputs) {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 25) {
    throw badRequest("send an array of 1 to 25 bookmarks");
  }
  const entries = inputs.map(entry);
  await data.set(entries, { overwrite: true });
  const { items } = await data.get(entries.map((e) => e.key));
  return items.map((item) => item.value);
}

async function remove(id) {
  await data.remove(`bookmark:${id}`);
}

/** Atomic: concurrent visits are all counted. */
async function visit(id) {
  if (!(await data.get(`bookmark:${id}`))) throw Object.assign(new Error("no such bookmark"), { status: 404 });
  const updated = await data.add(`bookmark:${id}`, "visits", 1);
  return updated.visits;
}

module.exports = { list, inFolder, find, create, importMany, remove, visit };

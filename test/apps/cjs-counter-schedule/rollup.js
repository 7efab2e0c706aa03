const { data } = require("@serverless/cloud");

async function computeRollup() {
  const pages = {};
  let total = 0;
  let page = await data.get("views:*", { limit: 100 });
  for (;;) {
    for (const { key, value } of page.items) {
      const name = key.split(":")[1];
      pages[name] = value;
      total += value;
    }
    if (!page.next) break;
    page = await page.next();
  }
  const rollup = { pages, total, at: new Date().toISOString() };
  await data.set("rollup:latest", rollup, { overwrite: true });
  return rollup;
}

module.exports = { computeRollup };

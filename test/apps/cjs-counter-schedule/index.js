const { api, data, schedule } = require("@serverless/cloud");
const { computeRollup } = require("./rollup");

api.post("/hit/:page", async (req, res) => {
  const views = await data.add(`views:${req.params.page}`, 1);
  res.json({ page: req.params.page, views });
});

api.get("/stats/:page", async (req, res) => {
  const views = await data.get(`views:${req.params.page}`);
  res.json({ page: req.params.page, views: views || 0 });
});

api.get("/rollup", async (req, res) => {
  res.json((await data.get("rollup:latest")) || { pages: {}, total: 0, at: null });
});

const rollup = schedule.every("5 minutes", async () => {
  const { total } = await computeRollup();
  console.log("rollup done", total);
});

const nightlyReset = schedule.cron("0 3 * * ? *", async () => {
  const { items } = await data.get("views:*", { limit: 1000 });
  await Promise.all(items.map((i) => data.set(i.key, 0)));
  console.log("reset", items.length);
});

module.exports = { rollup, nightlyReset };

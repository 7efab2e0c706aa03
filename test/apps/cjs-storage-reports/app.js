const { api, schedule, storage, data } = require("@serverless/cloud");
const reports = require("./lib/reports");

const today = () => new Date().toISOString().slice(0, 10);

api.post("/sales", async (req, res) => {
  const { product, amount, day = today() } = req.body || {};
  if (!product || typeof amount !== "number") return res.status(400).send({ error: "product and numeric amount required" });
  res.status(201).send(await reports.recordSale({ product, amount, day }));
});

api.post("/reports/:day", async (req, res) => {
  res.send(await reports.buildReport(req.params.day));
});

api.get("/reports/:day", async (req, res) => {
  const csv = await storage.readBuffer(`reports/${req.params.day}.csv`);
  if (!csv) return res.status(404).send({ error: "no report for that day" });
  res.set("content-type", "text/csv").send(csv.toString("utf8"));
});

api.get("/reports/:day/link", async (req, res) => {
  const url = await reports.reportLink(req.params.day);
  url ? res.send({ url }) : res.status(404).send({ error: "no report for that day" });
});

api.get("/reports/:day/meta", async (req, res) => {
  const meta = await data.get(`report:${req.params.day}`);
  meta ? res.send(meta) : res.sendStatus(404);
});

storage.on("write:reports/*.csv", async (event) => {
  const info = await storage.stat(event.path);
  const day = event.path.replace(/^reports\//, "").replace(/\.csv$/, "");
  await data.set(`report:${day}`, { path: event.path, size: info.size, rows: Number(info.metadata && info.metadata.rows) });
});

module.exports.daily = schedule.every("1 day", async () => {
  const yesterday = new Date(Date.now() - 864e5).toISOString().slice(0, 10);
  await reports.buildReport(yesterday);
});

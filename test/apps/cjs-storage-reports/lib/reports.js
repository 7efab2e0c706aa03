const { data, storage } = require("@serverless/cloud");
const { toCsv } = require("./csv");

async function recordSale(sale) {
  const id = `${sale.day}-${Math.random().toString(36).slice(2, 8)}`;
  await data.set(`sale:${id}`, { id, ...sale }, { label1: `day:${sale.day}:${id}` });
  return { id, ...sale };
}

async function buildReport(day) {
  const { items } = await data.getByLabel("label1", `day:${day}:*`);
  const rows = items.map(({ value }) => ({ id: value.id, product: value.product, amount: value.amount }));
  const path = `reports/${day}.csv`;
  await storage.write(path, toCsv(rows), { type: "text/csv", metadata: { rows: String(rows.length) } });
  return { path, rows: rows.length };
}

async function reportLink(day) {
  const path = `reports/${day}.csv`;
  if (!(await storage.exists(path))) return null;
  return storage.getDownloadUrl(path, 3600);
}

module.exports = { recordSale, buildReport, reportLink };

"use strict";
const { data } = require("@serverless/cloud");

const LOW_STOCK = 5;

function validateSku(sku) {
  if (!/^[A-Z0-9-]{3,20}$/.test(sku || "")) {
    throw new TypeError(`invalid sku: ${sku}`);
  }
  return sku;
}

async function getItem(sku) {
  return data.get(`item:${validateSku(sku)}`);
}

async function listItems(location) {
  if (location) {
    const result = await data.getByLabel("label1", `location:${location}:*`);
    return result.items.map((i) => i.value);
  }
  const result = await data.get("item:*");
  return result.items.map((i) => i.value);
}

async function putItem(sku, { name, location = "main", qty = 0 }) {
  validateSku(sku);
  return data.set(`item:${sku}`, { sku, name, location, qty }, { label1: `location:${location}:${sku}`, overwrite: true });
}

async function adjust(sku, delta) {
  const current = await getItem(sku);
  if (!current) return null;
  return data.add(`item:${sku}`, "qty", delta);
}

async function lowStockAlerts() {
  const result = await data.get("alert:*");
  return result.items.map((i) => i.value);
}

module.exports = { LOW_STOCK, validateSku, getItem, listItems, putItem, adjust, lowStockAlerts };

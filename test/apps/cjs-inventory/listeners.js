"use strict";
const { data } = require("@serverless/cloud");
const { LOW_STOCK } = require("./lib/items");

data.on(["created:item:*", "updated:item:*"], async ({ item, previous }) => {
  const { sku, qty } = item.value;
  const wasLow = previous && previous.value.qty < LOW_STOCK;
  if (qty < LOW_STOCK && !wasLow) {
    await data.set(`alert:${sku}`, { sku, qty, at: new Date().toISOString() });
  } else if (qty >= LOW_STOCK && wasLow) {
    await data.remove(`alert:${sku}`);
  }
});

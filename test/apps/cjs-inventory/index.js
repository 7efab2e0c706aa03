"use strict";
const { api } = require("@serverless/cloud");

// every route file exports (api) => void
require("./routes/items")(api);
require("./routes/stock")(api);

require("./listeners");

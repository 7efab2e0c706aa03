// Written for the hosted @serverless/cloud platform; iac accepts the module
// name as an alias, so this runs unchanged. The whole HTTP surface is an
// ordinary Express app; unmatched paths fall back to the single-page app.
const { http } = require("@serverless/cloud");
const app = require("./app");

http.use(app);
http.on(404, "index.html");

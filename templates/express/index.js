// iac serves this Express app as the app's whole HTTP surface.
const { http } = require("iac");
const app = require("./app");

http.use(app);

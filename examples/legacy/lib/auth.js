const { params } = require("@serverless/cloud");

/** Express middleware: the `x-api-key` header must match the stage's API_KEY param. */
function requireApiKey(req, res, next) {
  const expected = params.API_KEY;
  // Fail closed: a stage without the param accepts no writes at all.
  if (!expected) return res.status(503).json({ error: "API_KEY is not set for this stage" });
  if (req.get("x-api-key") !== expected) return res.status(401).json({ error: "missing or wrong x-api-key" });
  next();
}

module.exports = { requireApiKey };

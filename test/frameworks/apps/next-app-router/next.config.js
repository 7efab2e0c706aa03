const { withCloud } = require("@serverless/cloud/nextjs");

module.exports = withCloud({ poweredByHeader: false });

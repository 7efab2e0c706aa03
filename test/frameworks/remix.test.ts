/**
 * A Remix app end to end (docs/frameworks.md; test/frameworks/apps/remix):
 * `iac build` spawned as users run it (`remix vite:build` with the plugin
 * from `@serverless/cloud/remix` after Remix's),
 * then the test matrix's checks (test/matrix): every function loads as
 * Lambda loads it, the HTTP function renders routes whose `loader`
 * reads `data` and a resource route, and answers the SDK's
 * routes from API Gateway v2 events against dynalite, and the app's own API
 * tests pass under `iac test`; and (served-app.ts) the server ships with
 * the HTTP function only, and a hashed asset reaches the static bucket
 * behind `/assets/*`. The global setup installs the pinned versions
 * (test/support/frameworks.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { defineMatrix } from "../matrix/matrix";
import { frameworkApp } from "../support/frameworks";
import { describeAssembly, describeCliBuild, type ServedApp } from "./served-app";

const REPO = path.resolve(__dirname, "..", "..");
const APP: ServedApp = {
  app: "remix",
  framework: "remix",
  serverFile: "index.js",
  functions: ["http", "schedule-rate-1-hour"],
  hashedPattern: "/assets/*",
  hashedPrefix: "assets",
  hashedDir: "build/client/assets",
  rootPath: "/robots.txt",
};

describeCliBuild(APP);

const dir = frameworkApp(APP.app);
defineMatrix([{ dir: path.relative(REPO, dir), checks: JSON.parse(fs.readFileSync(path.join(dir, "lambda-checks.json"), "utf8")) }]);

describeAssembly(APP);

/**
 * `iac test` with an app whose modules read params at load, imported at a
 * test file's top level (the supertest style): the platform configured the
 * instance before the app's and the test's code ran (sdk-contract.md,
 * "params"). One spawned `iac test` runs four test files: CommonJS
 * `require` of the app, ESM `import` of it, one that leaves loading the app
 * to iac, and one that takes the port chosen for its instance's server
 * before the server listens (the server moves, and CLOUD_URL with it).
 */
import { removeDir, runIac, writeApp } from "./support/cli";

const newApp = (files: Record<string, string>): string => writeApp(files, "iac-test-params-");

/** What each test file checks, whoever loaded the app. */
const SHARED_TESTS = [
  `test("params read at the test file's top level", () => {`,
  `  expect(topKey).toBe("key-123");`,
  `  expect(topUnset).toBeUndefined();`,
  `  expect(topUrl).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);`,
  `  expect(topUrl).toBe(params.CLOUD_URL);`,
  `});`,
  `test("routes answer with the param the app read at load, registered once", async () => {`,
  `  const { status, body } = await api.get("/client").invoke();`,
  `  expect(status).toBe(200);`,
  `  expect(body).toEqual({ apiKey: "key-123", unsetIsUndefined: true, cloudUrl: topUrl, loads: 1, passes: 1 });`,
  `  expect((await api.get("/greeting").invoke()).body).toEqual({ text: "seeded" });`,
  `});`,
  `test("CLOUD_URL read at the top level answers fetch", async () => {`,
  `  const response = await fetch(topUrl + "/client");`,
  `  expect((await response.json()).apiKey).toBe("key-123");`,
  `});`,
];

const APP = {
  "package.json": JSON.stringify({ name: "params-at-load", private: true, main: "index.js" }),
  ".iac/local/params.json": JSON.stringify({ API_KEY: "key-123" }),
  "data.json": JSON.stringify([{ key: "greeting:hello", value: { text: "seeded" } }]),
  "lib/client.js": [
    `const { params } = require("iac");`,
    `// A client made from params at module load, as apps do.`,
    `class Client {`,
    `  constructor(options) {`,
    `    if (!options.apiKey) throw new Error("Client: apiKey is required");`,
    `    this.apiKey = options.apiKey;`,
    `    this.missing = options.missing;`,
    `    this.cloudUrl = options.cloudUrl;`,
    `  }`,
    `}`,
    `module.exports = new Client({ apiKey: params.API_KEY, missing: params.NOT_SET, cloudUrl: params.CLOUD_URL });`,
    ``,
  ].join("\n"),
  "index.js": [
    `const { api, data } = require("@serverless/cloud");`,
    `const client = require("./lib/client");`,
    `// How many times this module ran in the test file's environment.`,
    `globalThis.__appLoads = (globalThis.__appLoads || 0) + 1;`,
    `// Read at load: the table holds data.json once the instance is up.`,
    `const greeting = data.get("greeting:hello");`,
    `api.use((req, res, next) => {`,
    `  req.passes = (req.passes || 0) + 1;`,
    `  next();`,
    `});`,
    `api.get("/client", (req, res) => {`,
    `  res.json({ apiKey: client.apiKey, unsetIsUndefined: client.missing === undefined, cloudUrl: client.cloudUrl, loads: globalThis.__appLoads, passes: req.passes });`,
    `});`,
    `api.get("/greeting", async (req, res) => res.json(await greeting));`,
    `module.exports = { client };`,
    ``,
  ].join("\n"),
  "__tests__/required.test.js": [
    `const app = require("../index.js");`,
    `const { api, params } = require("iac");`,
    `const topKey = params.API_KEY;`,
    `const topUnset = params.NOT_SET;`,
    `const topUrl = params.CLOUD_URL;`,
    `test("the app required at the top level made its client", () => {`,
    `  expect(app.client.apiKey).toBe("key-123");`,
    `});`,
    ...SHARED_TESTS,
    ``,
  ].join("\n"),
  "__tests__/imported.test.mjs": [
    `import app from "../index.js";`,
    `import { api, params } from "iac";`,
    `const topKey = params.API_KEY;`,
    `const topUnset = params.NOT_SET;`,
    `const topUrl = params.CLOUD_URL;`,
    `test("the app imported at the top level made its client", () => {`,
    `  expect(app.client.apiKey).toBe("key-123");`,
    `});`,
    ...SHARED_TESTS,
    ``,
  ].join("\n"),
  "__tests__/loaded-by-iac.test.js": [
    `const { api, params } = require("@serverless/cloud");`,
    `const topKey = params.API_KEY;`,
    `const topUnset = params.NOT_SET;`,
    `const topUrl = params.CLOUD_URL;`,
    ...SHARED_TESTS,
    ``,
  ].join("\n"),
  // Takes the port chosen for the file's server before the server listens.
  "__tests__/port-taken.test.js": [
    `const net = require("net");`,
    `const { api, params, storage } = require("iac");`,
    `const topUrl = params.CLOUD_URL;`,
    `const blocker = net.createServer().listen(Number(new URL(topUrl).port), "127.0.0.1");`,
    `afterAll(() => new Promise((resolve) => blocker.close(resolve)));`,
    `test("the server moved to another port; CLOUD_URL and signed URLs name it", async () => {`,
    `  expect(blocker.listening).toBe(true);`,
    `  expect(params.CLOUD_URL).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);`,
    `  expect(params.CLOUD_URL).not.toBe(topUrl);`,
    `  const response = await fetch(params.CLOUD_URL + "/client");`,
    `  expect((await response.json()).apiKey).toBe("key-123");`,
    `  await storage.write("a.txt", "moved");`,
    `  const url = await storage.getDownloadUrl("a.txt");`,
    `  expect(url.startsWith(params.CLOUD_URL + "/")).toBe(true);`,
    `  expect(await (await fetch(url)).text()).toBe("moved");`,
    `});`,
    ``,
  ].join("\n"),
};

describe("iac test: params at module load", () => {
  test("an app imported at a test file's top level reads params at load; routes answer, registered once", async () => {
    const dir = newApp(APP);
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).toMatch(/PASS .*required\.test\.js/);
      expect(run.stderr).toMatch(/PASS .*imported\.test\.mjs/);
      expect(run.stderr).toMatch(/PASS .*loaded-by-iac\.test\.js/);
      expect(run.stderr).toMatch(/PASS .*port-taken\.test\.js/);
      expect(run.stderr).toMatch(/Tests:\s+12 passed, 12 total/);
      expect(run.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});

/**
 * `iac test` as the test runner of apps written for Serverless Cloud: Jest
 * 27 matcher names and snapshot files, `data.json` loaded before the app,
 * `invoke()` headers as an HTTP client sees them, signed storage URLs and
 * `params.CLOUD_URL` that `fetch` can reach, and top-level `await` in an
 * ES module app. Each app runs in one spawned `iac test`.
 */
import * as fs from "fs";
import * as path from "path";
import { removeDir, runIac, writeApp } from "./support/cli";

const newApp = (files: Record<string, string>): string => writeApp(files, "iac-test-sls-");

const LEGACY_APP = {
  "package.json": JSON.stringify({ name: "legacy-app", private: true, main: "index.js" }),
  "data.json": JSON.stringify([{ key: "config:site", value: { title: "Seeded" }, label1: "kind:config" }]),
  "index.js": [
    `const { api, data } = require("@serverless/cloud");`,
    `// Read while the module loads: data.json must already be there.`,
    `const site = data.get("config:site");`,
    `api.get("/site", async (req, res) => {`,
    `  res.cookie("session", "abc");`,
    `  res.set("X-Custom", "yes");`,
    `  res.setHeader("X-Count", 5);`,
    `  res.json(await site);`,
    `});`,
    `api.get("/two-cookies", (req, res) => {`,
    `  res.cookie("a", "1");`,
    `  res.cookie("b", "2");`,
    `  res.send("ok");`,
    `});`,
    ``,
  ].join("\n"),
  "__tests__/legacy.test.js": [
    `const { api, data, storage, params } = require("@serverless/cloud");`,
    `test("Jest 27 matcher names", async () => {`,
    // Each matcher call counts once (the failing one inside counts too).
    `  expect.assertions(17);`,
    `  const fn = jest.fn((x) => x * 2);`,
    `  expect(fn).not.toBeCalled();`,
    `  fn(1);`,
    `  fn(2);`,
    `  expect(fn).toBeCalled();`,
    `  expect(fn).toBeCalledTimes(2);`,
    `  expect(fn).toBeCalledWith(1);`,
    `  expect(fn).lastCalledWith(2);`,
    `  expect(fn).nthCalledWith(1, 1);`,
    `  expect(fn).not.toBeCalledWith(3);`,
    `  expect(fn).toReturn();`,
    `  expect(fn).toReturnTimes(2);`,
    `  expect(fn).toReturnWith(4);`,
    `  expect(fn).lastReturnedWith(4);`,
    `  expect(fn).nthReturnedWith(1, 2);`,
    `  expect(() => { throw new TypeError("bad input"); }).toThrowError(/bad/);`,
    `  expect(() => undefined).not.toThrowError();`,
    `  await expect(Promise.reject(new Error("nope"))).rejects.toThrowError("nope");`,
    `  expect(() => expect(fn).toBeCalledTimes(3)).toThrowError(/toHaveBeenCalledTimes/);`,
    `});`,
    `test("a Jest 27 snapshot", () => {`,
    `  expect({ name: 'say "hi" and \\\\ back', list: [1, "two"] }).toMatchSnapshot();`,
    `});`,
    `test("data.json, and invoke() headers", async () => {`,
    `  const { status, headers, body } = await api.get("/site").invoke();`,
    `  expect(status).toBe(200);`,
    `  expect(body).toEqual({ title: "Seeded" });`,
    `  expect((await data.getByLabel("label1", "kind:*")).items.map((i) => i.key)).toEqual(["config:site"]);`,
    `  expect(headers["x-custom"]).toBe("yes");`,
    `  expect(headers["x-count"]).toBe("5");`,
    `  expect(headers["set-cookie"]).toEqual(["session=abc; Path=/"]);`,
    `  expect(Object.keys(headers).filter((n) => n !== n.toLowerCase())).toEqual([]);`,
    `  const two = await api.get("/two-cookies").invoke();`,
    `  expect(two.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);`,
    `});`,
    `test("signed storage URLs and CLOUD_URL answer fetch", async () => {`,
    `  await storage.write("docs/readme.txt", "hello file");`,
    `  const down = await fetch(await storage.getDownloadUrl("docs/readme.txt"));`,
    `  expect(down.status).toBe(200);`,
    `  expect(await down.text()).toBe("hello file");`,
    `  const up = await fetch(await storage.getUploadUrl("docs/upload.txt"), { method: "PUT", body: "uploaded" });`,
    `  expect(up.status).toBeLessThan(300);`,
    `  expect((await storage.readBuffer("docs/upload.txt")).toString()).toBe("uploaded");`,
    `  const site = await fetch(params.CLOUD_URL + "/site");`,
    `  expect(await site.json()).toEqual({ title: "Seeded" });`,
    `});`,
    ``,
  ].join("\n"),
  // As Jest 27 wrote it: `Object {` / `Array [`, escaped quotes and backslashes.
  "__tests__/__snapshots__/legacy.test.js.snap": String.raw`// Jest Snapshot v1, https://goo.gl/fbAQLP

exports[${"`"}a Jest 27 snapshot 1${"`"}] = ${"`"}
Object {
  "list": Array [
    1,
    "two",
  ],
  "name": "say \\"hi\\" and \\\\ back",
}
${"`"};
`,
};

const TLA_APP = {
  // The app's own snapshotFormat wins over the Serverless Cloud default (its snapshot has the old header).
  "package.json": JSON.stringify({
    name: "tla-app",
    private: true,
    type: "module",
    main: "index.js",
    jest: { snapshotFormat: { printBasicPrototype: false, escapeString: false } },
  }),
  "lib/db.js": [
    `import { params } from "@serverless/cloud";`,
    `async function connect(name) {`,
    `  await new Promise((resolve) => setTimeout(resolve, 20));`,
    `  return { name: "db@" + name };`,
    `}`,
    `export const client = await connect(params.APP_NAME);`,
    ``,
  ].join("\n"),
  "lib/settings.ts": [
    `const loaded: { greeting: string } = await Promise.resolve({ greeting: "hello" });`,
    `export const greeting: string = loaded.greeting;`,
    `export default loaded;`,
    ``,
  ].join("\n"),
  "index.js": [
    `import { api } from "@serverless/cloud";`,
    `import { client } from "./lib/db.js";`,
    `import settings, { greeting } from "./lib/settings.ts";`,
    `const config = await new Promise((resolve) => setTimeout(() => resolve({ version: 3, fileUrl: import.meta.url.startsWith("file:") }), 10));`,
    `api.get("/config", (req, res) => res.json({ config, db: client.name, greeting, settings }));`,
    ``,
  ].join("\n"),
  "config.test.js": [
    `import { api } from "@serverless/cloud";`,
    `test("a route uses values awaited at module top level", async () => {`,
    `  const { status, body } = await api.get("/config").invoke();`,
    `  expect(status).toBe(200);`,
    `  expect(body).toEqual({ config: { version: 3, fileUrl: true }, db: "db@tla-app", greeting: "hello", settings: { greeting: "hello" } });`,
    `  expect(body.config).toMatchSnapshot();`,
    `});`,
    ``,
  ].join("\n"),
  "__snapshots__/config.test.js.snap": [
    "// Jest Snapshot v1, https://goo.gl/fbAQLP",
    "",
    "exports[`a route uses values awaited at module top level 1`] = `",
    "{",
    '  "fileUrl": true,',
    '  "version": 3,',
    "}",
    "`;",
    "",
  ].join("\n"),
  "lib/broken.js": `export const value = await Promise.reject(new Error("the database is down"));\n`,
  "broken.test.js": `import { value } from "./lib/broken.js";\ntest("never runs", () => {\n  expect(value).toBeDefined();\n});\n`,
};

describe("iac test: apps written for Serverless Cloud", () => {
  // CI services set CI=true, which makes Jest refuse to write snapshots and check their headers strictly.
  test.each([
    ["in CI", "true"],
    ["on a developer's machine", "false"],
  ])("Jest 27 matchers and snapshots, data.json, invoke() headers, storage URLs and CLOUD_URL (%s)", async (_where, ci) => {
    const dir = newApp(LEGACY_APP);
    const snapshot = path.join(dir, "__tests__", "__snapshots__", "legacy.test.js.snap");
    try {
      const run = await runIac(["test", dir], { env: { CI: ci } });
      expect(run.stderr).toMatch(/Tests:\s+4 passed, 4 total/);
      expect(run.stderr).toMatch(/Snapshots:\s+1 passed, 1 total/);
      expect(run.code).toBe(0);
      // The user's snapshot file is left as written: its Jest 27 header is read as current.
      expect(fs.readFileSync(snapshot, "utf8")).toBe(LEGACY_APP["__tests__/__snapshots__/legacy.test.js.snap"]);
    } finally {
      removeDir(dir);
    }
  });

  test("a malformed data.json fails the file, naming data.json", async () => {
    const dir = newApp({
      "package.json": JSON.stringify({ name: "bad-data", private: true, main: "index.js" }),
      "data.json": `[{ "key": "a:1", "value": 1 },`,
      "index.js": `require("@serverless/cloud");\n`,
      "ok.test.js": `test("runs", () => {});\n`,
    });
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).toContain(`${path.join(dir, "data.json")}:1:31 is not valid JSON`);
      expect(run.code).toBe(1);
    } finally {
      removeDir(dir);
    }
  });

  test('top-level await in a "type": "module" app; a rejection fails the file, naming the module', async () => {
    const dir = newApp(TLA_APP);
    try {
      const run = await runIac(["test", dir], { env: { CI: "true" } });
      expect(run.stderr).toMatch(/PASS .*config\.test\.js/);
      expect(run.stderr).toMatch(/Snapshots:\s+1 passed, 1 total/);
      expect(run.stderr).toMatch(/FAIL .*broken\.test\.js/);
      expect(run.stderr).toContain(`${path.join(dir, "lib", "broken.js")} failed in its top-level await: Error: the database is down`);
      expect(run.stderr).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
      expect(run.code).toBe(1);
    } finally {
      removeDir(dir);
    }
  });
});

/**
 * `iac test` on what users' test files do beyond plain CommonJS/TypeScript:
 * `jest.mock` of an app module (hoisted above the imports, as babel-jest
 * does, with stacks still pointing at the test source), `.mjs`/`.mts` test
 * files, and an app whose package.json says `"type": "module"`.
 */
import { removeDir, runIac, writeApp } from "./support/cli";

const newApp = (files: Record<string, string>): string => writeApp(files, "iac-test-modules-");

const MAILER_APP = {
  "package.json": JSON.stringify({ name: "mailer-app", private: true, main: "index.ts" }),
  "index.ts": [
    `import { api } from "iac";`,
    `import { sendWelcome } from "./lib/mailer";`,
    `api.post("/signup", async (req, res) => {`,
    `  const receipt = await sendWelcome(req.body.email);`,
    `  res.status(201).json({ receipt });`,
    `});`,
    ``,
  ].join("\n"),
  // The real mailer must never run in tests: a test that gets it fails.
  "lib/mailer.ts": `export async function sendWelcome(email: string): Promise<string> {\n  throw new Error("the real mailer ran for " + email);\n}\n`,
};

describe("iac test: module systems and jest.mock", () => {
  test("jest.mock of an app module replaces it for the app and the test; stacks point at the source", async () => {
    const dir = newApp({
      ...MAILER_APP,
      "signup.test.ts": [
        `import { api } from "iac";`,
        `import { sendWelcome } from "./lib/mailer";`,
        ``,
        `jest.mock("./lib/mailer");`,
        ``,
        `test("signup mails through the mocked mailer", async () => {`,
        `  jest.mocked(sendWelcome).mockResolvedValue("mock-receipt");`,
        `  const res = await api.post("/signup").invoke({ email: "ada@example.com" });`,
        `  expect(res.status).toBe(201);`,
        `  expect(res.body).toEqual({ receipt: "mock-receipt" });`,
        `  expect(sendWelcome).toHaveBeenCalledWith("ada@example.com");`,
        `});`,
        ``,
      ].join("\n"),
      // @jest/globals' jest, with a factory: hoisted too. The failure's stack must name line 9 of this file.
      "factory.test.ts": [
        `import { jest } from "@jest/globals";`,
        `import { sendWelcome } from "./lib/mailer";`,
        `jest.mock("./lib/mailer", () => ({ sendWelcome: jest.fn(async () => "from-factory") }));`,
        `test("the factory's mock is used", async () => {`,
        `  await expect(sendWelcome("x")).resolves.toBe("from-factory");`,
        `});`,
        `test("a failure is located in the test source", () => {`,
        `  const here = "after the hoisted mock";`,
        `  throw new Error("located failure " + here);`,
        `});`,
        ``,
      ].join("\n"),
    });
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).not.toContain("the real mailer ran");
      expect(run.stderr).toMatch(/Tests:\s+1 failed, 2 passed, 3 total/);
      expect(run.stderr).toContain("located failure after the hoisted mock");
      expect(run.stderr).toMatch(/factory\.test\.ts:9:9/);
      expect(run.code).toBe(1);
    } finally {
      removeDir(dir);
    }
  });

  test(".mjs and .mts test files run, with import.meta and jest.mock", async () => {
    const dir = newApp({
      ...MAILER_APP,
      "signup.test.mjs": [
        `import { jest } from "@jest/globals";`,
        `import * as path from "node:path";`,
        `import { api } from "iac";`,
        `import { sendWelcome } from "./lib/mailer";`,
        `jest.mock("./lib/mailer", () => ({ sendWelcome: async () => "mjs-receipt" }));`,
        `test("an .mjs test file", async () => {`,
        `  expect(path.basename(new URL(import.meta.url).pathname)).toBe("signup.test.mjs");`,
        `  expect(import.meta.filename).toBe(path.join(import.meta.dirname, "signup.test.mjs"));`,
        `  const res = await api.post("/signup").invoke({ email: "a@b.c" });`,
        `  expect(res.body).toEqual({ receipt: "mjs-receipt" });`,
        `  expect(typeof sendWelcome).toBe("function");`,
        `});`,
        ``,
      ].join("\n"),
      "signup.test.mts": [
        `import { api } from "iac";`,
        `jest.mock("./lib/mailer", () => ({ sendWelcome: async (email: string) => "mts:" + email }));`,
        `test("an .mts test file", async () => {`,
        `  const res = await api.post("/signup").invoke({ email: "a@b.c" });`,
        `  expect(res.body).toEqual({ receipt: "mts:a@b.c" });`,
        `});`,
        ``,
      ].join("\n"),
    });
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).toContain("signup.test.mjs");
      expect(run.stderr).toContain("signup.test.mts");
      expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
      expect(run.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });

  test('an app with "type": "module" (ESM .js app and tests) runs', async () => {
    const dir = newApp({
      "package.json": JSON.stringify({ name: "esm-app", private: true, type: "module", main: "index.js" }),
      "index.js": [
        `import { api, data } from "iac";`,
        `import { greeting } from "./lib/greet.js";`,
        `api.get("/hello/:name", async (req, res) => {`,
        `  await data.set("seen:" + req.params.name, { at: 1 });`,
        `  res.json({ message: greeting(req.params.name) });`,
        `});`,
        ``,
      ].join("\n"),
      "lib/greet.js": `export function greeting(name) {\n  return "hello " + name;\n}\n`,
      "hello.test.js": [
        `import { api, data } from "iac";`,
        `test("the ESM app answers", async () => {`,
        `  const res = await api.get("/hello/ada").invoke();`,
        `  expect(res.status).toBe(200);`,
        `  expect(res.body).toEqual({ message: "hello ada" });`,
        `  expect(await data.get("seen:ada")).toEqual({ at: 1 });`,
        `});`,
        ``,
      ].join("\n"),
      "__tests__/mocked.js": [
        `import { jest } from "@jest/globals";`,
        `import { api } from "iac";`,
        `jest.mock("../lib/greet.js", () => ({ greeting: (name) => "mocked " + name }));`,
        `test("jest.mock in an ESM package", async () => {`,
        `  const res = await api.get("/hello/bob").invoke();`,
        `  expect(res.body).toEqual({ message: "mocked bob" });`,
        `});`,
        ``,
      ].join("\n"),
    });
    try {
      const run = await runIac(["test", dir]);
      expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
      expect(run.stderr).not.toMatch(/experimental-vm-modules|failed/);
      expect(run.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});

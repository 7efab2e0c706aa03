/**
 * `iac test` on every example and template (their own tests must pass), and
 * on an app with a failing test (non-zero exit, the failure shown).
 */
import * as fs from "fs";
import * as path from "path";
import { copyApp, removeDir, runIac } from "./support/cli";

const APPS = ["examples/todo", "examples/media", "examples/legacy", "templates/ts-api", "templates/js-api", "templates/express", "templates/static-site"];

describe("iac test", () => {
  test.each(APPS)("passes on %s", async (app) => {
    // legacy's writes need the API_KEY param of the local stage.
    const run = await runIac(["test", app], { env: { IAC_PARAM_API_KEY: "test-key" } });
    expect(run.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
  });

  test("a failing test fails the run and is shown", async () => {
    const dir = copyApp("templates/js-api");
    try {
      fs.writeFileSync(
        path.join(dir, "broken.test.js"),
        `const { api } = require("iac");\ntest("expects the impossible", async () => {\n  const { status } = await api.get("/nowhere-at-all").invoke();\n  expect(status).toBe(299);\n});\n`,
      );
      const run = await runIac(["test", dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("expects the impossible");
      expect(run.stderr).toMatch(/Expected: 299\s+Received: 404/);
    } finally {
      removeDir(dir);
    }
  });

  test("a pattern selects test files; params come from .iac/<stage>/params.json", async () => {
    const dir = copyApp("examples/legacy");
    try {
      fs.mkdirSync(path.join(dir, ".iac", "ci"), { recursive: true });
      fs.writeFileSync(path.join(dir, ".iac", "ci", "params.json"), JSON.stringify({ API_KEY: "from-file" }));
      fs.writeFileSync(
        path.join(dir, "params.test.js"),
        `const { params } = require("@serverless/cloud");\ntest("reads the stage's params", () => {\n  expect(params.API_KEY).toBe("from-file");\n  expect(params.INSTANCE_NAME).toBe("ci");\n});\n`,
      );
      const run = await runIac(["test", "params", dir, "--stage", "ci"]);
      expect(run.stderr).toContain("params.test.js");
      expect(run.stderr).not.toContain("index.test.js");
      expect(run.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
});

/**
 * One rule everywhere (docs/cli.md): the default stage is `dev` for every
 * command that has one, and the local instance's former default folder
 * (`.iac/local`) moves to `.iac/dev` with its data and params; the entry
 * module is found by the same rule in graph, build, dev and test.
 */
import * as fs from "fs";
import * as path from "path";
import { removeDir, runIac, startDev, writeApp } from "./support/cli";

const INDEX = 'import { api, params } from "iac";\napi.get("/who", (_req, res) => res.json({ who: params.WHO ?? null, stage: params.INSTANCE_NAME }));\n';
const WHO_TEST =
  'import { api, params } from "iac";\nimport "./index";\ntest("params", async () => {\n  expect(params.WHO).toBe(process.env.EXPECTED_WHO);\n  expect(params.INSTANCE_NAME).toBe("dev");\n});\n';

describe("the default stage is dev", () => {
  test("params --local, iac test and iac dev all use .iac/dev; iac build builds <app>-dev", async () => {
    const dir = writeApp({ "package.json": '{ "name": "staged" }\n', "index.ts": INDEX, "who.test.ts": WHO_TEST });
    try {
      expect((await runIac(["params", "set", "WHO", "dev-value", "--local", "--dir", dir])).code).toBe(0);
      expect(fs.existsSync(path.join(dir, ".iac", "dev", "params.json"))).toBe(true);
      const tested = await runIac(["test", dir, "--no-analysis"], { env: { EXPECTED_WHO: "dev-value" } });
      expect(tested.stderr).toMatch(/Tests:\s+1 passed/);
      const dev = await startDev(dir, ["--no-analysis"]);
      try {
        expect(await (await fetch(`${dev.url}/who`)).json()).toEqual({ who: "dev-value", stage: "dev" });
        expect(dev.output()).toContain("(stage dev)");
      } finally {
        await dev.stop();
      }
      const built = await runIac(["build", dir, "--format", "json"]);
      expect(JSON.parse(built.stdout).stackName).toBe("staged-dev");
    } finally {
      removeDir(dir);
    }
  });

  test(".iac/local (the former default) moves to .iac/dev with its data and params, said once; --stage local still works", async () => {
    const dir = writeApp({ "package.json": '{ "name": "moved" }\n', "index.ts": INDEX });
    try {
      const items = path.join(dir, "items.json");
      fs.writeFileSync(items, JSON.stringify([{ key: "note:kept", value: { text: "written before the move" } }]));
      expect((await runIac(["data", "import", items, "--dir", dir, "--stage", "local"])).code).toBe(0);
      expect((await runIac(["params", "set", "WHO", "from-local", "--local", "--stage", "local", "--dir", dir])).code).toBe(0);
      expect(fs.existsSync(path.join(dir, ".iac", "dev"))).toBe(false);

      const exported = await runIac(["data", "export", "--dir", dir]);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(/moved .*\.iac[\\/]local to .*\.iac[\\/]dev/);
      expect(JSON.parse(exported.stdout)).toEqual([{ key: "note:kept", value: { text: "written before the move" } }]);
      expect(fs.existsSync(path.join(dir, ".iac", "local"))).toBe(false);
      const listed = await runIac(["params", "list", "--local", "--dir", dir, "--format", "json"]);
      expect(JSON.parse(listed.stdout).params).toEqual([{ name: "WHO", value: "from-local", secret: false }]);
      expect(listed.stderr).not.toMatch(/moved/);

      // An explicit --stage local is a stage like any other: a new, empty one now.
      const local = await runIac(["data", "export", "--dir", dir, "--stage", "local"]);
      expect(JSON.parse(local.stdout)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});

describe("the entry rule is the same for graph, build, dev and test", () => {
  const TEST = 'import { api } from "iac";\ntest("answers", async () => {\n  expect((await api.get("/who").invoke()).status).toBe(200);\n});\n';

  test("index.mts (no main) is the entry for every command", async () => {
    const dir = writeApp({ "package.json": '{ "name": "mts" }\n', "index.mts": INDEX, "who.test.ts": TEST });
    try {
      const graph = await runIac(["graph", dir, "--format", "json"]);
      expect(graph.code).toBe(0);
      expect(JSON.parse(graph.stdout).graph.app.entry).toBe("index.mts");
      expect((await runIac(["test", dir])).stderr).toMatch(/Tests:\s+1 passed/);
      const dev = await startDev(dir, ["--no-analysis"]);
      try {
        expect((await fetch(`${dev.url}/who`)).status).toBe(200);
      } finally {
        await dev.stop();
      }
    } finally {
      removeDir(dir);
    }
  });

  test('"main": "index.js" finds index.ts beside it, in every command', async () => {
    const dir = writeApp({ "package.json": '{ "name": "js-main", "main": "index.js" }\n', "index.ts": INDEX, "who.test.ts": TEST });
    try {
      const graph = await runIac(["graph", dir, "--format", "json"]);
      expect(JSON.parse(graph.stdout)).toMatchObject({ ok: true, graph: { app: { entry: "index.ts" } }, diagnostics: [] });
      expect((await runIac(["test", dir])).stderr).toMatch(/Tests:\s+1 passed/);
    } finally {
      removeDir(dir);
    }
  });

  test("app.ts without main is no entry, for every command alike (exit 1, the names looked for)", async () => {
    const dir = writeApp({ "package.json": '{ "name": "no-entry" }\n', "app.ts": INDEX });
    try {
      const looked = /index\.ts, index\.mts, index\.cts, index\.js, index\.mjs, index\.cjs/;
      for (const args of [
        ["graph", dir],
        ["build", dir],
        ["test", dir],
        ["dev", dir, "--port", "0"],
      ]) {
        const run = await runIac(args);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(looked);
      }
    } finally {
      removeDir(dir);
    }
  });
});

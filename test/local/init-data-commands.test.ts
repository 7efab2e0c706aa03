/** `iac init` (list, create, refuse, then `iac test` in the new app) and `iac data export/import`. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyApp, removeDir, runIac } from "./support/cli";

describe("iac init", () => {
  test("lists the templates with their descriptions", async () => {
    const run = await runIac(["init"]);
    expect(run.code).toBe(0);
    for (const name of ["ts-api", "js-api", "express", "static-site"]) expect(run.stdout).toContain(name);
    expect(run.stdout).toContain("TypeScript API: JSON routes over data");
  });

  test("creates an app whose tests pass, and refuses a non-empty folder", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "iac-init-"));
    const dir = path.join(parent, "My Notes");
    try {
      const created = await runIac(["init", dir, "--template", "ts-api"]);
      expect(created.code).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name).toBe("my-notes");
      expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).not.toContain("{{name}}");
      expect(fs.existsSync(path.join(dir, ".gitignore"))).toBe(true);

      const tested = await runIac(["test", dir]);
      expect(tested.stderr).toMatch(/Tests:\s+\d+ passed/);
      expect(tested.code).toBe(0);

      const again = await runIac(["init", dir, "--template", "js-api"]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("is not empty");
      const forced = await runIac(["init", dir, "--template", "js-api", "--force"]);
      expect(forced.code).toBe(0);
      expect(fs.existsSync(path.join(dir, "index.js"))).toBe(true);

      const unknown = await runIac(["init", path.join(parent, "x"), "--template", "ts"]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('did you mean "ts-api"');
    } finally {
      removeDir(parent);
    }
  });
});

describe("iac init and the app's dependencies", () => {
  test("a new app declares iac (as iac, from iac-compiler) and says to npm install it", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "iac-init-deps-"));
    try {
      const run = await runIac(["init", "shop", "--template", "express"], { cwd: parent });
      expect(run.code).toBe(0);
      const manifest = JSON.parse(fs.readFileSync(path.join(parent, "shop", "package.json"), "utf8"));
      const version = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;
      expect(manifest.devDependencies).toEqual({ iac: `npm:iac-compiler@^${version}` });
      expect(manifest.dependencies).toEqual({ express: expect.any(String) });
      expect(manifest.scripts).toMatchObject({ dev: "iac dev", test: "iac test", build: "iac build" });
      expect(run.stdout).toContain("`npm install` fetches what the app declares and does not have yet: express, iac.");
      expect(run.stdout).toMatch(/Next:\n  cd shop\n  npm install\n  npx iac dev\n$/);
    } finally {
      removeDir(parent);
    }
  });

  test("a folder holding only what npm init left is empty enough: its package.json is merged, not replaced", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-init-merge-"));
    try {
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({
          name: "mine",
          version: "2.0.0",
          main: "index.js",
          scripts: { test: 'echo "Error: no test specified" && exit 1', lint: "eslint ." },
          dependencies: { zod: "^3.0.0" },
        }),
      );
      fs.mkdirSync(path.join(dir, "node_modules"));
      const run = await runIac(["init", ".", "--template", "ts-api"], { cwd: dir });
      expect(run.code).toBe(0);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      expect(manifest).toMatchObject({ name: "mine", version: "2.0.0", main: "index.ts", dependencies: { zod: "^3.0.0" } });
      expect(manifest.scripts).toEqual({ dev: "iac dev", test: "iac test", build: "iac build", typecheck: "tsc --noEmit", lint: "eslint ." });
      expect(Object.keys(manifest.devDependencies)).toEqual(["@types/jest", "@types/node", "iac", "typescript"]);
      expect(run.stdout).toMatch(/Next:\n  npm install\n  npx iac dev\n$/);
      // Anything else in the folder still needs --force.
      const again = await runIac(["init", ".", "--template", "ts-api"], { cwd: dir });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/is not empty \(\.gitignore, README\.md, index\.test\.ts, \.\.\.\); choose an empty folder or pass --force/);
    } finally {
      removeDir(dir);
    }
  });
});

describe("iac data", () => {
  test("import then export round-trips items with labels, and keeps existing keys unless --overwrite, which replaces only those", async () => {
    const dir = copyApp("examples/legacy");
    try {
      const file = path.join(dir, "in.json");
      const items = [
        { key: "bookmark:a", value: { id: "a", title: "A" }, label2: "folder:docs:a" },
        { key: "bookmark:b", value: { id: "b", title: "B" } },
        { key: "simple", value: 42 },
      ];
      fs.writeFileSync(file, JSON.stringify(items));
      const imported = await runIac(["data", "import", file, "--dir", dir]);
      expect(imported.stderr).toContain("imported 3 of 3");
      expect(imported.code).toBe(0);

      const out = path.join(dir, "out.json");
      const exported = await runIac(["data", "export", out, "--dir", dir]);
      expect(exported.code).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(items.slice().sort((x, y) => (x.key < y.key ? -1 : 1)));

      fs.writeFileSync(file, JSON.stringify([{ key: "bookmark:a", value: { id: "a", title: "changed" } }]));
      const kept = await runIac(["data", "import", file, "--dir", dir]);
      expect(kept.stderr).toContain("imported 0 of 1");
      await runIac(["data", "import", file, "--dir", dir, "--overwrite"]);
      const stdout = await runIac(["data", "export", "--dir", dir]);
      expect(JSON.parse(stdout.stdout)).toContainEqual({ key: "bookmark:a", value: { id: "a", title: "changed" } });
      // --overwrite replaces the keys imported, not the rest (data.seed(items, true) would remove it all).
      expect(JSON.parse(stdout.stdout)).toContainEqual({ key: "bookmark:b", value: { id: "b", title: "B" } });
    } finally {
      removeDir(dir);
    }
  });

  test("a malformed file is reported with exit code 1", async () => {
    const dir = copyApp("templates/js-api");
    try {
      fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ nope: true }));
      const run = await runIac(["data", "import", path.join(dir, "bad.json"), "--dir", dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("expected an array");
    } finally {
      removeDir(dir);
    }
  });
});

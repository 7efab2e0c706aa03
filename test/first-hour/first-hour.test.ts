/**
 * A new user's first hour, from the package as npm would publish it: `npm
 * pack` (with its prepare step, the build) of the repository's sources, the tarball installed in an empty folder outside
 * the repository under the name apps use (`iac@npm:iac-compiler`, here
 * `iac@file:<tarball>`), then for every template: `iac init`, `iac build`,
 * `iac test`, `iac dev` (started, one request answered, stopped) and, for
 * the TypeScript ones, `tsc --noEmit` (the templates' Jest and Node types,
 * the SDK's own types). One install serves every app: the apps sit in
 * subfolders and resolve from it, and the test checks that it holds every
 * dependency each app declares. The install reuses npm's cache
 * (`--prefer-offline`). Budget: 150 s on 2 cores.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const TEMPLATES = fs
  .readdirSync(path.join(REPO, "templates"))
  .filter((t) => fs.existsSync(path.join(REPO, "templates", t, "package.json")))
  .sort();
/** The templates written in TypeScript: `tsc --noEmit` checks each after `iac init`. */
const TYPED = ["static-site", "ts-api"];
/** A route each template answers, for the one request to `iac dev`. */
const PROBE: Record<string, { path: string; status: number }> = {
  "ts-api": { path: "/notes", status: 200 },
  "js-api": { path: "/contacts", status: 200 },
  express: { path: "/health", status: 200 },
  "static-site": { path: "/", status: 200 },
};

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { name: string; version: string };
let work: string;
let iac: string;
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
delete env.FORCE_COLOR;

function run(command: string, args: string[], cwd: string, timeoutMs = 60_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: timeoutMs });
  if (result.error) throw result.error;
  return result;
}

function expectOk(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

/** Every dependency a template's package.json declares, as `name@range`. */
function templateDependencies(): string[] {
  const specs = new Set<string>();
  for (const t of TEMPLATES) {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "templates", t, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    for (const field of ["dependencies", "devDependencies"]) for (const [name, range] of Object.entries(pkg[field] ?? {})) specs.add(`${name}@${range}`);
  }
  return [...specs].sort();
}

beforeAll(() => {
  expect(manifest.name).toBe("iac-compiler");
  work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-first-hour-"));
  expect(path.relative(REPO, work).startsWith("..")).toBe(true);
  // Packed from a copy of the sources, so npm's prepare (the build) writes the copy's dist/, not the
  // repository's, which other tests run from meanwhile; the copy borrows the repository's node_modules.
  const source = path.join(work, "source");
  for (const entry of ["package.json", "README.md", "bin", "src", "templates", "scripts", "tsconfig.json", "tsconfig.build.json"]) {
    fs.cpSync(path.join(REPO, entry), path.join(source, entry), { recursive: true, filter: (p) => !/[\\/](node_modules|\.iac|cdk\.out)$/.test(p) });
  }
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(source, "node_modules"), "dir");
  const packed = run("npm", ["pack", "--json", "--pack-destination", work], source, 120_000);
  expectOk(packed, "npm pack");
  const tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "first-hour", private: true }, null, 2));
  const installed = run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `iac@file:${tarball}`, ...templateDependencies()],
    work,
    120_000,
  );
  expectOk(installed, "npm install");
  iac = path.join(work, "node_modules", ".bin", "iac");
}, 150_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the package installs under the name iac, with the iac command and the SDK's types", () => {
  const installed = JSON.parse(fs.readFileSync(path.join(work, "node_modules", "iac", "package.json"), "utf8")) as { name: string };
  expect(installed.name).toBe("iac-compiler");
  expect(fs.existsSync(path.join(work, "node_modules", "iac", "dist", "runtime", "index.d.ts"))).toBe(true);
  const help = run(iac, ["--help"], work);
  expectOk(help, "iac --help");
  expect(help.stdout).toContain("iac init");
});

describe.each(TEMPLATES)("template %s", (template) => {
  let app: string;

  test("iac init: the app declares iac and everything it needs is installed", () => {
    const created = run(iac, ["init", path.join("apps", template), "--template", template, "--format", "json"], work);
    expectOk(created, "iac init");
    const result = JSON.parse(created.stdout) as { dir: string; missing: string[]; next: string[] };
    app = result.dir;
    expect(result.missing).toEqual([]);
    expect(result.next).toEqual([`cd ${path.join("apps", template)}`, "npx iac dev"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    expect(pkg.devDependencies.iac).toBe(`npm:iac-compiler@^${manifest.version}`);
    for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies)]) {
      expect(require.resolve(`${name}/package.json`, { paths: [app] }).startsWith(path.join(work, "node_modules"))).toBe(true);
    }
  });

  test("iac build, right after init", () => {
    const built = run(iac, ["build", "--format", "json"], app, 90_000);
    expectOk(built, "iac build");
    const summary = JSON.parse(built.stdout) as { ok: boolean; stackName: string; templatePath: string };
    expect(summary).toMatchObject({ ok: true, stackName: `${template}-dev` });
    expect(fs.existsSync(summary.templatePath)).toBe(true);
  });

  test("iac test", () => {
    const tested = run(iac, ["test", "--ci"], app, 90_000);
    expectOk(tested, "iac test");
    expect(tested.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  });

  test("iac dev: started, one request answered, stopped", async () => {
    const child = spawn(iac, ["dev", "--port", "0", "--no-analysis"], { cwd: app, env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      let url: string | undefined;
      while (!(url = /at (http:\/\/localhost:\d+)/.exec(out)?.[1])) {
        if (Date.now() > deadline) throw new Error(`iac dev printed no URL:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const probe = PROBE[template] ?? { path: "/", status: 200 };
      const res = await fetch(`${url}${probe.path}`);
      expect(res.status).toBe(probe.status);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(out).not.toMatch(/internal error/);
  });

  // Only the TypeScript templates have types to check (TYPED below says which they are).
  if (TYPED.includes(template)) {
    test("tsc --noEmit: the templates' Jest and Node types, and the SDK's", () => {
      const checked = run(path.join(work, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", app], work);
      expectOk(checked, "tsc --noEmit");
    });
  }
});

test("the TypeScript templates, whose types are checked above, are the ones with a tsconfig.json", () => {
  expect(TEMPLATES.filter((t) => fs.existsSync(path.join(REPO, "templates", t, "tsconfig.json")))).toEqual(TYPED);
});

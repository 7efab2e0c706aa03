/**
 * Web-framework apps for test/frameworks: each app of test/frameworks/apps
 * copied to `.test-cache/frameworks/<name>` (support/test-cache.ts: inside the repository, outside
 * node_modules: Next's compilers treat a project under node_modules as a
 * package and do not compile its JSX), its pinned framework installed there
 * by npm (once per package.json; on a fresh machine the installs run side by side),
 * and the SDK placed as an installed `@serverless/cloud` package would be
 * (iac's package.json and dist/, its own dependencies found in the
 * repository's node_modules above). The test run's global setup does it,
 * so a fresh clone's `npm test` needs nothing else; a failed install fails
 * the run.
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { TEST_CACHE_ROOT } from "./test-cache";

const REPO = path.resolve(__dirname, "..", "..");
const SOURCES = path.join(REPO, "test", "frameworks", "apps");
const CACHE = path.join(TEST_CACHE_ROOT, "frameworks");
/** What the framework's build and iac leave in a working copy; never copied from the sources, never removed by a refresh. */
const KEPT = new Set(["node_modules", ".next", ".svelte-kit", "build", ".astro", "dist", ".iac", "cdk.out", ".installed"]);

function copySources(from: string, to: string): void {
  for (const e of fs.readdirSync(to, { withFileTypes: true })) if (!KEPT.has(e.name)) fs.rmSync(path.join(to, e.name), { recursive: true, force: true });
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) =>
      !path
        .relative(from, src)
        .split(path.sep)
        .some((p) => KEPT.has(p)),
  });
}

function placeSdk(appDir: string): void {
  const sdk = path.join(appDir, "node_modules", "@serverless", "cloud");
  fs.rmSync(sdk, { recursive: true, force: true });
  fs.mkdirSync(sdk, { recursive: true });
  fs.copyFileSync(path.join(REPO, "package.json"), path.join(sdk, "package.json"));
  fs.cpSync(path.join(REPO, "dist"), path.join(sdk, "dist"), { recursive: true });
}

/**
 * Installs (when its package.json changed) and refreshes every framework
 * app; global setup, after dist/ is built. The installs run side by side:
 * on a fresh machine they are mostly waiting on the registry.
 */
export async function ensureFrameworkApps(): Promise<void> {
  await Promise.all(
    fs
      .readdirSync(SOURCES)
      .sort()
      .map((name) => ensureFrameworkApp(name)),
  );
}

async function ensureFrameworkApp(name: string): Promise<void> {
  const from = path.join(SOURCES, name);
  const to = path.join(CACHE, name);
  fs.mkdirSync(to, { recursive: true });
  copySources(from, to);
  const manifest = fs.readFileSync(path.join(from, "package.json"));
  const stamp = createHash("sha256").update(manifest).digest("hex");
  const stampFile = path.join(to, ".installed");
  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, "utf8") !== stamp) {
    await npmInstall(to);
    fs.writeFileSync(stampFile, stamp);
  }
  placeSdk(to);
  // iac dev's copy: a framework's dev server writes its own output (Next 12 into .next), which must not
  // meet the production build another test file makes meanwhile; the installed packages are shared.
  const dev = `${to}-dev`;
  fs.mkdirSync(dev, { recursive: true });
  copySources(from, dev);
  if (!fs.existsSync(path.join(dev, "node_modules"))) fs.symlinkSync(path.join(to, "node_modules"), path.join(dev, "node_modules"), "dir");
}

function npmInstall(cwd: string): Promise<void> {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  return new Promise((resolve, reject) => {
    const child = spawn(npm, ["install", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm install in ${cwd} failed (${signal ?? `exit ${code}`})`))));
  });
}

/** The working copy of a framework app the global setup prepared: for builds, or (`dev`) for `iac dev`. */
export function frameworkApp(name: string, use: "build" | "dev" = "build"): string {
  const installed = path.join(CACHE, name);
  if (!fs.existsSync(path.join(installed, ".installed")))
    throw new Error(`${installed} is not installed: the test run's global setup prepares it; run the tests through jest`);
  return use === "dev" ? `${installed}-dev` : installed;
}

/**
 * Node 22, the major of the Lambda runtime the templates name (nodejs22.x),
 * for tests that load bundles the way Lambda loads them. This machine runs
 * Node 20; the registry's `node` package carries the Node 22 binary. The
 * test run's global setup installs it once under `.test-cache/` (an
 * npm install of a pinned version, about 5 s); a failed install fails the
 * run, so no test silently falls back to the Node it happens to run on.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TEST_CACHE_ROOT } from "./test-cache";

export const NODE22_VERSION = "22.23.3";

const PREFIX = path.join(TEST_CACHE_ROOT, `node-${NODE22_VERSION}`);
const BINARY = path.join(PREFIX, "node_modules", "node", "bin", "node");

function works(): boolean {
  if (!fs.existsSync(BINARY)) return false;
  try {
    return execFileSync(BINARY, ["--version"], { encoding: "utf8" }).trim() === `v${NODE22_VERSION}`;
  } catch {
    return false;
  }
}

/** Installs Node 22 when missing (global setup); returns the binary. */
export function ensureNode22(): string {
  if (works()) return BINARY;
  fs.mkdirSync(PREFIX, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", PREFIX, `node@${NODE22_VERSION}`], {
    stdio: "inherit",
  });
  if (!works()) throw new Error(`Node ${NODE22_VERSION} did not install under ${PREFIX}: tests that load bundles as Lambda does need it`);
  return BINARY;
}

/** The Node 22 binary the global setup installed. */
export function node22(): string {
  if (!fs.existsSync(BINARY))
    throw new Error(`Node ${NODE22_VERSION} is missing (${BINARY}): the test run's global setup installs it; run the tests through jest`);
  return BINARY;
}

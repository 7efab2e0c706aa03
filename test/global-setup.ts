import { execFileSync } from "child_process";
import * as path from "path";
import { ensureFrameworkApps } from "./support/frameworks";
import { ensureNode22 } from "./support/node22";
import { TEST_CACHE_DIR } from "./support/test-cache";

// CLI tests spawn bin/iac.js, which runs dist/: transpile src first (esbuild,
// well under a second) so the spawned CLI is the code under test.
export default async function globalSetup(): Promise<void> {
  // The CLIs the tests spawn keep their V8 caches here, not in the repository's node_modules
  // (the workers, started after this, and the processes they spawn inherit it).
  process.env.IAC_CACHE_DIR ??= TEST_CACHE_DIR;
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build.js")], { stdio: "inherit" });
  // Bundles are loaded under the Lambda runtime's Node major (support/node22.ts).
  ensureNode22();
  // Framework apps (test/frameworks) with their pinned framework installed.
  await ensureFrameworkApps();
}

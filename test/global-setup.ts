import { execFileSync } from "child_process";
import * as path from "path";
import { ensureFrameworkApps } from "./support/frameworks";
import { ensureNode22 } from "./support/node22";

// CLI tests spawn bin/iac.js, which runs dist/: transpile src first (esbuild,
// well under a second) so the spawned CLI is the code under test.
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build.js")], { stdio: "inherit" });
  // Bundles are loaded under the Lambda runtime's Node major (support/node22.ts).
  ensureNode22();
  // Framework apps (test/frameworks) with their pinned framework installed.
  ensureFrameworkApps();
}

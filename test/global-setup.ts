import { execFileSync } from "child_process";
import * as path from "path";

// CLI tests spawn bin/iac.js, which runs dist/: transpile src first (esbuild,
// well under a second) so the spawned CLI is the code under test.
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build.js")], { stdio: "inherit" });
}

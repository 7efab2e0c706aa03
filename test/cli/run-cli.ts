import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLES = path.join(ROOT, "examples");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the real `iac` binary (dist/ is rebuilt by jest's globalSetup), without colour. */
export function runCli(args: string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "iac.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The one way tests run the `iac` command: `bin/iac.js`, the file users run
 * (it runs dist/, which jest's global setup builds from src/), in a child
 * process with NO_COLOR=1. Synchronous (`runCli`), asynchronous when the test
 * itself must serve the child (`runCliAsync`), or as a running process
 * (`startCli`, for `iac dev`).
 */
import { type ChildProcess, spawn, spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLES = path.join(ROOT, "examples");
export const IAC_BIN = path.join(ROOT, "bin", "iac.js");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process. */
  ms: number;
  /** Killed at `timeoutMs` (runCliAsync). */
  timedOut?: boolean;
}

export interface CliOptions {
  /** Default: the repository. */
  cwd?: string;
  /** Added to the environment. */
  env?: NodeJS.ProcessEnv;
  /** Replaces the inherited environment entirely (credential tests); `env` still applies on top. */
  clearEnv?: NodeJS.ProcessEnv;
  /** Node's own options before bin/iac.js (e.g. `--require` of a probe). */
  nodeArgs?: string[];
  timeoutMs?: number;
}

function environment(options: CliOptions): NodeJS.ProcessEnv {
  return { ...(options.clearEnv ?? process.env), NO_COLOR: "1", ...options.env };
}

function argvOf(args: readonly string[], options: CliOptions): string[] {
  return [...(options.nodeArgs ?? []), IAC_BIN, ...args];
}

export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, argvOf(args, options), {
    cwd: options.cwd ?? ROOT,
    env: environment(options),
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** `iac` without blocking the test's event loop: needed when the test itself serves the child (a stand-in endpoint). */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = startCli(args, options);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), child.kill("SIGKILL")), options.timeoutMs);
    child.stdin?.end();
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ status: code, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** A running `iac` with piped stdio. */
export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, argvOf(args, options), { cwd: options.cwd ?? ROOT, env: environment(options), stdio: ["pipe", "pipe", "pipe"] });
}

/** Running the CLI (through test/support/iac-cli.ts) and temp copies of apps, for the local-instance tests. */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startCli } from "../../support/iac-cli";

export const REPO = path.resolve(__dirname, "..", "..", "..");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runIac(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = startIac(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function startIac(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  return startCli(args, options);
}

/** A throwaway copy of `examples/<name>` or any folder, without its `.iac` state. */
export function copyApp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-local-"));
  fs.cpSync(path.resolve(REPO, source), dir, { recursive: true, filter: (src) => !src.split(path.sep).includes(".iac") && !src.includes("node_modules") });
  return dir;
}

/** A new app in a temp folder from `files` (path -> content); `prefix` names the folder. */
export function writeApp(files: Record<string, string>, prefix = "iac-app-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Polls `probe` until it returns a value (every 50 ms), or fails naming `what`. */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface RunningDev {
  url: string;
  /** The control endpoint with this run's token, as iac dev prints it. */
  controlUrl: string;
  token: string;
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGINT, then the exit code. */
  stop(): Promise<number | null>;
}

/** `iac dev <dir> --port 0 ...args`, once it prints its URL. */
export async function startDev(dir: string, args: string[] = [], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunningDev> {
  const child = startIac(["dev", dir, "--port", "0", ...args], options);
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const url = await until(() => /at (http:\/\/localhost:\d+)/.exec(out)?.[1], "iac dev's URL");
    const controlUrl = await until(() => /control: (http:\/\/\S+)/.exec(out)?.[1], "iac dev's control URL");
    return {
      url,
      controlUrl,
      token: new URL(controlUrl).searchParams.get("token") ?? "",
      child,
      output: () => out,
      stop: async () => {
        child.kill("SIGINT");
        return exited;
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${error instanceof Error ? error.message : String(error)}; iac dev printed:\n${out}`);
  }
}

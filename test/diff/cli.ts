// Runs an iac command in a child process with NO_COLOR=1 and returns its
// output and exit code. Uses bin/iac.js once src/cli/main.ts registers the
// command; until then a two-line harness drives the command's Register
// function from dist/ (built by the global setup) the same way main does.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function usesMain(command: string): boolean {
  const main = path.join(ROOT, "dist", "cli", "main.js");
  return fs.existsSync(main) && fs.readFileSync(main, "utf8").includes(`commands/${command}`);
}

/** `module` is the file under src/cli/commands, `register` its exported Register name. */
export interface RunOptions {
  module: string;
  register: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces the inherited environment entirely (credential tests). */
  clearEnv?: NodeJS.ProcessEnv;
}

function command(args: string[], opts: RunOptions): { argv: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...(opts.clearEnv ?? process.env), NO_COLOR: "1", ...opts.env };
  const harness = [
    `const ctx = { exitCode: 0 };`,
    `const cli = require(${JSON.stringify(path.join(ROOT, "dist", "cli", "commands", opts.module))}).${opts.register}(require(${JSON.stringify(require.resolve("yargs"))})(process.argv.slice(1)).strict(), ctx);`,
    `cli.parseAsync().then(() => { process.exitCode = ctx.exitCode; }, (e) => { console.error(e); process.exitCode = 2; });`,
  ].join("\n");
  const argv = usesMain(opts.module) ? [path.join(ROOT, "bin", "iac.js"), ...args] : ["-e", harness, ...args];
  return { argv, env };
}

export function runIac(args: string[], opts: RunOptions): CliResult {
  const { argv, env } = command(args, opts);
  const started = Date.now();
  const r = spawnSync(process.execPath, argv, { cwd: opts.cwd ?? ROOT, env, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Same, without blocking the test's event loop: needed when the test itself serves the child (a stand-in endpoint). */
export function runIacAsync(args: string[], opts: RunOptions): Promise<CliResult> {
  const { argv, env } = command(args, opts);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: opts.cwd ?? ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

/**
 * CDK's template validation (`--validate`, or CDK's own `CDK_VALIDATION=true`)
 * runs a 9 MB WebAssembly engine (@aws/cloudformation-validate). Under Node
 * 20's default V8 settings it costs ~2 s more than it needs to: setting the
 * engine up grows its memory a few hundred times, and each growth finalises
 * a major GC that concurrent marking has hurried along; and the optimising
 * tier recompiles the module in the background, which the process then waits
 * for before it can exit. With `--liftoff-only` (baseline WebAssembly code
 * only) and `--no-concurrent-marking` (marking on the main thread, which lets
 * fewer of those GCs complete) the same validation of the same template takes
 * about a third of the time on its own (todo: ~0.9 s instead of ~2.7 s; in a
 * build ~1.4 s instead of ~2.6 s) and the build's peak memory drops from
 * ~480 to ~310 MiB. These are V8 flags: NODE_OPTIONS may
 * not carry them and they must be set at start-up, so a command that will
 * validate runs itself once more, with them, and exits with its code.
 * They change how fast code runs, never what it does.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const VALIDATION_V8_FLAGS: readonly string[] = ["--liftoff-only", "--no-concurrent-marking"];

/** The commands that synthesize, and so may validate. */
const SYNTHESIZING = new Set(["build", "diff", "deploy"]);

/** Whether this command line will run CDK's template validation. */
export function validationRequested(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const command = argv.find((a) => !a.startsWith("-"));
  if (command === undefined || !SYNTHESIZING.has(command) || argv.includes("--help") || argv.includes("-h")) return false;
  if (argv.includes("--no-validate") || argv.includes("--validate=false")) return false;
  return argv.includes("--validate") || argv.includes("--validate=true") || env.CDK_VALIDATION === "true";
}

/**
 * Re-runs `bin/iac.js` with VALIDATION_V8_FLAGS when validation is requested
 * and the flags are not set yet; returns its exit code, or undefined when this
 * process should go on (no validation, flags already set, or not started as
 * iac's own binary, e.g. a test harness loading the CLI).
 */
export function relaunchForValidation(argv: readonly string[]): number | undefined {
  if (!validationRequested(argv)) return undefined;
  if (VALIDATION_V8_FLAGS.every((f) => process.execArgv.includes(f))) return undefined;
  const bin = path.resolve(__dirname, "..", "..", "bin", "iac.js");
  const script = process.argv[1];
  if (script === undefined || !fs.existsSync(bin) || realpath(script) !== realpath(bin)) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, ...VALIDATION_V8_FLAGS, bin, ...argv], { stdio: "inherit" });
  if (child.error) return undefined; // could not start: validate here, only slower
  return child.status ?? 2;
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

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
 * about a third of the time on its own (examples/todo: ~0.9 s instead of
 * ~2.7 s; in a build ~1.4 s instead of ~2.6 s) and the build's peak memory
 * drops from ~480 to ~310 MiB. These are V8 flags: NODE_OPTIONS may not carry them and they
 * must be set at start-up, so a command that will validate runs itself once
 * more, with them, and exits with its code. They change how fast code runs,
 * never what it does.
 *
 * The decision is made on what yargs parsed (a middleware, after validation
 * of the command line and before the command's handler), so every spelling
 * of `--validate` means what the command itself reads. The plain spellings
 * are also caught before the CLI loads (`relaunchEarly`, from bin/iac.js),
 * which saves loading yargs and the commands twice (~80 ms of a validating
 * build). When this Node does
 * not take the flags, or the child cannot be started, the command runs in
 * this process, without them.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const VALIDATION_V8_FLAGS: readonly string[] = ["--liftoff-only", "--no-concurrent-marking"];

/** The commands that synthesize, and so may validate. */
const SYNTHESIZING = new Set(["build", "diff", "deploy"]);

/** The parsed command line, as far as validation goes: the command's name and its `--validate` (only `build` has one). */
export interface ParsedCommand {
  command: string | undefined;
  validate: boolean | undefined;
}

/** Whether this command will run CDK's template validation: the flag when given, else `CDK_VALIDATION=true` (as synth decides). */
export function validationRequested(parsed: ParsedCommand, env: NodeJS.ProcessEnv = process.env): boolean {
  if (parsed.command === undefined || !SYNTHESIZING.has(parsed.command)) return false;
  return parsed.validate ?? env.CDK_VALIDATION === "true";
}

/** Thrown by the middleware once the relaunched command has run: main returns its exit code and runs nothing else. */
export class Relaunched extends Error {
  constructor(readonly exitCode: number) {
    super(`the command ran in a relaunched process (exit ${exitCode})`);
    this.name = "Relaunched";
  }
}

/**
 * Re-runs `bin/iac.js` with VALIDATION_V8_FLAGS when validation is requested
 * and the flags are not set yet; returns its exit code, or undefined when this
 * process should go on (no validation; flags already set; not started as
 * iac's own binary, e.g. a test harness loading the CLI; flags this Node
 * refuses; a child that could not start).
 */
export function relaunchForValidation(parsed: ParsedCommand, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!validationRequested(parsed, env)) return undefined;
  if (VALIDATION_V8_FLAGS.every((f) => process.execArgv.includes(f))) return undefined;
  const bin = path.resolve(__dirname, "..", "..", "bin", "iac.js");
  const script = process.argv[1];
  if (script === undefined || !fs.existsSync(bin) || realpath(script) !== realpath(bin)) return undefined;
  // Another Node or V8 may not know a flag ("bad option", exit 9, before any code runs): asked first, at the
  // cost of a process that only prints its version (a few ms), so a refusal never reaches the user.
  const accepts = spawnSync(process.execPath, [...VALIDATION_V8_FLAGS, "--version"], { stdio: "ignore" });
  if (accepts.error || accepts.status !== 0) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, ...VALIDATION_V8_FLAGS, bin, ...argv], { stdio: "inherit" });
  if (child.error) return undefined; // could not start: validate here, only slower
  return child.status ?? 2;
}

/**
 * Before the CLI loads: a command line that plainly validates (`build`,
 * `diff` or `deploy` among its words, with `--validate` or `--validate=true`,
 * or with CDK_VALIDATION=true and no `--no-validate`/`--validate false`)
 * relaunches at once. What this misses the middleware still catches; what it
 * takes wrongly (a stage named `build`) costs a relaunch, never a different
 * result, since the flags change only how fast code runs.
 */
export function relaunchEarly(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  const command = argv.find((a) => SYNTHESIZING.has(a));
  // Help and version print without running the command.
  if (command === undefined || argv.some((a) => a === "--help" || a === "-h" || a === "--version")) return undefined;
  const at = argv.findIndex((a) => a === "--validate" || a === "--validate=true");
  const off = argv.some((a) => a === "--no-validate" || (a.startsWith("--validate=") && a !== "--validate=true"));
  if (off || (at >= 0 && /^(false|0|no)$/i.test(argv[at + 1] ?? ""))) return undefined;
  return relaunchForValidation({ command, validate: at >= 0 ? true : undefined }, argv, env);
}

/** The yargs middleware main registers: relaunches a validating command, then stops this process's run of it. */
export function relaunchMiddleware(argv: readonly string[]): (args: { _: (string | number)[]; validate?: unknown }) => void {
  return (args) => {
    const first = args._[0];
    const parsed: ParsedCommand = {
      command: first === undefined ? undefined : String(first),
      validate: typeof args.validate === "boolean" ? args.validate : undefined,
    };
    const code = relaunchForValidation(parsed, argv);
    if (code !== undefined) throw new Relaunched(code);
  };
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

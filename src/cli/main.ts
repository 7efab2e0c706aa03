/**
 * The `iac` command line: parse flags (yargs), call the library, render,
 * return the exit code. 0 success, 1 the app has errors (or a check failed),
 * 2 iac itself failed. No command logic lives here; see src/compiler.ts.
 */
import "./startup"; // first: what follows loads from the code cache
import yargs from "yargs";
import type { Argv } from "yargs";
import * as path from "path";
import { InternalError, nearestWord, packageRoot } from "../compiler";
import { Relaunched, relaunchMiddleware } from "./relaunch";

export interface CommandContext {
  /** Set by a command handler; main returns it. */
  exitCode: number;
}

export type Register = (cli: Argv, ctx: CommandContext) => Argv;

/**
 * Each command module is loaded only when it runs: the compiler, CDK, the
 * toolkit and the local instance each cost up to seconds to load, and
 * `iac deploy` without credentials must fail fast. `iac --help` (no command)
 * loads them all to list them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  graph: async () => (await import("./commands/graph")).registerGraph,
  build: async () => (await import("./commands/build")).registerBuild,
  dev: async () => (await import("./commands/dev")).registerDev,
  test: async () => (await import("./commands/test")).registerTest,
  init: async () => (await import("./commands/init")).registerInit,
  data: async () => (await import("./commands/data")).registerData,
  diff: async () => (await import("./commands/diff")).registerDiff,
  deploy: async () => (await import("./commands/deploy")).registerDeploy,
  destroy: async () => (await import("./commands/destroy")).registerDestroy,
  params: async () => (await import("./commands/params")).registerParams,
  why: async () => (await import("./commands/why")).registerWhy,
  eject: async () => (await import("./commands/eject")).registerEject,
  fix: async () => (await import("./commands/fix")).registerFix,
};

async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const first = argv.find((a) => !a.startsWith("-"));
  const names = first !== undefined && first in COMMANDS ? [first] : Object.keys(COMMANDS);
  return Promise.all(names.map((n) => COMMANDS[n]()));
}

/** A usage problem yargs found (unknown flag or command, a failed check): thrown so no handler runs. */
class UsageError extends Error {}

/** "Unknown argument: stag" gets the nearest flag the command knows: "did you mean --stage?". */
function withSuggestion(message: string, known: readonly string[], argv: readonly string[]): string {
  // yargs's recommendCommands says only "Did you mean build?"
  if (/^Did you mean /.test(message)) return `Unknown command: ${argv.find((a) => !a.startsWith("-"))}. ${message}`;
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const given = m[1].split(", ");
  // yargs names a kebab-case flag twice (dry-run, dryRun): keep the form the user typed.
  const args = given.filter((a) => !given.some((b) => b !== a && b.includes("-") && camel(b) === a));
  const hints = args
    .map((arg) => ({ arg, near: nearestWord(arg.replace(/^-+/, ""), known) }))
    .filter((h) => h.near !== undefined)
    .map((h) => `did you mean --${h.near} (not ${h.arg})?`);
  const head = `Unknown argument${args.length > 1 ? "s" : ""}: ${args.join(", ")}`;
  return hints.length > 0 ? `${head}\n${hints.join("\n")}` : head;
}

function camel(kebab: string): string {
  return kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export async function main(argv: string[]): Promise<number> {
  const ctx: CommandContext = { exitCode: 0 };
  if (argv.length === 0) argv = ["--help"];
  let cli = yargs(argv)
    .scriptName("iac")
    .usage("$0 <command> [options]\n\nInfrastructure from code: builds, runs and deploys apps written against the iac SDK.")
    .strict()
    .demandCommand(1, "Pick a command (see the list above).")
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs reports its own usage problems (unknown flags, failed .check()) as a YError:
      // those are the user's, exit 1, and the command must not run; anything else is ours.
      // A failed .check() comes with its message as `err` (a string), and then
      // a second time with the UsageError the first call threw.
      if (err instanceof UsageError) throw err;
      if (err instanceof Error && err.name !== "YError") throw err;
      throw new UsageError(msg ?? (err instanceof Error ? err.message : String(err ?? "invalid command line")));
    });
  for (const register of await commandsFor(argv)) cli = register(cli, ctx);
  // After the command line is checked, before the command runs: a validating command may run in a child process.
  cli = cli.middleware(relaunchMiddleware(argv));
  try {
    await cli.parseAsync();
  } catch (err) {
    if (err instanceof Relaunched) return err.exitCode;
    // `iac build` (with a space) where the command is known; bare `iac` otherwise.
    const iacCommand = ["iac", commandOf(argv)].filter(Boolean).join(" ");
    const unusable = filesystemProblem(err instanceof InternalError ? err.original : err);
    if (unusable) {
      process.stderr.write(`${iacCommand}: ${unusable}\n`);
      return 1;
    }
    if (err instanceof InternalError) {
      process.stderr.write(`iac: internal error (a bug in iac, please report it): ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || (err instanceof Error && err.name === "YError")) {
      const known = Object.keys((cli as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
      process.stderr.write(`\n${withSuggestion(err.message, known, argv)}\nRun \`${iacCommand} --help\` for the options.\n`);
      return 1;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`iac: internal error: ${detail}\n`);
    return 2;
  }
  return ctx.exitCode;
}

/** Errors of the file system that say something about the user's files and folders, not about iac. */
const FILESYSTEM_REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EEXIST: "it already exists",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
};

/**
 * A file-system error on a path outside iac's own package (an output file in
 * a folder that does not exist, a path through a file, no permission, a full
 * disk) is the user's to fix, said in one line with exit 1. One on iac's own
 * files stays an internal error: the install is broken.
 */
function filesystemProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code: unknown = Reflect.get(err, "code");
  const file: unknown = Reflect.get(err, "path");
  const syscall: unknown = Reflect.get(err, "syscall");
  if (typeof code !== "string" || !(code in FILESYSTEM_REASONS) || typeof file !== "string") return undefined;
  if (!path.relative(packageRoot(), path.resolve(file)).startsWith("..")) return undefined;
  return `cannot ${typeof syscall === "string" ? `${syscall} ` : "use "}${file}: ${FILESYSTEM_REASONS[code]}`;
}

function commandOf(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith("-"));
  return first !== undefined && first in COMMANDS ? first : undefined;
}

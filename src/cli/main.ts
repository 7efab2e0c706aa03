/**
 * The `iac` command line: parse flags (yargs), call the library, render,
 * return the exit code. 0 success, 1 the app has errors (or a check failed),
 * 2 iac itself failed. No command logic lives here; see src/compiler.ts.
 */
import "./startup"; // first: relaunch for validation, then what follows loads from the code cache
import yargs from "yargs";
import type { Argv } from "yargs";
import { InternalError } from "../compiler";

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
};

async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const first = argv.find((a) => !a.startsWith("-"));
  const names = first !== undefined && first in COMMANDS ? [first] : Object.keys(COMMANDS);
  return Promise.all(names.map((n) => COMMANDS[n]()));
}

export async function main(argv: string[]): Promise<number> {
  const ctx: CommandContext = { exitCode: 0 };
  let usageError: string | undefined;
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
      // yargs reports its own usage problems (failed .check()) as a YError:
      // those are the user's, exit 1; anything else is ours to rethrow.
      if (err && err.name !== "YError") throw err;
      usageError = msg ?? err?.message ?? "invalid command line";
    });
  for (const register of await commandsFor(argv)) cli = register(cli, ctx);
  try {
    await cli.parseAsync();
  } catch (err) {
    if (err instanceof InternalError) {
      process.stderr.write(`iac: internal error (a bug in iac, please report it): ${err.message}\n`);
      return 2;
    }
    if (usageError === undefined && err instanceof Error && err.name === "YError") usageError = err.message;
    if (usageError === undefined) {
      const detail = err instanceof Error ? err.stack ?? err.message : String(err);
      process.stderr.write(`iac: internal error: ${detail}\n`);
      return 2;
    }
  }
  if (usageError !== undefined) {
    process.stderr.write(`\n${usageError}\n`);
    return 1;
  }
  return ctx.exitCode;
}

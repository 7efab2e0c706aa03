/**
 * The `iac` command line: parse flags (yargs), call the library, render,
 * return the exit code. 0 success, 1 the app has errors (or a check failed),
 * 2 iac itself failed. No command logic lives here; see src/compiler.ts.
 */
import yargs from "yargs";
import type { Argv } from "yargs";
import { registerBuild } from "./commands/build";
import { registerGraph } from "./commands/graph";
import { registerDiff } from "./commands/diff";
import { InternalError } from "../compiler";

export interface CommandContext {
  /** Set by a command handler; main returns it. */
  exitCode: number;
}

export type Register = (cli: Argv, ctx: CommandContext) => Argv;

const COMMANDS: Register[] = [registerGraph, registerBuild, registerDiff];

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
      if (err) throw err;
      usageError = msg;
    });
  for (const register of COMMANDS) cli = register(cli, ctx);
  try {
    await cli.parseAsync();
  } catch (err) {
    if (err instanceof InternalError) {
      process.stderr.write(`iac: internal error (a bug in iac, please report it): ${err.message}\n`);
      return 2;
    }
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

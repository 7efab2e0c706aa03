/**
 * `iac test [pattern] [dir]`: the app's Jest tests against a fresh local
 * instance. Wiring only: `runAppTests` runs Jest (which prints its own
 * report); the exit code is Jest's verdict, 1 for an app problem (no entry
 * module), 2 is left to main for bugs.
 */
import * as fs from "fs";
import type { Argv } from "yargs";
import { LocalAppError } from "../../local/app";
import { runAppTests } from "../../local/test/run";

export const registerTest = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command(
    "test [pattern] [dir]",
    "Run the app's Jest tests against a fresh local instance",
    (y) =>
      y
        .positional("pattern", { type: "string", describe: "Only test files whose path matches this regex (or the app directory, when it is one)" })
        .positional("dir", { type: "string", describe: "The app directory (default: the current one)" })
        .option("coverage", { type: "boolean", default: false, describe: "Collect coverage (Jest's --coverage)" })
        .option("workers", { type: "number", describe: "Test files run in parallel (Jest's --maxWorkers)" })
        .option("stage", { type: "string", default: "local", describe: "Whose local params (.iac/<stage>/params.json) the tests read" }),
    async (argv) => {
      // `iac test examples/todo` means the folder: a lone argument that is a directory is the app.
      const loneDir = argv.pattern !== undefined && argv.dir === undefined && isDirectory(argv.pattern);
      const dir = loneDir ? argv.pattern : argv.dir ?? ".";
      const pattern = loneDir ? undefined : argv.pattern;
      try {
        const outcome = await runAppTests({ dir: dir ?? ".", pattern, coverage: argv.coverage, workers: argv.workers, stage: argv.stage });
        ctx.exitCode = outcome.exitCode;
      } catch (error) {
        if (!(error instanceof LocalAppError)) throw error;
        process.stderr.write(`iac test: ${error.message}\n`);
        ctx.exitCode = 1;
      }
    },
  );

function isDirectory(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

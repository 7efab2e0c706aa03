/**
 * `iac test [pattern] [dir] [--no-analysis]`: the app's Jest tests against a
 * fresh local instance. Wiring only. First the app is analysed as `iac build`
 * analyses it: warnings are printed and the tests run; errors (what `iac
 * build` refuses) are printed and the command fails with exit 1 before Jest
 * starts, as tests that pass on an app that cannot be deployed prove little
 * (`--no-analysis` skips the check). Then `runAppTests` runs Jest (which
 * prints its own report); the exit code is Jest's verdict, 1 for an app
 * problem (no entry module), 2 is left to main for bugs.
 */
import * as fs from "fs";
import type { Argv } from "yargs";
import { analyze } from "../../compiler";
import { LocalAppError, resolveLocalApp } from "../../local/app";
import { runAppTests } from "../../local/test/run";
import { printDiagnostics } from "../output";

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
        .option("stage", { type: "string", default: "local", describe: "Whose local params (.iac/<stage>/params.json) the tests read" })
        .option("analysis", { type: "boolean", default: true, describe: "Analyse the app first, as iac build does, and stop on its errors (--no-analysis: run the tests regardless)" }),
    async (argv) => {
      // `iac test examples/todo` means the folder: a lone argument that is a directory is the app.
      const loneDir = argv.pattern !== undefined && argv.dir === undefined && isDirectory(argv.pattern);
      const dir = (loneDir ? argv.pattern : argv.dir) ?? ".";
      const pattern = loneDir ? undefined : argv.pattern;
      try {
        // A missing folder or entry is said in iac test's words before the analysis says it in its own.
        resolveLocalApp(dir);
        if (argv.analysis) {
          const analysed = await analyze(dir);
          printDiagnostics(analysed.diagnostics, dir);
          if (!analysed.ok) {
            process.stderr.write("iac test: the app has errors that `iac build` refuses; no tests were run (fix them, or run with --no-analysis)\n");
            ctx.exitCode = 1;
            return;
          }
        }
        const outcome = await runAppTests({ dir, pattern, coverage: argv.coverage, workers: argv.workers, stage: argv.stage });
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

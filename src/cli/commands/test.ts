/**
 * `iac test [pattern] [dir] [--stage S] [--no-analysis] [Jest's flags]`: the
 * app's Jest tests against a fresh local instance. Wiring only. First the
 * app is analysed as `iac build` analyses it: warnings are printed and the
 * tests run; errors (what `iac build` refuses) are printed and the command
 * fails with exit 1 before Jest starts, as tests that pass on an app that
 * cannot be deployed prove little (`--no-analysis` skips the check). Then
 * `runAppTests` runs Jest (which prints its own report); the exit code is
 * Jest's verdict, 1 for an app problem (no entry module), 2 is left to main
 * for bugs. Jest's own flags (`--watch`, `-t`, `--passWithNoTests`, `--ci`,
 * `-u`, `--json`, ...) pass through (src/local/test/jest-flags.ts).
 * `--format` is not offered: Jest's `--json` is the machine-readable result.
 */
import * as fs from "fs";
import type { Argv } from "yargs";
import { analyze, loadLocal } from "../../compiler";
import { userError, writeJson } from "../json";
import { checkStage } from "../options";
import { printDiagnostics } from "../output";
import { printMigration } from "./local-stage";

// The local instance's library (src/local-api.ts): loaded with this command, never with `iac build`.
const local = loadLocal();

export const registerTest = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command(
    "test [pattern] [dir]",
    "Run the app's Jest tests against a fresh local instance (Jest's own flags pass through)",
    (y) =>
      withJestFlags(y)
        .positional("pattern", { type: "string", describe: "Only test files whose path matches this regex (or the app directory, when it is one)" })
        .positional("dir", { type: "string", describe: "The app directory (default: the current one)" })
        .option("coverage", { type: "boolean", default: false, describe: "Collect coverage (Jest's --coverage)" })
        .option("workers", { type: "number", describe: "Test files run in parallel (Jest's --maxWorkers)" })
        .option("stage", { type: "string", describe: "Whose local params (.iac/<stage>/params.json) the tests read (default dev)" })
        .check(checkStage)
        .option("analysis", {
          type: "boolean",
          default: true,
          describe: "Analyse the app first, as iac build does, and stop on its errors (--no-analysis: run the tests regardless)",
        })
        .group([...local.SHOWN_JEST_FLAGS], "Jest options (passed to Jest; any other of Jest's flags works too):")
        .example("$0 test -t notes --watch", "Rerun the tests named like 'notes' on every change")
        .example("$0 test --ci --passWithNoTests", "In CI: no snapshot is written, and no tests is not a failure"),
    async (argv) => {
      // `iac test examples/todo` means the folder: a lone argument that is a directory is the app.
      const loneDir = argv.pattern !== undefined && argv.dir === undefined && isDirectory(argv.pattern);
      const dir = (loneDir ? argv.pattern : argv.dir) ?? ".";
      const pattern = loneDir ? undefined : argv.pattern;
      const json = argv.json === true;
      const fail = (message: string, code?: string): void => {
        if (json) writeJson({ ok: false, success: false, diagnostics: [userError(message, { code })] });
        process.stderr.write(`iac test: ${message}\n`);
        ctx.exitCode = 1;
      };
      if (argv.workers !== undefined && !(Number.isInteger(argv.workers) && argv.workers > 0))
        return fail(`--workers must be a whole number of test files, 1 or more (got ${String(argv.workers)})`);
      if (pattern !== undefined && !validRegex(pattern))
        return fail(`the pattern ${JSON.stringify(pattern)} is not a valid regular expression (it is matched against test file paths)`);
      try {
        // A missing folder or entry is said in iac test's words before the analysis says it in its own.
        local.resolveLocalApp(dir);
        const stage = local.resolveLocalStage(dir, argv.stage);
        printMigration(stage);
        if (argv.analysis) {
          const analysed = await analyze(dir);
          printDiagnostics(analysed.diagnostics, dir);
          if (!analysed.ok) {
            if (json) writeJson({ ok: false, success: false, diagnostics: analysed.diagnostics });
            process.stderr.write("iac test: the app has errors that `iac build` refuses; no tests were run (fix them, or run with --no-analysis)\n");
            ctx.exitCode = 1;
            return;
          }
        }
        const outcome = await local.runAppTests({
          dir,
          pattern,
          coverage: argv.coverage,
          workers: argv.workers,
          stage: stage.stage,
          jest: local.pickJestFlags(argv),
        });
        ctx.exitCode = outcome.exitCode;
      } catch (error) {
        if (!(error instanceof local.LocalAppError)) throw error;
        fail(error.message, error.code);
      }
    },
  );

/** Jest's flags on the command, typed as yargs had it (the runner reads them back with pickJestFlags). */
function withJestFlags<T>(y: Argv<T>): Argv<T> {
  for (const [name, option] of Object.entries(local.jestFlagOptions())) y.option(name, option);
  return y;
}

function isDirectory(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

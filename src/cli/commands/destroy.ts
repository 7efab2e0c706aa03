/**
 * `iac destroy [dir] --stage S [--ephemeral] [--force] [--format text|json]`: deletes stack
 * <app>-<stage>. A long-lived stage needs --force, and even then its table
 * and bucket are retained (the library refuses before any AWS call).
 */
import { destroy } from "../../compiler";
import type { Register } from "../main";
import { FORMAT_OPTION, writeJson } from "../json";
import { printDiagnostics } from "../output";
import { checkStage } from "../options";
import { styleFor } from "../render/style";
import { out } from "./deploy";

export const registerDestroy: Register = (cli, ctx) =>
  cli.command(
    "destroy [dir]",
    "Delete stack <app>-<stage> (a long-lived stage needs --force; its table and bucket are retained)",
    (y) =>
      y
        .positional("dir", { type: "string", default: "." })
        .option("stage", { type: "string", demandOption: true })
        .check(checkStage)
        .option("ephemeral", { type: "boolean", describe: "A sandbox: deleted with its data (default: iac.config's stage settings, else long-lived)" })
        .option("force", { type: "boolean", default: false, describe: "Destroy a long-lived stage (its table and bucket are still retained)" })
        .option("format", FORMAT_OPTION),
    async (argv) => {
      const report = await destroy(argv.dir, {
        stage: argv.stage,
        ephemeral: argv.ephemeral,
        force: argv.force,
        onProgress: out,
        progressStyle: styleFor(process.stderr),
      });
      ctx.exitCode = report.ok ? 0 : 1;
      if (argv.format === "json") return writeJson(report);
      printDiagnostics(report.diagnostics, argv.dir);
      if (!report.ok) return;
      process.stdout.write(report.existed ? `Destroyed ${report.stackName}\n` : `${report.stackName} did not exist\n`);
      if (report.retained.length > 0) {
        process.stdout.write(
          `Retained: the ${report.retained.join(" and ")} of stage ${report.stage} still exist with their data (delete them in the AWS console if you mean to).\n`,
        );
      }
    },
  );

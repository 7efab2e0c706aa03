/** `iac eject [dir] --out <dir> [--stage S] [--ephemeral] [--format text|json]` */
import * as path from "path";
import { DEFAULT_STAGE, eject } from "../../compiler";
import { FORMAT_OPTION, writeJson } from "../json";
import { checkStage } from "../options";
import { printDiagnostics } from "../output";
import type { Register } from "../main";

export const registerEject: Register = (cli, ctx) =>
  cli.command(
    "eject [dir]",
    "Write the app's stage as a standalone AWS CDK app in TypeScript (same resources, same logical IDs)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "App directory" })
        .option("out", { type: "string", demandOption: true, describe: "Folder to write the CDK app to (new, empty, or an earlier eject's)" })
        .option("stage", { type: "string", default: DEFAULT_STAGE, describe: "Stage whose settings the stack is built with" })
        .check(checkStage)
        .option("ephemeral", { type: "boolean", describe: "Build the stage as a sandbox (default: iac.config's stage setting, else false)" })
        .option("format", FORMAT_OPTION)
        .example("$0 eject . --out ../todo-cdk --stage prod", "A CDK app that takes stack todo-prod over"),
    async (args) => {
      const result = await eject(args.dir, { out: args.out, stage: args.stage, ephemeral: args.ephemeral });
      if (args.format === "json") {
        writeJson(result);
      } else {
        printDiagnostics(result.diagnostics, args.dir);
        if (result.ok) {
          const where = path.relative(process.cwd(), result.outDir) || ".";
          process.stdout.write(
            [
              `${result.stackName}: CDK app written to ${where} (${result.files.length} files)`,
              ...result.files.map((f) => `  ${f}`),
              "",
              `Next: cd ${where} && npm install && npx cdk diff ${result.stackName}   (README.md says how to take the stage over)`,
              "",
            ].join("\n"),
          );
        }
      }
      ctx.exitCode = result.ok ? 0 : 1;
    },
  );

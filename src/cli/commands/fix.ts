/** `iac fix [dir] [--dry-run] [--only CODE] [--format text|json]` */
import { FIX_CODES, fix } from "../../compiler";
import { FORMAT_OPTION, writeJson } from "../json";
import { printDiagnostics } from "../output";
import type { Register } from "../main";

export const registerFix: Register = (cli, ctx) =>
  cli.command(
    "fix [dir]",
    "Apply the fixes the analyzer's diagnostics know (a misspelt rate, cron, label, event, import...)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "App directory" })
        .option("dry-run", { type: "boolean", default: false, describe: "Print the changes as a unified diff; write nothing" })
        .option("only", { type: "string", array: true, describe: "Only diagnostics with these codes (e.g. --only IAC2002 IAC3001)" })
        .option("format", FORMAT_OPTION)
        .example("$0 fix --dry-run", "Shows what iac fix would change")
        .example("$0 fix --only IAC2002", "Fixes only misspelt schedule rates"),
    async (args) => {
      const only = args.only
        ?.flatMap((c) => String(c).split(","))
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c.length > 0);
      const result = await fix(args.dir, { dryRun: args.dryRun, only });
      if (args.format === "json") {
        writeJson(result);
      } else if (args.dryRun) {
        process.stdout.write(result.diff);
        const n = result.fixes.length;
        process.stderr.write(
          n === 0
            ? "nothing to fix\n"
            : `${n} fix${n === 1 ? "" : "es"} in ${result.files.length} file${result.files.length === 1 ? "" : "s"} (not written: --dry-run)\n`,
        );
      } else {
        for (const f of result.fixes) process.stdout.write(`${f.location.file}:${f.location.line}:${f.location.column} ${f.code} ${f.title}\n`);
        printDiagnostics(result.diagnostics, args.dir);
        const n = result.fixes.length;
        const confirmed = !result.diagnostics.some((d) => d.code === FIX_CODES.stillReported);
        process.stdout.write(
          n === 0
            ? "nothing to fix\n"
            : `fixed ${n} problem${n === 1 ? "" : "s"} in ${result.files.length} file${result.files.length === 1 ? "" : "s"}${confirmed ? "; the analysis no longer reports them" : ""}\n`,
        );
      }
      ctx.exitCode = result.ok ? 0 : 1;
    },
  );

/**
 * `iac why <query> [dir] [--function F] [--format text|json]`: the source
 * locations behind a permission, a function or a resource (src/why).
 * Exit 0 with an answer (also "nothing needs it"), 1 when the app has
 * errors or nothing matches the query.
 */
import { analyze, renderWhy, why } from "../../compiler";
import { FORMAT_OPTION, userError, writeJson } from "../json";
import { printDiagnostics } from "../output";
import { styleFor } from "../render/style";
import type { Register } from "../main";

export const registerWhy: Register = (cli, ctx) =>
  cli.command(
    "why <query> [dir]",
    "Explain a permission, function or resource with the source locations that caused it",
    (y) =>
      y
        .positional("query", {
          type: "string",
          demandOption: true,
          describe: "data:write, data.set, dynamodb:PutItem, a function id, data, storage, label1, a collection...",
        })
        .positional("dir", { type: "string", default: ".", describe: "App directory" })
        .option("function", { type: "string", describe: "Only this function (e.g. http)" })
        .option("format", FORMAT_OPTION)
        .example("$0 why data:write --function http", "The data.set/remove/add calls that let the http function write, with their routes")
        .example("$0 why schedule-rate-60-minutes", "Why that function exists and what it may do"),
    async (args) => {
      const analyzed = await analyze(args.dir);
      if (!analyzed.ok) {
        if (args.format === "json") writeJson({ ok: false, diagnostics: analyzed.diagnostics });
        else printDiagnostics(analyzed.diagnostics, args.dir);
        ctx.exitCode = 1;
        return;
      }
      const result = why(analyzed.graph, args.query, { function: args.function });
      if (args.format === "json") {
        writeJson(result.ok ? result : { ...result, diagnostics: [userError(result.message, { hint: result.hint })] });
      } else if (result.ok) {
        process.stdout.write(`${renderWhy(result.answer, styleFor(process.stdout))}\n`);
      } else {
        process.stderr.write(`iac why: ${result.message}${result.hint ? `\n  hint: ${result.hint}` : ""}\n`);
      }
      ctx.exitCode = result.ok ? 0 : 1;
    },
  );

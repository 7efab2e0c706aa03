/** `iac graph [dir] [--format text|json|mermaid]` */
import { analyze } from "../../compiler";
import { renderGraphMermaid, renderGraphText } from "../render/graph";
import { styleFor } from "../render/style";
import { writeJson } from "../json";
import { printDiagnostics } from "../output";
import type { Register } from "../main";

export const registerGraph: Register = (cli, ctx) =>
  cli.command(
    "graph [dir]",
    "Print the resource graph iac infers from the app",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "App directory" })
        .option("format", { choices: ["text", "json", "mermaid"] as const, default: "text" as const, describe: "Output format" })
        .example("$0 graph examples/todo", "A readable tree of routes, schedules, data and functions")
        .example("$0 graph --format mermaid > graph.mmd", "A Mermaid flowchart of resources and handlers"),
    async (args) => {
      const result = await analyze(args.dir);
      const json = args.format === "json";
      if (json) {
        writeJson({ ok: result.ok, graph: result.graph, diagnostics: result.diagnostics });
      } else {
        printDiagnostics(result.diagnostics, args.dir);
        if (result.ok) {
          const text = args.format === "mermaid" ? renderGraphMermaid(result.graph) : renderGraphText(result.graph, styleFor(process.stdout));
          process.stdout.write(`${text}\n`);
        }
      }
      ctx.exitCode = result.ok ? 0 : 1;
    },
  );

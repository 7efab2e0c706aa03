/**
 * `iac diff [dir] --base <git-ref | assembly dir | graph.json>`: what this
 * change does to the app's infrastructure. Wiring only: the library's
 * `diff` compares, `renderReport` formats, this sets the exit code
 * (1 when `--fail-on` matches or a side failed to build).
 */
import { DEFAULT_STAGE, diff, exitCodeFor, linkBaseFromEnv, renderReport } from "../../compiler";
import type { DiffFormat, FailOn } from "../../compiler";
import type { Register } from "../main";
import { printDiagnostics } from "../output";
import { checkStage } from "../options";
import { styleFor } from "../render/style";

const FORMATS: readonly DiffFormat[] = ["text", "markdown", "json"];
const FAIL_ON: readonly FailOn[] = ["none", "any", "permissions", "destructive"];
const DEFAULT_FORMAT: DiffFormat = "text";
const DEFAULT_FAIL_ON: FailOn = "none";

export const registerDiff: Register = (cli, ctx) =>
  cli.command(
    "diff [dir]",
    "Show what a change does to the infrastructure: routes, permissions, data, and CloudFormation resources",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "The app directory (the head side)" })
        .option("base", { type: "string", demandOption: true, describe: "A git ref (origin/main), a cloud assembly directory, or a graph.json" })
        .option("stage", { type: "string", default: DEFAULT_STAGE, describe: "Stage both sides are built for (diff the stage you will deploy: --stage prod)" })
        .check(checkStage)
        .option("format", { choices: FORMATS, default: DEFAULT_FORMAT, describe: "text, markdown (pull-request comment) or json" })
        .option("fail-on", { choices: FAIL_ON, default: DEFAULT_FAIL_ON, describe: "Exit 1 when a change of this class (or a stronger one) exists" })
        .option("link-base", {
          type: "string",
          describe:
            "URL of the repository's files at the head commit (https://github.com/o/r/blob/<sha>): markdown links each source location; default from GitHub's or GitLab's CI, \"\" for none",
        }),
    async (argv) => {
      const report = await diff(argv.base, argv.dir, { stage: argv.stage, linkBase: argv["link-base"] ?? linkBaseFromEnv(process.env) });
      // JSON and markdown: the report whether or not both sides built (JSON carries ok and the
      // diagnostics; the pull-request comment says the build failed and lists its errors).
      if (argv.format !== "json") printDiagnostics(report.diagnostics, argv.dir);
      if (report.ok || argv.format !== "text") process.stdout.write(renderReport(report, argv.format, styleFor(process.stdout)));
      ctx.exitCode = exitCodeFor(report, argv["fail-on"]);
    },
  );

/**
 * `iac init [dir] --template <name> [--force]`: a new app from a template.
 * Without `--template` it lists the templates. Wiring only (`initApp`).
 */
import type { Argv } from "yargs";
import { LocalAppError } from "../../local/app";
import { initApp, listTemplates } from "../../local/init";
import { styleFor } from "../render/style";

export const registerInit = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command(
    "init [dir]",
    "Create an app from a template (lists the templates without --template)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "Where to create the app" })
        .option("template", { alias: "t", type: "string", describe: "Template name (see the list)" })
        .option("force", { type: "boolean", default: false, describe: "Write into a non-empty folder" }),
    (argv) => {
      const style = styleFor(process.stdout);
      if (argv.template === undefined) {
        const templates = listTemplates();
        const width = Math.max(...templates.map((t) => t.name.length));
        process.stdout.write(`Templates:\n${templates.map((t) => `  ${style.bold(t.name.padEnd(width))}  ${t.description}`).join("\n")}\n\nCreate one with: iac init <dir> --template <name>\n`);
        return;
      }
      try {
        const result = initApp({ dir: argv.dir, template: argv.template, force: argv.force });
        process.stdout.write(`Created ${result.name} from ${result.template} in ${result.dir} (${result.files.length} files)\n\nNext:\n  iac dev ${argv.dir}\n  iac test ${argv.dir}\n`);
      } catch (error) {
        if (!(error instanceof LocalAppError)) throw error;
        process.stderr.write(`iac init: ${error.message}\n`);
        ctx.exitCode = 1;
      }
    },
  );

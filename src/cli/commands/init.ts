/**
 * `iac init [dir] --template <name> [--force] [--format text|json]`: a new
 * app from a template. Without `--template` it lists the templates. Wiring
 * only (`initApp`); the next steps it prints are `initApp`'s (`cd`, `npm
 * install` while the app's dependencies are not installed, `npx iac dev`).
 */
import type { Argv } from "yargs";
import { loadLocal } from "../../compiler";
import { FORMAT_OPTION, userError, writeJson } from "../json";
import { styleFor } from "../render/style";

// The local instance's library (src/local-api.ts): loaded with this command, never with `iac build`.
const local = loadLocal();

export const registerInit = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command(
    "init [dir]",
    "Create an app from a template (lists the templates without --template)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "Where to create the app" })
        .option("template", { alias: "t", type: "string", describe: "Template name (see the list)" })
        .option("force", { type: "boolean", default: false, describe: "Write into a folder that holds other files" })
        .option("format", FORMAT_OPTION),
    (argv) => {
      const style = styleFor(process.stdout);
      const json = argv.format === "json";
      if (argv.template === undefined) {
        const templates = local.listTemplates();
        if (json) return writeJson({ ok: true, templates });
        const width = Math.max(...templates.map((t) => t.name.length));
        process.stdout.write(
          `Templates:\n${templates.map((t) => `  ${style.bold(t.name.padEnd(width))}  ${t.description}`).join("\n")}\n\nCreate one with: iac init <dir> --template <name>\n`,
        );
        return;
      }
      try {
        const result = local.initApp({ dir: argv.dir, template: argv.template, force: argv.force });
        if (json) return writeJson({ ok: true, ...result });
        const install =
          result.missing.length > 0 ? `\n\`npm install\` fetches what the app declares and does not have yet: ${result.missing.join(", ")}.\n` : "";
        process.stdout.write(
          `Created ${result.name} from ${result.template} in ${result.dir} (${result.files.length} files)\n${install}\nNext:\n${result.next.map((c) => `  ${c}`).join("\n")}\n`,
        );
      } catch (error) {
        if (!(error instanceof local.LocalAppError)) throw error;
        if (json) writeJson({ ok: false, diagnostics: [userError(error.message, { code: error.code })] });
        process.stderr.write(`iac init: ${error.message}\n`);
        ctx.exitCode = 1;
      }
    },
  );

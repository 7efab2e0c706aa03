/**
 * `iac data export [file]` and `iac data import [file] [--overwrite]` for a
 * local stage, in the data.json format. Export writes to stdout without a
 * file; import reads stdin without one. Wiring only (the library's
 * `local.exportLocalData` and `local.importLocalData`, src/local/data-io.ts).
 * Export's output is JSON already (the data.json format), so it takes no
 * `--format`; import's `--format json` is `{ ok, stage, items, written }`.
 */
import * as fs from "fs";
import type { Argv } from "yargs";
import { DEFAULT_STAGE, loadLocal } from "../../compiler";
import { FORMAT_OPTION, userError, writeJson } from "../json";
import { checkStage } from "../options";
import { printMigration } from "./local-stage";

// The local instance's library (src/local-api.ts): loaded with this command, never with `iac build`.
const local = loadLocal();

export const registerData = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command("data", "Export or import a local stage's data (data.json format)", (y) =>
    y
      .option("dir", { type: "string", default: ".", describe: "The app directory" })
      .option("stage", { type: "string", describe: `Local stage (default ${DEFAULT_STAGE})` })
      .check(checkStage)
      .command(
        "export [file]",
        "Write every item to a file (or stdout)",
        (c) => c.positional("file", { type: "string", describe: "Output file; stdout when omitted" }),
        (argv) =>
          guard(ctx, "text", async () => {
            const items = await local.exportLocalData({ dir: argv.dir, stage: localStage(argv.dir, argv.stage) });
            const text = `${JSON.stringify(items, null, 2)}\n`;
            if (argv.file) {
              fs.writeFileSync(argv.file, text);
              process.stderr.write(`exported ${items.length} item(s) to ${argv.file}\n`);
            } else process.stdout.write(text);
          }),
      )
      .command(
        "import [file]",
        "Load items from a file (or stdin); existing keys are kept unless --overwrite",
        (c) =>
          c
            .positional("file", { type: "string", describe: "Input file; stdin when omitted" })
            .option("overwrite", { type: "boolean", default: false, describe: "Replace items whose keys exist" })
            .option("format", FORMAT_OPTION),
        (argv) =>
          guard(ctx, argv.format, async () => {
            const source = argv.file ?? "stdin";
            const items = local.parseDataJson(readInput(argv.file), source);
            const stage = localStage(argv.dir, argv.stage);
            const written = await local.importLocalData({ dir: argv.dir, stage, items, overwrite: argv.overwrite });
            if (argv.format === "json") return writeJson({ ok: true, stage, items: items.length, written });
            process.stderr.write(
              `imported ${written} of ${items.length} item(s)${written < items.length ? " (existing keys kept; --overwrite replaces them)" : ""}\n`,
            );
          }),
      )
      .demandCommand(1, "data export or data import"),
  );

/** The import's input: a file the user named (a missing one is their mistake, said plainly), else stdin. */
function readInput(file: string | undefined): string {
  if (file === undefined) return fs.readFileSync(0, "utf8");
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new local.LocalAppError(
      code === "ENOENT"
        ? `${file} does not exist`
        : code === "EISDIR"
          ? `${file} is a directory, not a data.json file`
          : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
}

/** The local stage, its folder migrated when the default is used (said once on stderr). */
function localStage(dir: string, stage: string | undefined): string {
  const resolved = local.resolveLocalStage(dir, stage);
  printMigration(resolved);
  return resolved.stage;
}

async function guard(ctx: { exitCode: number }, format: "text" | "json", work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Bad input (unknown app, malformed JSON, invalid keys) is the user's to fix: exit 1, not an internal error.
    const mistake =
      error instanceof local.LocalAppError || error instanceof SyntaxError || error instanceof local.DataKeyError || error instanceof local.DataValueError;
    if (!mistake) throw error;
    if (format === "json")
      writeJson({ ok: false, diagnostics: [userError(error.message, { code: error instanceof local.LocalAppError ? error.code : undefined })] });
    process.stderr.write(`iac data: ${error.message}\n`);
    ctx.exitCode = 1;
  }
}

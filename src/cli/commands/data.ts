/**
 * `iac data export [file]` and `iac data import [file] [--overwrite]` for a
 * local stage, in the data.json format. Export writes to stdout without a
 * file; import reads stdin without one. Wiring only (`src/local/data-io.ts`).
 */
import * as fs from "fs";
import type { Argv } from "yargs";
import { DataKeyError } from "../../runtime/data/keys";
import { DataValueError } from "../../runtime/data/values";
import { LocalAppError } from "../../local/app";
import { exportLocalData, importLocalData } from "../../local/data-io";
import { parseDataJson } from "../../local/data-json";

export const registerData = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command("data", "Export or import a local stage's data (data.json format)", (y) =>
    y
      .option("dir", { type: "string", default: ".", describe: "The app directory" })
      .option("stage", { type: "string", default: "local", describe: "Local stage" })
      .command(
        "export [file]",
        "Write every item to a file (or stdout)",
        (c) => c.positional("file", { type: "string", describe: "Output file; stdout when omitted" }),
        (argv) =>
          guard(ctx, async () => {
            const items = await exportLocalData({ dir: argv.dir, stage: argv.stage });
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
            .option("overwrite", { type: "boolean", default: false, describe: "Replace items whose keys exist" }),
        (argv) =>
          guard(ctx, async () => {
            const source = argv.file ?? "stdin";
            const items = parseDataJson(readInput(argv.file), source);
            const written = await importLocalData({ dir: argv.dir, stage: argv.stage, items, overwrite: argv.overwrite });
            process.stderr.write(`imported ${written} of ${items.length} item(s)${written < items.length ? " (existing keys kept; --overwrite replaces them)" : ""}\n`);
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
    throw new LocalAppError(code === "ENOENT" ? `${file} does not exist` : code === "EISDIR" ? `${file} is a directory, not a data.json file` : `cannot read ${file}: ${(error as Error).message}`);
  }
}

async function guard(ctx: { exitCode: number }, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Bad input (unknown app, malformed JSON, invalid keys) is the user's to fix: exit 1, not an internal error.
    const userError = error instanceof LocalAppError || error instanceof SyntaxError || error instanceof DataKeyError || error instanceof DataValueError;
    if (!userError) throw error;
    process.stderr.write(`iac data: ${error.message}\n`);
    ctx.exitCode = 1;
  }
}

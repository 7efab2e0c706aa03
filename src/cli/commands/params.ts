/**
 * `iac params set NAME VALUE --stage S [--secret]` and `iac params list
 * --stage S [dir]`: a stage's params in SSM (src/deploy/params.ts). Secret
 * values are never printed: not when set, not when listed. With `--local`
 * they go to the local instance's `.iac/<stage>/params.json` instead (stage
 * `dev` by default, src/stage.ts), which `iac dev` and `iac test` read; no
 * AWS needed. `--format json`: `{ ok, stage, local, ... }` (docs/cli.md).
 */
import { analyze, checkAwsAccess, checkParamName, DEFAULT_STAGE, listParams, loadLocal, paramsPath, setParam } from "../../compiler";
import type { Diagnostic } from "../../compiler";
import type { Register } from "../main";
import { FORMAT_OPTION, userError, writeJson } from "../json";
import { checkStage } from "../options";
import { printDiagnostics } from "../output";
import { printMigration } from "./local-stage";

// The local instance's library (src/local-api.ts): loaded with this command, never with `iac build`.
const local = loadLocal();

type Ctx = { exitCode: number };
type Format = "text" | "json";

/** Stops the command with exit 1: diagnostics on stderr, or the JSON failure document. */
function fail(ctx: Ctx, format: Format, diagnostics: Diagnostic[], dir: string): void {
  if (format === "json") writeJson({ ok: false, diagnostics });
  else printDiagnostics(diagnostics, dir);
  ctx.exitCode = 1;
}

/**
 * Credentials, region and the app's name (its SSM path, from the analyzer,
 * the source synth uses), or the diagnostics why not.
 */
async function stageApp(dir: string, bad?: Diagnostic): Promise<{ app: string } | { diagnostics: Diagnostic[] }> {
  const access = await checkAwsAccess();
  const problems = [...(bad ? [bad] : []), ...(access.ok ? [] : access.diagnostics)];
  if (problems.length > 0) return { diagnostics: problems };
  const analyzed = await analyze(dir);
  return analyzed.ok ? { app: analyzed.graph.app.name } : { diagnostics: analyzed.diagnostics };
}

/** Runs the `--local` side: a local file or stage folder that cannot be used is the user's to fix (exit 1). */
function onLocal(dir: string, ctx: Ctx, format: Format, work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof local.LocalAppError)) throw error;
    fail(ctx, format, [userError(error.message, { code: error.code })], dir);
  }
}

/** The local stage, its folder migrated when the default is used (said once on stderr). */
function localStage(dir: string, stage: string | undefined): string {
  const resolved = local.resolveLocalStage(dir, stage);
  printMigration(resolved);
  return resolved.stage;
}

function printParams(params: { name: string; value?: string; secret: boolean }[], none: string): void {
  if (params.length === 0) process.stdout.write(`${none}\n`);
  for (const p of params) process.stdout.write(`${p.name.padEnd(24)} ${p.secret ? "(secret)" : (p.value ?? "")}\n`);
}

const needsStage = (argv: { local?: unknown; stage?: unknown }): true | string =>
  argv.local === true || argv.stage !== undefined ? true : "--stage is required (or --local for the local instance)";

export const registerParams: Register = (cli, ctx) =>
  cli.command("params", "Manage a stage's params (SSM Parameter Store, or --local)", (y) =>
    y
      .command(
        "set <name> <value>",
        "Set a param for a stage",
        (s) =>
          s
            .positional("name", { type: "string", demandOption: true })
            .positional("value", { type: "string", demandOption: true })
            .option("stage", { type: "string", describe: `Stage (required unless --local; with --local, default ${DEFAULT_STAGE})` })
            .option("secret", { type: "boolean", default: false, describe: "Store encrypted (SecureString); never printed" })
            .option("local", { type: "boolean", default: false, describe: `The local instance's params (.iac/<stage>/params.json)` })
            .option("dir", { type: "string", default: "." })
            .option("format", FORMAT_OPTION)
            .check(needsStage)
            .check(checkStage),
        async (argv) => {
          const bad = checkParamName(argv.name);
          if (argv.local) {
            if (bad) return fail(ctx, argv.format, [bad], argv.dir);
            return onLocal(argv.dir, ctx, argv.format, () => {
              const stage = localStage(argv.dir, argv.stage);
              const file = local.writeLocalParam(argv.dir, stage, argv.name, argv.value, argv.secret);
              if (argv.format === "json") return writeJson({ ok: true, stage, local: true, name: argv.name, secret: argv.secret, file });
              process.stdout.write(`Set ${argv.name}${argv.secret ? " (secret)" : ""} for local stage ${stage} in ${file}\n`);
            });
          }
          const stage = String(argv.stage); // needsStage: set without --local
          const target = await stageApp(argv.dir, bad);
          if ("diagnostics" in target) return fail(ctx, argv.format, target.diagnostics, argv.dir);
          const r = await setParam({ app: target.app, stage }, argv.name, argv.value, { secret: argv.secret });
          const at = paramsPath(target.app, stage);
          if (argv.format === "json")
            return writeJson({ ok: true, stage, local: false, name: r.name, secret: argv.secret, path: `${at}${r.name}`, version: r.version });
          process.stdout.write(`Set ${at}${r.name}${argv.secret ? " (secret)" : ""}, version ${r.version}\n`);
        },
      )
      .command(
        "list",
        "List a stage's params (secret values are not shown)",
        (s) =>
          s
            .option("stage", { type: "string", describe: `Stage (required unless --local; with --local, default ${DEFAULT_STAGE})` })
            .option("local", { type: "boolean", default: false, describe: "The local instance's params" })
            .option("dir", { type: "string", default: "." })
            .option("format", FORMAT_OPTION)
            .check(needsStage)
            .check(checkStage),
        async (argv) => {
          if (argv.local) {
            return onLocal(argv.dir, ctx, argv.format, () => {
              const stage = localStage(argv.dir, argv.stage);
              const params = local.listLocalParams(argv.dir, stage);
              if (argv.format === "json") return writeJson({ ok: true, stage, local: true, file: local.localParamsFile(argv.dir, stage), params });
              printParams(params, `No params for local stage ${stage}`);
            });
          }
          const stage = String(argv.stage); // needsStage: set without --local
          const target = await stageApp(argv.dir);
          if ("diagnostics" in target) return fail(ctx, argv.format, target.diagnostics, argv.dir);
          const params = await listParams({ app: target.app, stage });
          const at = paramsPath(target.app, stage);
          if (argv.format === "json") return writeJson({ ok: true, stage, local: false, path: at, params });
          printParams(params, `No params under ${at}`);
        },
      )
      .demandCommand(1, "params set or params list"),
  );

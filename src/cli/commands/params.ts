/**
 * `iac params set NAME VALUE --stage S [--secret]` and `iac params list
 * --stage S [dir]`: a stage's params in SSM (src/deploy/params.ts). Secret
 * values are never printed: not when set, not when listed. With `--local`
 * they go to the local instance's `.iac/<stage>/params.json` instead (stage
 * `local` by default), which `iac dev` and `iac test` read; no AWS needed.
 */
import { analyze } from "../../compiler";
import { checkAwsAccess, checkParamName, listParams, paramsPath, setParam } from "../../deploy";
import { DEFAULT_STAGE } from "../../local/app";
import { listLocalParams, writeLocalParam } from "../../local/params";
import type { Diagnostic } from "../../graph";
import type { Register } from "../main";
import { printDiagnostics } from "../output";

/** The app name decides the SSM path; it comes from the analyzer, the same source synth uses. */
async function appName(dir: string): Promise<string | undefined> {
  const analyzed = await analyze(dir);
  if (!analyzed.ok) {
    printDiagnostics(analyzed.diagnostics, dir);
    return undefined;
  }
  return analyzed.graph.app.name;
}

/** Credentials, region and the app's name (its SSM path), or the diagnostics why not (exit 1). */
async function stageApp(dir: string, ctx: { exitCode: number }, bad?: Diagnostic): Promise<string | undefined> {
  const access = await checkAwsAccess();
  const problems = [...(bad ? [bad] : []), ...(access.ok ? [] : access.diagnostics)];
  const app = problems.length === 0 ? await appName(dir) : undefined;
  if (problems.length > 0) printDiagnostics(problems, dir);
  if (!app) ctx.exitCode = 1;
  return app;
}

function missingStage(ctx: { exitCode: number }): void {
  process.stderr.write("--stage is required (or --local for the local instance)\n");
  ctx.exitCode = 1;
}

export const registerParams: Register = (cli, ctx) =>
  cli.command("params", "Manage a stage's params (SSM Parameter Store)", (y) =>
    y
      .command(
        "set <name> <value>",
        "Set a param for a stage",
        (s) =>
          s
            .positional("name", { type: "string", demandOption: true })
            .positional("value", { type: "string", demandOption: true })
            .option("stage", { type: "string", describe: "Stage (required unless --local)" })
            .option("secret", { type: "boolean", default: false, describe: "Store encrypted (SecureString); never printed" })
            .option("local", { type: "boolean", default: false, describe: `The local instance's params (.iac/<stage>/params.json, stage ${DEFAULT_STAGE} by default)` })
            .option("dir", { type: "string", default: "." }),
        async (argv) => {
          if (!argv.local && argv.stage === undefined) return missingStage(ctx);
          const bad = checkParamName(argv.name);
          if (argv.local) {
            if (bad) {
              printDiagnostics([bad], argv.dir);
              ctx.exitCode = 1;
              return;
            }
            const stage = argv.stage ?? DEFAULT_STAGE;
            const file = writeLocalParam(argv.dir, stage, argv.name, argv.value, argv.secret);
            process.stdout.write(`Set ${argv.name}${argv.secret ? " (secret)" : ""} for local stage ${stage} in ${file}\n`);
            return;
          }
          const stage = argv.stage ?? DEFAULT_STAGE;
          const app = await stageApp(argv.dir, ctx, bad);
          if (!app) return;
          const r = await setParam({ app, stage }, argv.name, argv.value, { secret: argv.secret });
          process.stdout.write(`Set ${paramsPath(app, stage)}${r.name}${argv.secret ? " (secret)" : ""}, version ${r.version}\n`);
        },
      )
      .command(
        "list",
        "List a stage's params (secret values are not shown)",
        (s) =>
          s
            .option("stage", { type: "string", describe: "Stage (required unless --local)" })
            .option("local", { type: "boolean", default: false, describe: "The local instance's params" })
            .option("dir", { type: "string", default: "." }),
        async (argv) => {
          if (!argv.local && argv.stage === undefined) return missingStage(ctx);
          if (argv.local) {
            const stage = argv.stage ?? DEFAULT_STAGE;
            const params = listLocalParams(argv.dir, stage);
            if (params.length === 0) process.stdout.write(`No params for local stage ${stage}\n`);
            for (const p of params) process.stdout.write(`${p.name.padEnd(24)} ${p.secret ? "(secret)" : p.value ?? ""}\n`);
            return;
          }
          const stage = argv.stage ?? DEFAULT_STAGE;
          const app = await stageApp(argv.dir, ctx);
          if (!app) return;
          const params = await listParams({ app, stage });
          if (params.length === 0) process.stdout.write(`No params under ${paramsPath(app, stage)}\n`);
          for (const p of params) process.stdout.write(`${p.name.padEnd(24)} ${p.secret ? "(secret)" : p.value ?? ""}\n`);
        },
      )
      .demandCommand(1, "params set or params list"),
  );

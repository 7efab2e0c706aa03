/**
 * `iac dev [dir] [--port N] [--host ADDR] [--stage NAME] [--seed] [--reseed] [--ttl-sweep S] [--no-analysis]`:
 * runs the app locally and reloads it on save. Wiring only: `startDevServer`
 * does the work; this prints its logs, build diagnostics and analysis
 * reports, reads terminal commands, and stops cleanly on Ctrl-C (exit 0).
 * Analysis errors do not stop the server (it is a dev loop): they are printed
 * with the note that `iac build` would fail. A busy port or a locked stage is
 * an app-level error (exit 1); so is a port or stage that cannot be one,
 * checked before anything starts. It serves 127.0.0.1 unless `--host` says
 * otherwise (warned about), and prints the dashboard's and the control
 * endpoint's URLs with this run's token (docs/dev.md, docs/security.md). It
 * streams logs, so it offers no `--format json` (its control endpoint,
 * docs/dev.md, answers in JSON).
 */
import * as path from "path";
import type { Argv } from "yargs";
import { DEFAULT_STAGE, loadLocal } from "../../compiler";
import { checkStage } from "../options";
import { printDiagnostics } from "../output";
import { renderAnalysis } from "../render/dev-analysis";
import { styleFor } from "../render/style";
import { printMigration } from "./local-stage";

// The local instance's library (src/local-api.ts): loaded with this command, never with `iac build`.
const local = loadLocal();

/** `--port`: a whole number from 0 to 65535, as written (yargs would turn "abc" into NaN before we could quote it). */
function parsePort(value: unknown): number | undefined {
  const text = String(value).trim();
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

export const registerDev = (cli: Argv, ctx: { exitCode: number }): Argv =>
  cli.command(
    "dev [dir]",
    "Run the app locally, reloading on save (data, files and events stay local)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "The app directory" })
        .option("port", { type: "string", default: "3000", describe: "Port to serve on, 0 to 65535 (0 picks a free one)" })
        .check(
          (argv) =>
            parsePort(argv.port) !== undefined ||
            `--port must be a whole number from 0 to 65535 (0 picks a free port); got ${JSON.stringify(String(argv.port))}`,
        )
        .option("host", {
          type: "string",
          describe: "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens the app and its data to the network)",
        })
        .check(
          (argv) =>
            argv.host === undefined || (typeof argv.host === "string" && argv.host.trim() !== "") || "--host needs an address, e.g. 0.0.0.0 or 192.168.1.20",
        )
        .option("stage", { type: "string", describe: `Local stage: its data and files live in .iac/<stage>/ (default ${DEFAULT_STAGE})` })
        .check(checkStage)
        .option("seed", { type: "boolean", default: false, describe: "Reseed from data.json at start (overwriting those keys)" })
        .option("reseed", { type: "boolean", default: false, describe: "Reseed whenever data.json changes" })
        .option("ttl-sweep", { type: "number", default: 30, describe: "Seconds between deletions of expired items (data.on sees each as deleted); 0: never" })
        .option("analysis", {
          type: "boolean",
          default: true,
          describe: "Analyse the app as iac build does, at start and after every rebuild, and print what changed (--no-analysis: don't)",
        }),
    async (argv) => {
      const sweep = argv["ttl-sweep"];
      if (!Number.isFinite(sweep) || sweep < 0) {
        process.stderr.write(`iac dev: --ttl-sweep must be a number of seconds, 0 or more (got ${String(sweep)})\n`);
        ctx.exitCode = 1;
        return;
      }
      const style = styleFor(process.stdout);
      const errStyle = styleFor(process.stderr);
      const root = path.resolve(argv.dir);
      let server;
      try {
        const stage = local.resolveLocalStage(argv.dir, argv.stage);
        printMigration(stage);
        server = await local.startDevServer({
          dir: argv.dir,
          port: parsePort(argv.port),
          ...(argv.host !== undefined ? { host: argv.host.trim() } : {}),
          stage: stage.stage,
          seed: argv.seed,
          reseed: argv.reseed,
          ttlSweepMs: Math.round(sweep * 1000),
          write: (line) => process.stdout.write(`${line}\n`),
          paint: style,
          onDiagnostics: (diagnostics) => printDiagnostics(diagnostics, argv.dir),
          ...(argv.analysis
            ? {
                onAnalysis: (report) => {
                  const rendered = renderAnalysis(report, root, style, errStyle);
                  if (rendered.diagnostics) process.stderr.write(`${rendered.diagnostics}\n`);
                  for (const line of rendered.lines) process.stdout.write(`${line}\n`);
                },
              }
            : {}),
        });
      } catch (error) {
        if (!(error instanceof local.LocalAppError)) throw error;
        process.stderr.write(`iac dev: ${error.message}\n`);
        ctx.exitCode = 1;
        return;
      }
      const running = server;
      process.stdout.write(
        `\n  ${style.bold(running.url)}\n  dashboard: ${running.dashboardUrl}\n  control: ${running.controlUrl}\n\n${local.TERMINAL_HELP}\n\n`,
      );
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (): void => {
          if (stopping) return;
          stopping = true;
          stopCommands();
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          running.close().then(resolve, (error: unknown) => {
            process.stderr.write(`iac dev: error while stopping: ${String(error)}\n`);
            resolve();
          });
        };
        const stopCommands = local.readCommands(process.stdin, running, (line) => process.stdout.write(`${line}\n`), stop);
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.stdout.write("stopped\n");
    },
  );

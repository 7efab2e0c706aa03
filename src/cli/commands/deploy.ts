/**
 * `iac deploy [dir] --stage S [--ephemeral] [--require-approval] [--yes] [--accept-identity-change] [--format text|json]`.
 * Wiring only: the library (`deploy`, src/deploy) checks credentials, builds, runs
 * the toolkit and returns a report; this prints progress and the result and sets the exit
 * code (1 for anything the user can fix: credentials, the app, a refusal).
 */
import * as readline from "readline";
import { deploy, describeCause } from "../../compiler";
import type { Approver, Change } from "../../compiler";
import type { Register } from "../main";
import { FORMAT_OPTION, writeJson } from "../json";
import { printDiagnostics } from "../output";
import { checkStage } from "../options";
import { styleFor } from "../render/style";

function describeChange(c: Change): string {
  const where = c.causes[0] ? ` (${describeCause(c.causes[0])})` : "";
  return `${c.class.padEnd(11)} ${c.subject} ${c.action}: ${c.reason}${where}`;
}

/** Asks on the terminal; without one (CI) the answer is no, so `--yes` must be explicit. */
function terminalApprover(): Approver {
  return async (changes) => {
    process.stderr.write(`\nThis deployment needs approval:\n${changes.map((c) => `  ${describeChange(c)}`).join("\n")}\n`);
    if (!process.stdin.isTTY) {
      process.stderr.write("No terminal to ask on: pass --yes to approve in CI.\n");
      return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await new Promise<string>((resolve) => rl.question("Deploy these changes? (y/N) ", resolve));
    rl.close();
    return /^y(es)?$/i.test(answer.trim());
  };
}

/** Progress goes to stderr, so stdout holds only the result. */
export const out = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export const registerDeploy: Register = (cli, ctx) =>
  cli.command(
    "deploy [dir]",
    "Build the app and deploy stack <app>-<stage> to AWS",
    (y) =>
      y
        .positional("dir", { type: "string", default: "." })
        .option("stage", { type: "string", demandOption: true, describe: "Stage to deploy (qa, prod, a sandbox name)" })
        .check(checkStage)
        .option("ephemeral", {
          type: "boolean",
          describe: "A sandbox: seeded from data.json, its data may go with it (default: iac.config's stage settings, else long-lived)",
        })
        .option("require-approval", { type: "boolean", default: false, describe: "Ask before permissions widen or resources are replaced" })
        .option("yes", { type: "boolean", default: false, describe: "Approve without asking (CI)" })
        .option("accept-identity-change", {
          type: "boolean",
          default: false,
          describe: "Deploy although the app's identity (iac.app.json) changed: a new stack with an empty table, the data left in the old one",
        })
        .option("format", FORMAT_OPTION),
    async (argv) => {
      const style = styleFor(process.stderr);
      const approve = argv["require-approval"] && !argv.yes ? terminalApprover() : undefined;
      const report = await deploy(argv.dir, {
        stage: argv.stage,
        ephemeral: argv.ephemeral,
        approve,
        onProgress: out,
        progressStyle: style,
        acceptIdentityChange: argv["accept-identity-change"],
      });
      ctx.exitCode = report.ok ? 0 : 1;
      if (argv.format === "json") return writeJson(report);
      printDiagnostics(report.diagnostics, argv.dir);
      if (!report.ok) return;
      const changed = report.changes.length === 0 ? "no resource changes" : `${report.changes.length} resource change(s)`;
      const updates = report.updates > 1 ? `, in ${report.updates} stack updates for ${report.indexChanges.length} label index changes` : "";
      process.stdout.write(`${style.green("Deployed")} ${report.stackName} (${changed}${updates})\n`);
      for (const c of report.changes) process.stdout.write(`  ${describeChange(c)}\n`);
      if (report.seeded) process.stdout.write(`Seeded ${report.seeded.items} item(s) from data.json\n`);
      if (report.url) process.stdout.write(`Url: ${report.url}\n`);
    },
  );

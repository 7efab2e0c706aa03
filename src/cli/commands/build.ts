/** `iac build [dir] --stage <name> [--out <dir>] [--ephemeral] [--format text|json]` */
import * as path from "path";
import { build, DEFAULT_STAGE } from "../../compiler";
import type { BuildResult, ResourceKind } from "../../compiler";
import { FORMAT_OPTION, writeJson } from "../json";
import { printDiagnostics } from "../output";
import { checkStage } from "../options";
import { LISTENER_KINDS } from "../render/kinds";
import { styleFor } from "../render/style";
import type { Register } from "../main";

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function summary(result: Extract<BuildResult, { ok: true }>): string {
  const style = styleFor(process.stdout);
  const g = result.graph;
  const count = (kind: ResourceKind) => g.resources.filter((r) => r.kind === kind).length;
  const listeners = LISTENER_KINDS.map((l) => ({ name: l.name, n: count(l.kind) }));
  const api = g.resources.find((r) => r.kind === "api");
  const data = g.resources.find((r) => r.kind === "data");
  const lines = [
    style.bold(`${result.stackName}`) + `  built in ${(result.durationMs / 1000).toFixed(2)} s`,
    `  routes          ${api && api.kind === "api" ? api.routes.length : 0}`,
    `  schedules       ${count("schedule")}`,
    `  listeners       ${listeners.reduce((sum, l) => sum + l.n, 0)} (${listeners.map((l) => `${l.name} ${l.n}`).join(", ")})`,
    `  data indexes    ${data && data.kind === "data" ? data.labels.join(", ") || "none" : "no table"}`,
    `  storage         ${count("storage") ? "bucket" : "none"}`,
    `  functions       ${result.functions.length}`,
    ...result.functions.map(
      (f) =>
        `    ${f.id.padEnd(28)} ${kib(f.bundleBytes).padStart(10)}${f.lazyBundleBytes > 0 ? ` (+${kib(f.lazyBundleBytes)} loaded on demand)` : ""}  timeout ${f.timeoutMs / 1000}s`,
    ),
    `  template        ${path.relative(process.cwd(), result.templatePath) || result.templatePath}`,
    `  graph           ${path.relative(process.cwd(), result.graphPath) || result.graphPath}`,
  ];
  return lines.join("\n");
}

export const registerBuild: Register = (cli, ctx) =>
  cli.command(
    "build [dir]",
    "Analyze the app and synthesize its CloudFormation (a CDK cloud assembly)",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "App directory" })
        .option("stage", { type: "string", default: DEFAULT_STAGE, describe: "Stage to build (qa, prod, a sandbox name)" })
        .check(checkStage)
        .option("ephemeral", {
          type: "boolean",
          describe: "Sandbox/preview stage: data destroyed with the stack, no CDN caching (default: iac.config's stage setting, else false)",
        })
        .option("out", { type: "string", describe: "Cloud assembly directory (default <dir>/cdk.out)" })
        .option("validate", { type: "boolean", describe: "Run CDK's CloudFormation template validation" })
        .option("format", FORMAT_OPTION)
        .example("$0 build examples/todo --stage qa", "Writes examples/todo/cdk.out and examples/todo/.iac/graph.json"),
    async (args) => {
      const result = await build(args.dir, {
        stage: args.stage,
        ephemeral: args.ephemeral,
        outDir: args.out,
        validateTemplate: args.validate,
        // The first build writes iac.app.json, the app's identity (src/config/identity.ts).
        pinIdentity: true,
      });
      if (args.format === "json") {
        const { graph: _graph, ...rest } = result;
        writeJson(rest);
      } else {
        printDiagnostics(result.diagnostics, args.dir);
        if (result.ok) process.stdout.write(`${summary(result)}\n`);
      }
      ctx.exitCode = result.ok ? 0 : 1;
    },
  );

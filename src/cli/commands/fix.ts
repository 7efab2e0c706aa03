/** `iac fix [dir] [--dry-run] [--only CODE]` */
import type { Register } from "../main";

export const registerFix: Register = (cli, ctx) =>
  cli.command(
    "fix [dir]",
    "Apply the fixes the analyzer's diagnostics carry",
    (y) => y.positional("dir", { type: "string", default: ".", describe: "App directory" }),
    async () => {
      process.stderr.write("iac fix: not available yet\n");
      ctx.exitCode = 2;
    },
  );

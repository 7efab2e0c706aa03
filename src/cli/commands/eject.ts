/** `iac eject [dir] --out <dir> [--stage S]` */
import type { Register } from "../main";

export const registerEject: Register = (cli, ctx) =>
  cli.command(
    "eject [dir]",
    "Write the app's infrastructure as a standalone AWS CDK app in TypeScript",
    (y) => y.positional("dir", { type: "string", default: ".", describe: "App directory" }),
    async () => {
      process.stderr.write("iac eject: not available yet\n");
      ctx.exitCode = 2;
    },
  );

/**
 * Commands typed into the `iac dev` terminal, one per line (so they also
 * work from a pipe or a script): fire a schedule, publish an event, reload,
 * quit. The same actions are on the control endpoint (`/_iac`).
 */
import * as readline from "readline";
import type { DevServer } from "./server";

export const TERMINAL_HELP = [
  "  s                 list schedules        s <n|expression>   run one now",
  "  e <name> [json]   publish an event      r                  reload now",
  "  q                 quit (or Ctrl-C)      h                  this help",
].join("\n");

export function readCommands(input: NodeJS.ReadableStream, server: DevServer, say: (line: string) => void, quit: () => void): () => void {
  const rl = readline.createInterface({ input, terminal: false });
  rl.on("line", (line) => {
    void run(line.trim(), server, say, quit).catch((error: unknown) => say(error instanceof Error ? error.message : String(error)));
  });
  return () => rl.close();
}

async function run(line: string, server: DevServer, say: (line: string) => void, quit: () => void): Promise<void> {
  const [command, ...rest] = line.split(/\s+/);
  const arg = line.slice(command.length).trim();
  switch (command) {
    case "":
      return;
    case "s": {
      const all = server.schedules();
      if (arg === "") {
        say(all.length === 0 ? "no schedules" : all.map((e, i) => `  ${i + 1}. ${e}`).join("\n"));
        return;
      }
      const byIndex = /^\d+$/.test(arg) ? all[Number(arg) - 1] : undefined;
      const expression = byIndex ?? all.find((e) => e === arg || e.includes(arg)) ?? arg;
      await server.runSchedule(expression);
      say(`schedule ${expression}: done`);
      return;
    }
    case "e": {
      const name = rest[0];
      if (!name) return say("usage: e <name> [json body]");
      const json = arg.slice(name.length).trim();
      const body: unknown = json === "" ? undefined : JSON.parse(json);
      const { id } = await server.publish(name, body);
      say(`published ${name} (${id})`);
      return;
    }
    case "r":
      await server.reload();
      return;
    case "q":
      return quit();
    case "h":
    case "?":
      return say(TERMINAL_HELP);
    default:
      say(`unknown command "${command}"; h for help`);
  }
}

/**
 * Terminal styling. Colour follows the conventions other tools honour, in
 * this order: FORCE_COLOR (`0`/`false` off, anything else on, TTY or not),
 * NO_COLOR (any non-empty value: off), TERM=dumb (off), a TTY (on), and the
 * CI services whose logs render ANSI colour though output is piped (on).
 */
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

function wrap(open: number, close: number): (s: string) => string {
  return (s) => `\u001b[${open}m${s}\u001b[${close}m`;
}

const plain: Style = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };
const colour: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  green: wrap(32, 39),
};

export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  return colourEnabled(stream, env) ? colour : plain;
}

/** CI services whose log viewers render ANSI colour. */
const COLOUR_CI = ["GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "DRONE", "TF_BUILD"];

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  if (stream.isTTY) return true;
  return isCI(env) && COLOUR_CI.some((name) => env[name] !== undefined && env[name] !== "" && env[name] !== "false");
}

/** Running under a CI service: `CI` set (not `false`), as every major service sets it. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI.toLowerCase() !== "false";
}

/**
 * When the CLI colours its output: FORCE_COLOR first (as Node and
 * supports-color read it), then NO_COLOR, TERM=dumb, a TTY, and CI services
 * whose logs render colour.
 */
import { colourEnabled, isCI } from "../../src/cli/render/style";

const tty = { isTTY: true };
const pipe = { isTTY: false };

test.each([
  ["a TTY", tty, {}, true],
  ["a pipe", pipe, {}, false],
  ["NO_COLOR on a TTY", tty, { NO_COLOR: "1" }, false],
  ["an empty NO_COLOR", tty, { NO_COLOR: "" }, true],
  ["FORCE_COLOR=1 on a pipe", pipe, { FORCE_COLOR: "1" }, true],
  ["FORCE_COLOR (empty) on a pipe", pipe, { FORCE_COLOR: "" }, true],
  ["FORCE_COLOR=0 on a TTY", tty, { FORCE_COLOR: "0" }, false],
  ["FORCE_COLOR=false on a TTY", tty, { FORCE_COLOR: "false" }, false],
  ["FORCE_COLOR=1 over NO_COLOR", pipe, { FORCE_COLOR: "1", NO_COLOR: "1" }, true],
  ["TERM=dumb on a TTY", tty, { TERM: "dumb" }, false],
  ["GitHub Actions (piped)", pipe, { CI: "true", GITHUB_ACTIONS: "true" }, true],
  ["an unnamed CI (piped)", pipe, { CI: "true" }, false],
  ["GitHub Actions with NO_COLOR", pipe, { CI: "true", GITHUB_ACTIONS: "true", NO_COLOR: "1" }, false],
] as const)("%s", (_name, stream, env, expected) => {
  expect(colourEnabled(stream, env as NodeJS.ProcessEnv)).toBe(expected);
});

test.each([
  [{ CI: "true" }, true],
  [{ CI: "1" }, true],
  [{ CI: "false" }, false],
  [{ CI: "0" }, false],
  [{}, false],
] as const)("isCI(%j) is %s", (env, expected) => {
  expect(isCI(env as NodeJS.ProcessEnv)).toBe(expected);
});

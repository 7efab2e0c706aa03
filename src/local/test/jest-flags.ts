/**
 * The Jest options `iac test` passes through: Jest's own flags, with Jest's
 * own types, aliases and descriptions (jest-cli's `yargsOptions`, so they
 * parse exactly as `jest` parses them), except those with which iac builds
 * the run: where tests are found and how they load (config, roots,
 * transform, module mapping, environment, setup files, runner) and what
 * iac sets itself (watchman off; `--workers` is iac's spelling of
 * maxWorkers, `-w` and `--maxWorkers` stay Jest's).
 */
import * as path from "path";
import type { Options } from "yargs";

/** Passed through and listed in `iac test --help`. */
export const SHOWN_JEST_FLAGS = [
  "watch",
  "watchAll",
  "testNamePattern",
  "passWithNoTests",
  "ci",
  "updateSnapshot",
  "bail",
  "verbose",
  "silent",
  "runInBand",
  "json",
  "outputFile",
  "listTests",
  "onlyChanged",
  "detectOpenHandles",
] as const;

/** Passed through, not listed (`iac test --help` stays short); Jest's documentation covers them. */
export const OTHER_JEST_FLAGS = [
  "all",
  "changedFilesWithAncestor",
  "changedSince",
  "clearMocks",
  "collectCoverageFrom",
  "color",
  "colors",
  "coverageDirectory",
  "coverageProvider",
  "coverageReporters",
  "coverageThreshold",
  "errorOnDeprecated",
  "expand",
  "findRelatedTests",
  "forceExit",
  "lastCommit",
  "logHeapUsage",
  "maxConcurrency",
  "maxWorkers",
  "noStackTrace",
  "onlyFailures",
  "openHandlesTimeout",
  "randomize",
  "resetMocks",
  "resetModules",
  "restoreMocks",
  "seed",
  "shard",
  "showSeed",
  "testLocationInResults",
  "testTimeout",
  "useStderr",
  "waitForUnhandledRejections",
] as const;

export type JestFlag = (typeof SHOWN_JEST_FLAGS)[number] | (typeof OTHER_JEST_FLAGS)[number];

/** Jest's option table: jest-cli is jest's own dependency, so it is found from jest's folder. */
function jestYargsOptions(): Record<string, Options> {
  const jestDir = path.dirname(require.resolve("jest/package.json"));
  const cli: unknown = require(require.resolve("jest-cli", { paths: [jestDir] }));
  const options = typeof cli === "object" && cli !== null ? Reflect.get(cli, "yargsOptions") : undefined;
  if (typeof options !== "object" || options === null) throw new Error("internal: jest-cli has no yargsOptions table");
  return { ...options };
}

/** The yargs options for every passed-through flag: Jest's definitions, the rarer ones hidden. */
export function jestFlagOptions(): Record<string, Options> {
  const table = jestYargsOptions();
  const shown: readonly string[] = SHOWN_JEST_FLAGS;
  const out: Record<string, Options> = {};
  for (const name of [...SHOWN_JEST_FLAGS, ...OTHER_JEST_FLAGS]) {
    const own = table[name];
    if (!own) throw new Error(`internal: Jest has no --${name} option`);
    // No defaults: Jest applies its own; one set here would override the app's Jest config.
    const { default: _default, ...rest } = own;
    out[name] = { ...rest, ...(shown.includes(name) ? {} : { hidden: true }) };
  }
  return out;
}

/** The passed-through flags the user gave, by Jest's names, ready for `runCLI`'s argv. */
export function pickJestFlags(argv: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of [...SHOWN_JEST_FLAGS, ...OTHER_JEST_FLAGS]) {
    if (argv[name] !== undefined) picked[name] = argv[name];
  }
  return picked;
}

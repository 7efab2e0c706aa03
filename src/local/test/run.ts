/**
 * `iac test`: runs the app's Jest tests against a fresh local instance.
 *
 * Input: the app folder, an optional test path pattern, coverage and worker
 * settings. Output: Jest's own report on the terminal and its verdict as an
 * exit code (0 all passed, 1 otherwise). The host starts one in-memory data
 * server for the run; every test file gets its own table, storage folder
 * and SDK instance (see `setup.ts`), with `iac` and `@serverless/cloud`
 * mapped to the runtime sources, so tests run the code Lambda runs.
 */
import * as fs from "fs";
import * as path from "path";
import { runCLI, type Config } from "jest";
import { tsconfigPathMappings } from "../../analyzer/program";
import { startLocalDynamo } from "../../runtime/data/local";
import { LocalAppError, localDistPath, localSourcePath, resolveLocalApp, resolveLocalStage, runtimeSourceDir, toolNodeModules } from "../app";
import { packageRoot } from "../../synth/paths";
import { readLocalParams } from "../params";
import { writeTestEnv } from "./env";

export interface TestOptions {
  dir: string;
  /** A regex on test file paths, as Jest's own `testPathPatterns`. */
  pattern?: string;
  coverage?: boolean;
  workers?: number;
  /** Whose params (`.iac/<stage>/params.json`) the tests see. Default DEFAULT_STAGE (src/stage.ts). */
  stage?: string;
  /**
   * Jest's own options, by Jest's names, as its command line parses them
   * (`{ watchAll: true, testNamePattern: "notes" }`; jest-flags.ts lists
   * those iac passes through). Never the ones iac sets: config and watchman.
   */
  jest?: Record<string, unknown>;
}

export interface TestOutcome {
  exitCode: number;
  /** Test files Jest ran. */
  files: number;
}

export async function runAppTests(options: TestOptions): Promise<TestOutcome> {
  const app = resolveLocalApp(options.dir);
  const { stage } = resolveLocalStage(app.dir, options.stage);
  const dynamo = await startLocalDynamo();
  const previous = { ...process.env };
  try {
    Object.assign(
      process.env,
      writeTestEnv({
        appDir: app.dir,
        entry: app.entry,
        dataEndpoint: dynamo.endpoint,
        params: readLocalParams({ appDir: app.dir, appName: app.name, stage }),
      }),
    );
    const config = jestConfig(app.dir, snapshotFormatFor(app.dir, app.entry));
    const argv: Parameters<typeof runCLI>[0] = {
      ...options.jest,
      $0: "iac test",
      _: [],
      config: JSON.stringify(config),
      watchman: false,
      coverage: options.coverage ?? false,
      ...(options.workers !== undefined ? { maxWorkers: options.workers } : {}),
      ...(options.pattern ? { testPathPatterns: [options.pattern] } : {}),
    };
    await checkJestOptions(argv, app.dir);
    const { results } = await runCLI(argv, [app.dir]);
    return { exitCode: results.success ? 0 : 1, files: results.numTotalTestSuites };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
    Object.assign(process.env, previous);
    await dynamo.close();
  }
}

/**
 * Jest's own reading of the options, before any test runs: a value Jest
 * refuses (`--shard abc`, a `--coverageThreshold` that is not JSON) is the
 * user's to fix (exit 1), said in Jest's words. iac's own part of the
 * configuration is fixed, so what fails here came from the command line.
 */
async function checkJestOptions(argv: Parameters<typeof runCLI>[0], appDir: string): Promise<void> {
  const jestDir = path.dirname(require.resolve("jest/package.json"));
  const jestConfig: unknown = require(require.resolve("jest-config", { paths: [jestDir] }));
  const readConfigs = typeof jestConfig === "object" && jestConfig !== null ? Reflect.get(jestConfig, "readConfigs") : undefined;
  if (typeof readConfigs !== "function") return;
  try {
    await readConfigs(argv, [appDir]);
  } catch (error) {
    throw new LocalAppError(`Jest refused the options: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Jest's `snapshotFormat` option (pretty-format options). */
export type SnapshotFormat = NonNullable<Config["snapshotFormat"]>;

/** The format Jest 27 and 28 wrote snapshots in (Jest 29 changed both defaults to false). */
export const JEST_27_SNAPSHOT_FORMAT: SnapshotFormat = { printBasicPrototype: true, escapeString: true };

const SKIPPED_DIRS = new Set(["node_modules", ".iac", "cdk.out", "dist", ".git"]);
/** A plain object or array printed with its prototype's name, `Object {` / `Array [`: Jest 27's format. */
const JEST_27_SNAPSHOT_LINE = /(?:^|[\s`])(?:Object \{|Array \[)/m;
/** The header Jest 29.x and later write at the top of a snapshot file. */
const JEST_29_SNAPSHOT_HEADER = /^\/\/ Jest Snapshot v\d+, https:\/\/jestjs\.io\//;

/**
 * Which snapshot format the app's tests expect. Jest 29 changed the default
 * (no `Object {` / `Array [` prefixes, no escaping of backticks and
 * backslashes), so snapshots written by Jest 27, the Jest apps written for
 * Serverless Cloud were tested with, all fail under Jest 30. The rule, first
 * match wins:
 *   1. the app's own Jest config says (`snapshotFormat` in the package.json
 *      `jest` key or in `jest.config.json`): that;
 *   2. one of the app's `.snap` files is in Jest 27's format: Jest 27's format;
 *   3. the app imports `@serverless/cloud` (a package.json dependency, or its
 *      entry module names it) and none of its `.snap` files was written by
 *      Jest 29 or later (their header links jestjs.io): Jest 27's format;
 *   4. otherwise Jest's default (undefined here).
 */
export function snapshotFormatFor(appDir: string, entry: string): SnapshotFormat | undefined {
  const own = ownSnapshotFormat(appDir);
  if (own) return own;
  let newer = false;
  for (const file of snapshotFiles(appDir)) {
    const text = fs.readFileSync(file, "utf8");
    if (JEST_27_SNAPSHOT_LINE.test(text)) return JEST_27_SNAPSHOT_FORMAT;
    if (JEST_29_SNAPSHOT_HEADER.test(text)) newer = true;
  }
  return !newer && importsServerlessCloud(appDir, entry) ? JEST_27_SNAPSHOT_FORMAT : undefined;
}

function ownSnapshotFormat(appDir: string): SnapshotFormat | undefined {
  const sources: [string, (parsed: unknown) => unknown][] = [
    [path.join(appDir, "package.json"), (parsed) => (isObject(parsed) ? parsed.jest : undefined)],
    [path.join(appDir, "jest.config.json"), (parsed) => parsed],
  ];
  for (const [file, pick] of sources) {
    if (!fs.existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const config = pick(parsed);
    if (isObject(config) && isObject(config.snapshotFormat)) return { ...config.snapshotFormat };
  }
  return undefined;
}

function importsServerlessCloud(appDir: string, entry: string): boolean {
  const manifest = path.join(appDir, "package.json");
  if (fs.existsSync(manifest)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8"));
    if (isObject(parsed)) {
      for (const field of ["dependencies", "devDependencies"]) {
        const deps = parsed[field];
        if (isObject(deps) && "@serverless/cloud" in deps) return true;
      }
    }
  }
  return fs.readFileSync(entry, "utf8").includes("@serverless/cloud");
}

/** The app's `__snapshots__/*.snap` files, outside dependencies and iac's own output. */
function snapshotFiles(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) snapshotFiles(full, found);
    } else if (entry.isFile() && entry.name.endsWith(".snap") && path.basename(dir) === "__snapshots__") {
      found.push(full);
    }
  }
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The app's tsconfig `paths` (`"@lib/*": ["src/lib/*"]`) as Jest module
 * name mappings, so tests resolve the aliases `iac build` and `iac dev`
 * resolve (esbuild reads tsconfig itself). Loads the TypeScript compiler
 * only when a tsconfig could hold paths.
 */
function pathsMapper(appDir: string): Record<string, string | string[]> {
  const config = path.join(appDir, "tsconfig.json");
  if (!fs.existsSync(config) || !/"(paths|extends)"/.test(fs.readFileSync(config, "utf8"))) return {};
  const mapper: Record<string, string | string[]> = {};
  for (const { pattern, targets } of tsconfigPathMappings(appDir)) {
    if (pattern === "iac" || pattern === "@serverless/cloud") continue;
    const star = pattern.indexOf("*");
    const regex = star < 0 ? `^${escapeRegex(pattern)}$` : `^${escapeRegex(pattern.slice(0, star))}(.*)${escapeRegex(pattern.slice(star + 1))}$`;
    const mapped = targets.map((t) => (star < 0 ? t : t.replace("*", "$1")));
    mapper[regex] = mapped.length === 1 ? mapped[0] : mapped;
  }
  return mapper;
}

export function jestConfig(appDir: string, snapshotFormat?: SnapshotFormat): Config {
  const runtimeIndex = path.join(runtimeSourceDir(), "index.ts");
  const transformer = localDistPath("test", "transform.js");
  const runtime = localDistPath("test", "runtime.js");
  for (const file of [transformer, runtime]) {
    if (!fs.existsSync(file)) throw new Error(`internal: the compiled ${path.basename(file)} of iac test is missing (${file}); run npm run build`);
  }
  return {
    rootDir: appDir,
    roots: ["<rootDir>"],
    testEnvironment: "node",
    testMatch: ["**/__tests__/**/*.?([mc])[jt]s?(x)", "**/?(*.)test.?([mc])[jt]s?(x)"],
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/.iac/", "<rootDir>/cdk.out/", "<rootDir>/dist/"],
    modulePathIgnorePatterns: ["<rootDir>/.iac/", "<rootDir>/cdk.out/"],
    moduleFileExtensions: ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "json", "node"],
    // The SDK first: an app's `paths` cannot take its names (the analyzer and the bundler hold the same line).
    moduleNameMapper: { "^iac$": runtimeIndex, "^@serverless/cloud$": runtimeIndex, ...pathsMapper(appDir) },
    // Apps without node_modules (a fresh template) still find express & co. where iac does.
    modulePaths: toolNodeModules(),
    transform: { "\\.[cm]?[jt]sx?$": transformer },
    // .mjs and "type": "module" files run as the CommonJS the transform makes of them (see runtime.ts).
    runtime,
    // The runtime ships as TypeScript: transform it even when iac itself sits in node_modules
    // (under whatever name: `iac` by alias, `iac-compiler`, a pnpm store path).
    transformIgnorePatterns: [`^(?!${escapeRegex(path.join(packageRoot(), "src") + path.sep)}).*/node_modules/`],
    setupFilesAfterEnv: [localSourcePath("test", "setup.ts")],
    coveragePathIgnorePatterns: ["/node_modules/", escapeRegex(runtimeSourceDir()), escapeRegex(localSourcePath()), "<rootDir>/.iac/"],
    testTimeout: 30_000,
    ...(snapshotFormat ? { snapshotFormat } : {}),
  };
}

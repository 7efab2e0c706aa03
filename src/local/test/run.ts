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
import { startLocalDynamo } from "../../runtime/data/local";
import { localDistPath, localSourcePath, resolveLocalApp, runtimeSourceDir, toolNodeModules, DEFAULT_STAGE } from "../app";
import { readLocalParams } from "../params";
import { writeTestEnv } from "./env";

export interface TestOptions {
  dir: string;
  /** A regex on test file paths, as Jest's own `testPathPatterns`. */
  pattern?: string;
  coverage?: boolean;
  workers?: number;
  /** Whose params (`.iac/<stage>/params.json`) the tests see. Default `local`. */
  stage?: string;
}

export interface TestOutcome {
  exitCode: number;
  /** Test files Jest ran. */
  files: number;
}

export async function runAppTests(options: TestOptions): Promise<TestOutcome> {
  const app = resolveLocalApp(options.dir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const dynamo = await startLocalDynamo();
  const previous = { ...process.env };
  try {
    Object.assign(process.env, writeTestEnv({
      appDir: app.dir,
      entry: app.entry,
      dataEndpoint: dynamo.endpoint,
      params: readLocalParams({ appDir: app.dir, appName: app.name, stage }),
    }));
    const config = jestConfig(app.dir);
    const argv: Parameters<typeof runCLI>[0] = {
      $0: "iac test",
      _: [],
      config: JSON.stringify(config),
      watchman: false,
      coverage: options.coverage ?? false,
      ...(options.workers !== undefined ? { maxWorkers: options.workers } : {}),
      ...(options.pattern ? { testPathPatterns: [options.pattern] } : {}),
    };
    const { results } = await runCLI(argv, [app.dir]);
    return { exitCode: results.success ? 0 : 1, files: results.numTotalTestSuites };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
    Object.assign(process.env, previous);
    await dynamo.close();
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function jestConfig(appDir: string): Config {
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
    moduleNameMapper: { "^iac$": runtimeIndex, "^@serverless/cloud$": runtimeIndex },
    // Apps without node_modules (a fresh template) still find express & co. where iac does.
    modulePaths: toolNodeModules(),
    transform: { "\\.[cm]?[jt]sx?$": transformer },
    // .mjs and "type": "module" files run as the CommonJS the transform makes of them (see runtime.ts).
    runtime,
    // The runtime ships as TypeScript: transform it even when iac itself sits in node_modules.
    transformIgnorePatterns: ["/node_modules/(?!iac/src/)"],
    setupFilesAfterEnv: [localSourcePath("test", "setup.ts")],
    coveragePathIgnorePatterns: ["/node_modules/", escapeRegex(runtimeSourceDir()), escapeRegex(localSourcePath()), "<rootDir>/.iac/"],
    testTimeout: 30_000,
  };
}

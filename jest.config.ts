import type { Config } from "jest";

// ts-jest in transpile-only mode (isolatedModules): type errors are caught by
// `npm run typecheck`, which `npm test` runs first.
const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/apps holds apps whose own tests run under `iac test` (test/apps.test.ts), not here.
  testPathIgnorePatterns: ["/node_modules/", "/fixtures/", "<rootDir>/test/apps/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json", diagnostics: false }] },
  moduleNameMapper: {
    "^iac$": "<rootDir>/src/runtime/index.ts",
    "^iac/compiler$": "<rootDir>/src/compiler.ts",
    "^@serverless/cloud$": "<rootDir>/src/runtime/index.ts",
  },
  globalSetup: "<rootDir>/test/global-setup.ts",
  setupFiles: ["<rootDir>/test/support/no-forced-colour.ts"],
  testTimeout: 60000,
  // One worker per core: Jest's default (cores - 1) runs the suite in one worker on CI's 2 cores,
  // though most of its time is spent waiting on spawned CLIs, servers and bundles.
  maxWorkers: "100%",
};

export default config;

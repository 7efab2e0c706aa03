// The linter CI runs (`npm run lint`, part of `npm test`): typescript-eslint's
// recommended rules, no import cycles between our modules, and the layer
// boundaries of docs/ARCHITECTURE.md, so a change that crosses a layer fails
// here rather than in review.
import tseslint from "typescript-eslint";
import { importX, createNodeResolver } from "eslint-plugin-import-x";

import * as fs from "node:fs";

/** Everything of ours under src/ (its areas and its top-level modules) but `allowed`. */
const others = (...allowed) =>
  fs
    .readdirSync("src")
    .filter((name) => !allowed.includes(name.replace(/\.ts$/, "")))
    .map((name) => `./src/${name}`);

export default tseslint.config(
  {
    ignores: [
      // What the test run installs and builds (framework apps with their node_modules and .next).
      ".test-cache/**",
      "test/dashboard/screenshots/**",
      "dist/**",
      "coverage/**",
      "**/node_modules/**",
      "**/.iac/**",
      "examples/**",
      "templates/**",
      "test/**/fixtures/**",
      "test/apps/**",
      "test/**/apps/**",
      "test/diff/golden/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name`: a parameter a signature needs (Express's error middleware takes four) or a value left out on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // `require()` inside a function is how a cold path loads a module only when it is needed (docs/ARCHITECTURE.md, start-up).
      "@typescript-eslint/no-require-imports": "off",
      // A `let` a closure reads before its one assignment (a server handler set once the server listens) stays a `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  // Tests read CloudFormation templates and esbuild output as loose JSON.
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })] },
    rules: {
      // Value cycles only: `import type` is erased, so a type-only cycle loads nothing.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./src/graph", from: others("graph"), message: "src/graph is the plain resource graph every phase shares: it imports nothing of ours." },
            { target: "./src/runtime", from: others("graph", "runtime"), message: "The runtime ships in every Lambda bundle: it imports only src/graph." },
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "typescript",
              allowTypeImports: true,
              message: "Only src/analyzer loads the TypeScript compiler (ts-morph is for code that writes code: eject, fix).",
            },
            { name: "aws-cdk-lib", allowTypeImports: true, message: "Only src/synth builds CDK constructs." },
          ],
          patterns: [{ group: ["aws-cdk-lib/*"], allowTypeImports: true, message: "Only src/synth builds CDK constructs." }],
        },
      ],
    },
  },
  {
    files: ["src/analyzer/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["aws-cdk-lib", "aws-cdk-lib/*"], allowTypeImports: true, message: "Only src/synth builds CDK constructs." }] },
      ],
    },
  },
  // eject reads synth's construct tree back (src/eject/model.ts): CDK's classes, no constructs of its own.
  {
    files: ["src/synth/**/*.ts", "src/eject/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "typescript", allowTypeImports: true, message: "Only src/analyzer loads the TypeScript compiler." }] },
      ],
    },
  },
);

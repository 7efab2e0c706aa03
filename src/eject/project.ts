/**
 * The files around the stack: bin/app.ts (bundles the handlers with iac's
 * bundler, builds the stack, runs iac.config's stack and function hooks),
 * package.json with pinned versions, tsconfig.json and cdk.json. Plain data
 * in (the model and what eject learnt about the config), ts-morph
 * structures or JSON text out; nothing here reads a clock or the machine.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { servedFolders, servedPages } from "../synth/bundle";
import { PACKAGE_NAME, SDK_ALIAS } from "../package-name";
import { Body, Imports, json, obj, str } from "./code";
import type { EjectModel } from "./model";
import type { StageSettings } from "../config/types";

/** The AWS CDK command line that reads the assembly aws-cdk-lib 2.276 writes (docs: the `latest` tag is too old). */
export const CDK_CLI_VERSION = "2.1148.1";

export interface HooksToRun {
  /** Import path of the config from bin/, e.g. `../../iac.config`. */
  importPath: string;
  stack: boolean;
  function: boolean;
  settings: StageSettings;
}

export interface AppFileRequest {
  model: EjectModel;
  className: string;
  stackFile: string;
  /** From the ejected project's folder to the app's, POSIX, e.g. `..`. */
  appDirFromOut: string;
  hooks?: HooksToRun;
}

export function appFile(req: AppFileRequest): (string | StatementStructures)[] {
  const { model } = req;
  const imports = new Imports();
  const path = imports.namespace("path", "path");
  const App = imports.use("aws-cdk-lib", "App");
  const Stack = imports.use(req.stackFile, req.className);
  const hasFunctions = model.graph.functions.length > 0;
  const body = new Body();
  if (hasFunctions) {
    const bundleHandlers = imports.use(`${SDK_ALIAS}/compiler`, "bundleHandlers");
    const Code = imports.use("aws-cdk-lib/aws-lambda", "Code");
    const AssetHashType = imports.use("aws-cdk-lib", "AssetHashType");
    body.comment(
      "The app's code and the iac runtime, bundled by iac's own bundler (esbuild) into the app's .iac/bundles/<stage>,",
      "as iac build bundles them: the same bytes, so the functions' code is unchanged by a takeover.",
    );
    body.line(
      `const bundle = await ${bundleHandlers}(${obj([
        ["appDir", "APP_DIR"],
        ["stage", str(model.stage)],
        ["entry", str(model.graph.app.entry)],
        ["functions", json(model.graph.functions.map((f) => f.id))],
        ["pages", json(servedPages(model.graph))],
        ["folders", servedFolders(model.graph).length > 0 ? json(servedFolders(model.graph)) : undefined],
      ])});`,
    );
    body.line(`const code = ${Code}.fromAsset(bundle.dir, { assetHash: bundle.hash, assetHashType: ${AssetHashType}.CUSTOM });`);
  }
  body.comment("No CDKMetadata resource and no construct stack traces: the template is the one iac wrote.");
  body.line(`const app = new ${App}({ analyticsReporting: false, stackTraces: false });`);
  body.line(
    `const stack = new ${Stack}(app, ${str(model.stackName)}, ${obj([
      ["description", str(model.description)],
      ["tags", obj(model.tags.map(([k, v]) => [k, str(v)]))],
      ["appDir", "APP_DIR"],
      ["code", hasFunctions ? "code" : undefined],
    ])});`,
  );
  const hooks = req.hooks;
  if (hooks && (hooks.stack || hooks.function)) {
    const config = imports.default(hooks.importPath, "config");
    const HookContext = imports.type(`${SDK_ALIAS}/compiler`, "HookContext");
    body.blank().comment("iac.config's stack and function hooks, run on this stack as iac build ran them (move them here to drop the config).");
    body.line(
      `const context: ${HookContext} = ${obj([
        ["app", str(model.graph.app.name)],
        ["stage", str(model.stage)],
        ["ephemeral", String(model.ephemeral)],
        ["appDir", "APP_DIR"],
        ["settings", json(hooks.settings)],
      ])};`,
    );
    if (hooks.stack) body.line(`await config.hooks?.stack?.(stack, context);`);
    if (hooks.function && hasFunctions) {
      const FunctionHookContext = imports.type(`${SDK_ALIAS}/compiler`, "FunctionHookContext");
      body.line(`const plans: Record<string, ${FunctionHookContext}["plan"]> = ${obj(model.graph.functions.map((p) => [p.id, json(p)]))};`);
      body.line(`for (const id of Object.keys(stack.functions).sort()) {`);
      body.line(`await ${config}.hooks?.function?.(stack.functions[id].fn, { ...context, plan: plans[id], stack });`);
      body.line(`}`);
    }
  }
  body.line("app.synth();");
  return [
    ...imports.structures().map((s) => ({ kind: StructureKind.ImportDeclaration as const, ...s })),
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      leadingTrivia: "\n",
      docs: ["The app's folder (its code, static/ and .iac/bundles), relative to this project."],
      declarations: [{ name: "APP_DIR", initializer: `${path}.resolve(__dirname, "..", ${str(req.appDirFromOut)})` }],
    },
    {
      kind: StructureKind.Function,
      name: "main",
      isAsync: true,
      returnType: "Promise<void>",
      statements: body.text(),
    },
    "main().catch((error: unknown) => {\nconsole.error(error instanceof Error ? error.message : error);\nprocess.exitCode = 1;\n});",
  ];
}

export interface Versions {
  iac: string;
  awsCdkLib: string;
  constructs: string;
  typescript: string;
  typesNode: string;
  tsNode: string;
}

export function packageJson(model: EjectModel, versions: Versions): string {
  const manifest = {
    name: `${model.graph.app.name}-${model.stage}-cdk`,
    version: "0.1.0",
    private: true,
    description: `The AWS CDK app of ${model.graph.app.name}'s stage ${model.stage}, ejected from iac`,
    scripts: { typecheck: "tsc --noEmit", synth: "cdk synth", diff: "cdk diff", deploy: "cdk deploy" },
    dependencies: {
      "aws-cdk-lib": versions.awsCdkLib,
      constructs: versions.constructs,
      [SDK_ALIAS]: `npm:${PACKAGE_NAME}@${versions.iac}`,
    },
    devDependencies: {
      "@types/node": versions.typesNode,
      "aws-cdk": CDK_CLI_VERSION,
      "ts-node": versions.tsNode,
      typescript: versions.typescript,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * `rootDir` is the folder holding both this project and the app (TypeScript 6
 * wants it said, and bin/app.ts may import the app's iac.config).
 */
export function tsconfigJson(rootDir: string): string {
  const config = {
    compilerOptions: {
      rootDir,
      target: "ES2022",
      module: "node16",
      moduleResolution: "node16",
      lib: ["ES2022"],
      types: ["node"],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["bin/**/*.ts", "lib/**/*.ts"],
    exclude: ["node_modules", "cdk.out"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function cdkJson(): string {
  // No feature flags: iac's App sets none, and a flag may change the template (and so replace a resource).
  return `${JSON.stringify({ app: "npx ts-node --prefer-ts-exts bin/app.ts", context: {} }, null, 2)}\n`;
}

export function gitignore(): string {
  return "node_modules/\ncdk.out/\n";
}

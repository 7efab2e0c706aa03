/**
 * iac/compiler: the library API. Everything the CLI does is a function here
 * that returns data (graph, diagnostics, assembly path, diff report) and
 * never prints or exits; the CLI is a thin layer that renders it.
 *
 * Errors: problems in the user's app come back as diagnostics (`ok: false`);
 * a thrown exception is a bug in iac and is wrapped in `InternalError`.
 *
 * @example
 *   import { analyze, build } from "iac/compiler";
 *   const { graph, diagnostics } = await analyze("examples/todo");
 *   const result = await build("examples/todo", { stage: "qa" });
 *   if (result.ok) console.log(result.templatePath);
 */
import * as fs from "fs";
import * as path from "path";
import { appDirProblem, outDirProblem } from "./app-dir";
import { hasErrors, sortDiagnostics } from "./graph";
import type { AppGraph, Diagnostic } from "./graph";
import { stageNameProblem } from "./stage";
import type { AppIdentity } from "./config/identity";
import type { DomainSetting, EdgeSettings, SynthHooks, SynthResult } from "./synth";

export type { AppGraph, Diagnostic, FunctionPlan, Resource, ResourceKind, SourceLocation, Usage } from "./graph";
export { APP_HANDLER, nearestWord, usagesOf } from "./graph";
export { appDirProblem, outDirProblem } from "./app-dir";
export { DEFAULT_STAGE, stageNameProblem } from "./stage";
/** iac's own install folder: where its templates and runtime live (a file error inside it is iac's, not the user's). */
export { packageRoot } from "./synth/paths";
/** An app's file as the analyzer read it, for a diagnostic's code frame. */
export { readAppFile } from "./analyzer/read";
// iac.config: `export default defineConfig({ ... })` in the app directory (src/config). Types only,
// so a config that imports iac/compiler loads nothing heavy.
export { defineConfig } from "./config/types";
export type {
  CloudFormationTemplate,
  DomainSetting,
  FunctionHookContext,
  FunctionSettings,
  HookContext,
  HookFunction,
  HookStack,
  Hooks,
  IacConfig,
  StageSettings,
  ValidationFinding,
} from "./config/types";

/**
 * This module, as an iac.config's `import ... from "iac/compiler"` gets it
 * (src/config/load.ts): the very instance that loads the config, so
 * `defineConfig` and the CDK classes a hook uses are the ones synth uses.
 */
const thisLibrary = (): unknown => require("./compiler");

/** A failure of iac itself (exit code 2), never of the user's app. */
export class InternalError extends Error {
  constructor(
    message: string,
    readonly original?: unknown,
  ) {
    super(message);
    this.name = "InternalError";
  }
}

async function guard<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof InternalError) throw err;
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    throw new InternalError(`${what} failed unexpectedly: ${detail}`, err);
  }
}

export interface AnalyzeOptions {
  /** Path to a tsconfig.json to use instead of the app's own. */
  tsconfig?: string;
}

export interface AnalyzeOutput {
  /** False when any diagnostic is an error. */
  ok: boolean;
  graph: AppGraph;
  diagnostics: Diagnostic[];
}

/**
 * Reads an app's source statically and returns its resource graph.
 * @example const { graph } = await analyze("examples/todo");
 */
export async function analyze(dir: string, options: AnalyzeOptions = {}): Promise<AnalyzeOutput> {
  const appDir = path.resolve(dir);
  // Loaded on first use: the TypeScript compiler takes a while to load, and
  // commands that never analyse (deploy without credentials) must stay fast.
  const { analyzeApp } = await import("./analyzer");
  const result = await guard("analysis", () => analyzeApp(appDir, { tsconfig: options.tsconfig }));
  const identity = await guard("reading iac.app.json", () => withIdentity(appDir, result.graph, false));
  const diagnostics = sortDiagnostics([...result.diagnostics, ...identity.diagnostics]);
  return { ok: !hasErrors(diagnostics), graph: identity.graph, diagnostics };
}

/**
 * The graph under the app's pinned identity (`iac.app.json`, src/config/identity.ts):
 * its `app` replaces the name the analyzer derived from package.json or the folder.
 * `pin` writes the file when there is none (`iac build`, `iac deploy`).
 */
async function withIdentity(
  appDir: string,
  graph: AppGraph,
  pin: boolean,
): Promise<{ graph: AppGraph; identity?: AppIdentity; created: boolean; diagnostics: Diagnostic[] }> {
  const { identityNotes, pinIdentity, readIdentity } = await import("./config/identity");
  const derived = graph.app.name;
  const result = pin ? pinIdentity(appDir, derived) : readIdentity(appDir);
  const diagnostics = pin ? result.diagnostics : [...result.diagnostics, ...identityNotes(result.identity, derived)];
  const { identity, created } = result;
  if (!identity || identity.app === derived) return { graph, identity, created, diagnostics };
  return { graph: { ...graph, app: { ...graph.app, name: identity.app } }, identity, created, diagnostics };
}

export interface SynthOptions {
  /** The app directory the graph came from (bundling reads its source and static/). */
  appDir: string;
  stage: string;
  ephemeral?: boolean;
  /** Cloud assembly directory; default `<appDir>/cdk.out`. */
  outDir?: string;
  /** Run CDK's built-in CloudFormation validation during synthesis. */
  validateTemplate?: boolean;
  /** `stack`/`function` hooks to run on the built tree (build() passes iac.config's). */
  hooks?: SynthHooks;
  /** Serve the stage under a custom domain. */
  domain?: DomainSetting;
  /** The stage's edge settings (build() passes iac.config's); absent = the defaults of docs/security.md. */
  edge?: EdgeSettings;
  /** The app's pinned identity id (`iac.app.json`), tagged on the stack. */
  appId?: string;
  /** A web-framework app's build output (`buildFramework`, src/frameworks): `build` runs the framework's build and passes it. */
  framework?: import("./frameworks/types").FrameworkOutput;
}

/**
 * Synthesizes a graph into a cloud assembly for one stage.
 * @example const out = await synth(graph, { appDir: "examples/todo", stage: "qa" });
 */
export async function synth(graph: AppGraph, options: SynthOptions): Promise<SynthResult> {
  const appDir = path.resolve(options.appDir);
  const outProblem = outDirProblem(path.resolve(options.outDir ?? path.join(appDir, "cdk.out")));
  if (outProblem) throw new Error(outProblem.message);
  // aws-cdk-lib: loaded on first use, compiled from a V8 code cache (src/code-cache.ts).
  const { enableCodeCache, saveCodeCache } = await import("./code-cache");
  enableCodeCache();
  // esbuild first: it bundles in its own process while aws-cdk-lib loads here (synth/bundle loads no CDK).
  const { bundleGraph } = await import("./synth/bundle");
  // A framework's pages need the HTTP function even when the SDK part registers no route.
  if (options.framework) graph = (await import("./synth/framework")).withHttpFunction(graph);
  const bundling = graph.functions.length > 0 ? bundleGraph(graph, { appDir, stage: options.stage }) : undefined;
  const { synthesize } = await import("./synth");
  const result = await guard("synthesis", () =>
    synthesize(
      graph,
      {
        appDir,
        stage: options.stage,
        ephemeral: options.ephemeral ?? false,
        outDir: path.resolve(options.outDir ?? path.join(appDir, "cdk.out")),
        validateTemplate: options.validateTemplate,
        hooks: options.hooks,
        domain: options.domain,
        edge: options.edge,
        appId: options.appId,
        framework: options.framework,
      },
      bundling,
    ),
  );
  saveCodeCache();
  return result;
}

export interface BuildOptions extends AnalyzeOptions {
  stage: string;
  /** Undefined lets iac.config's stage settings decide (default false). */
  ephemeral?: boolean;
  outDir?: string;
  validateTemplate?: boolean;
  /**
   * Write `iac.app.json` (the app's identity, to be committed) when the app has none.
   * `iac build` and `iac deploy` do; default false, so a diff or a library call never writes into the app.
   */
  pinIdentity?: boolean;
}

export type BuildResult =
  | ({
      ok: true;
      graph: AppGraph;
      graphPath: string;
      diagnostics: Diagnostic[];
      durationMs: number;
      ephemeral: boolean;
      /** The app's pinned identity (iac.app.json); `identityCreated` when this build wrote it. */
      identity?: AppIdentity;
      identityCreated?: boolean;
    } & Omit<SynthResult, "diagnostics">)
  | { ok: false; graph?: AppGraph; diagnostics: Diagnostic[]; durationMs: number };

/**
 * analyze + synth: writes `<app>/.iac/graph.json` and the cloud assembly.
 * With an `iac.config.ts` in the app dir: its stage settings and `graph`
 * hook shape the graph (the one written), its `stack`/`function` hooks run
 * on the construct tree, its `validate` hook judges the template; a hook's
 * error fails the build with a diagnostic located in the config.
 * Writes nothing when the app has errors (a template that `validate`
 * rejects stays in the assembly dir for inspection; graph.json is not written).
 * @example const r = await build("examples/todo", { stage: "qa" }); if (!r.ok) console.error(r.diagnostics);
 */
export async function build(dir: string, options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const appDir = path.resolve(String(dir));
  const stageName: unknown = options?.stage;
  // A caller without types (plain JS) may give no stage at all: the same diagnostic, saying so.
  const badStage =
    typeof stageName === "string"
      ? stageNameProblem(stageName)
      : { ...(stageNameProblem("") as Diagnostic), message: "no stage given: build(dir, { stage }) needs the stage to build" };
  if (badStage) return { ok: false, durationMs: Date.now() - started, diagnostics: [badStage] };
  const missing = appDirProblem(appDir);
  if (missing) return { ok: false, durationMs: Date.now() - started, diagnostics: [missing] };
  const outProblem = outDirProblem(path.resolve(options.outDir ?? path.join(appDir, "cdk.out")));
  if (outProblem) return { ok: false, durationMs: Date.now() - started, diagnostics: [outProblem] };
  const { loadConfig, prepareStage } = await import("./config");
  const config = await guard("loading iac.config", () => loadConfig(appDir, thisLibrary));
  if (hasErrors(config.diagnostics)) return { ok: false, diagnostics: sortDiagnostics(config.diagnostics), durationMs: Date.now() - started };
  // The framework's own build (cloud:build, next build) first, as the platform ran it before anything else:
  // what it writes (a static export into static/) is then part of the app the analysis reads (src/frameworks).
  const frameworks = await import("./frameworks/build");
  const framework = await guard("the framework build", () => frameworks.buildFramework(appDir));
  if (hasErrors(framework.diagnostics))
    return { ok: false, diagnostics: sortDiagnostics([...config.diagnostics, ...framework.diagnostics]), durationMs: Date.now() - started };
  // CDK's validation engine is set up on another thread while the build analyses, bundles and constructs (synth/validation.ts).
  if (options.validateTemplate ?? process.env.CDK_VALIDATION === "true") (await import("./synth/validation")).prewarmValidation();
  const analysis = await analyzeForBuild(appDir, options);
  if (!analysis.ok) return { ok: false, graph: analysis.graph, diagnostics: analysis.diagnostics, durationMs: Date.now() - started };
  const identified = await guard("reading iac.app.json", () => withIdentity(appDir, analysis.graph, options.pinIdentity === true));
  const analyzed = { graph: identified.graph, diagnostics: sortDiagnostics([...analysis.diagnostics, ...identified.diagnostics]) };
  if (hasErrors(identified.diagnostics)) return { ok: false, graph: analyzed.graph, diagnostics: analyzed.diagnostics, durationMs: Date.now() - started };
  const stage = await guard("iac.config", () => prepareStage(config.loaded, analyzed.graph, { appDir, stage: options.stage, ephemeral: options.ephemeral }));
  const early = [...config.diagnostics, ...analyzed.diagnostics, ...sortDiagnostics(stage.diagnostics)];
  if (hasErrors(stage.diagnostics)) return { ok: false, graph: analyzed.graph, diagnostics: early, durationMs: Date.now() - started };
  const graph = stage.graph;
  // The served framework's output is what synth ships; its pages' SDK use the analysis did not read is said here.
  const pages = framework.output ? frameworks.pageWarnings(appDir, graph) : [];
  early.push(...sortDiagnostics([...framework.diagnostics, ...pages]));
  const synthResult = await synth(graph, {
    ...options,
    appDir,
    ephemeral: stage.ephemeral,
    hooks: stage.hooks,
    domain: stage.domain,
    edge: stage.edge,
    appId: identified.identity?.id,
    framework: framework.output,
  });
  const diagnostics = [...early, ...sortDiagnostics(synthResult.diagnostics)];
  if (hasErrors(synthResult.diagnostics)) return { ok: false, graph, diagnostics, durationMs: Date.now() - started };
  const validation = sortDiagnostics(await guard("iac.config validate", () => stage.validate(synthResult.templatePath)));
  diagnostics.push(...validation);
  if (hasErrors(validation)) return { ok: false, graph, diagnostics, durationMs: Date.now() - started };
  const graphPath = writeGraph(appDir, graph);
  return {
    ...synthResult,
    ok: true,
    graph,
    graphPath,
    diagnostics,
    durationMs: Date.now() - started,
    ephemeral: stage.ephemeral,
    ...(identified.identity ? { identity: identified.identity, identityCreated: identified.created } : {}),
  };
}

/**
 * analyze() through the analysis cache (src/analysis-cache.ts): an app whose
 * files (and whatever else the compiler read) are unchanged is not analysed
 * again, so the rebuild never loads TypeScript.
 */
async function analyzeForBuild(appDir: string, options: BuildOptions): Promise<AnalyzeOutput> {
  const { analysisKey, readAnalysis, recordProbes, writeAnalysis } = await import("./analysis-cache");
  const req = { appDir, tsconfig: options.tsconfig, outDir: path.resolve(options.outDir ?? path.join(appDir, "cdk.out")) };
  const key = await guard("analysis cache", () => analysisKey(req));
  const hit = readAnalysis(req, key);
  if (hit) return { ok: true, graph: hit.graph, diagnostics: hit.diagnostics };
  const { analyzeApp } = await import("./analyzer");
  const { result, probes } = await guard("analysis", () => recordProbes(() => analyzeApp(appDir, { tsconfig: options.tsconfig })));
  const diagnostics = sortDiagnostics(result.diagnostics);
  const ok = !hasErrors(diagnostics);
  // Stored only when nothing in the app changed while it was being analysed.
  if (ok && analysisKey(req) === key) writeAnalysis(req, key, probes, result.graph, diagnostics);
  return { ok, graph: result.graph, diagnostics };
}

/**
 * Whether a stage is ephemeral: the explicit flag when given, else the
 * stage settings of the app's iac.config, else long-lived (the safe side).
 * @example if (!(await stageIsEphemeral(".", "prod")).ephemeral) console.log("prod keeps its data");
 */
export async function stageIsEphemeral(dir: string, stage: string, explicit?: boolean): Promise<{ ephemeral: boolean; diagnostics: Diagnostic[] }> {
  if (explicit !== undefined) return { ephemeral: explicit, diagnostics: [] };
  const { loadConfig, settingsFor } = await import("./config");
  const config = await guard("loading iac.config", () => loadConfig(path.resolve(dir), thisLibrary));
  if (hasErrors(config.diagnostics)) return { ephemeral: false, diagnostics: config.diagnostics };
  const settings = config.loaded ? settingsFor(config.loaded.config, stage) : {};
  return { ephemeral: settings.ephemeral ?? false, diagnostics: config.diagnostics };
}

/** Writes `.iac/graph.json` atomically (temp file + rename): never half-written. */
export function writeGraph(appDir: string, graph: AppGraph): string {
  const dir = path.join(appDir, ".iac");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "graph.json");
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(graph, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

// ---------------------------------------------------------------------------
// Provenance (src/why): pure over the graph, so it is loaded with the library.

export { why } from "./why";
export { renderWhy } from "./why/render";
export type { WhyAnswer, WhyKind, WhyOptions, WhyReason, WhyResult } from "./why";

// ---------------------------------------------------------------------------
// Diff and delivery (src/diff, src/deploy), loaded on first use. Each is given
// this library's `build` (and destroy `stageIsEphemeral`), so neither imports
// the library that imports it; a caller may pass its own `build` instead.

/** Options of a phase that builds through the library: `build` defaults to this module's. */
type BuildingOptions<T extends { build: unknown }> = Omit<T, "build"> & { build?: T["build"] };
type DiffModule = typeof import("./diff");
type DeployModule = typeof import("./deploy");

export type { DiffReport, Change, FailOn } from "./diff/types";
export type { DiffFormat } from "./diff/render";
import type { SideSpec } from "./diff/sides";
export type { SideSpec } from "./diff/sides";
// Not re-exported directly: src/diff/report loads CloudFormation's diff engine (~40 ms), which `build` never needs.
type Report = typeof import("./diff/report");
/** Whether a report has a change at or above `failOn`. */
export function shouldFail(...args: Parameters<Report["shouldFail"]>): ReturnType<Report["shouldFail"]> {
  return (require("./diff/report") as Report).shouldFail(...args);
}
/** The exit code `iac diff --fail-on` gives a report. */
export function exitCodeFor(...args: Parameters<Report["exitCodeFor"]>): ReturnType<Report["exitCodeFor"]> {
  return (require("./diff/report") as Report).exitCodeFor(...args);
}
export { describeCause, renderMarkdown, renderReport } from "./diff/render";
export { linkBaseFromEnv } from "./diff/links";
export type { Approver } from "./deploy/io-host";

/**
 * Compares two versions of an app (git ref, app dir, assembly dir or
 * graph.json) in the app's own terms and as CloudFormation.
 * @example const report = await diff("origin/main", "."); if (shouldFail(report, "destructive")) process.exitCode = 1;
 */
export async function diff(base: SideSpec, head: SideSpec, options: BuildingOptions<import("./diff").DiffOptions> = {}): ReturnType<DiffModule["diff"]> {
  return (await import("./diff")).diff(base, head, { ...options, build: options.build ?? build });
}

/**
 * Builds and deploys stack `<app>-<stage>` through the AWS CDK toolkit library.
 * @example const report = await deploy("examples/todo", { stage: "qa", approve: async () => true });
 */
export async function deploy(dir: string, options: BuildingOptions<import("./deploy").DeployAppOptions>): ReturnType<DeployModule["deployApp"]> {
  return (await import("./deploy")).deployApp(dir, { ...options, build: options.build ?? build });
}

/**
 * Deletes a stage's stack; long-lived stages need `force` (their table and bucket are retained).
 * @example await destroy("examples/todo", { stage: "pr-42", ephemeral: true });
 */
export async function destroy(
  dir: string,
  options: Omit<BuildingOptions<import("./deploy").DestroyAppOptions>, "stageIsEphemeral">,
): ReturnType<DeployModule["destroyApp"]> {
  return (await import("./deploy")).destroyApp(dir, { ...options, build: options.build ?? build, stageIsEphemeral });
}

// ---------------------------------------------------------------------------
// Eject (src/eject): code that writes code, with ts-morph, loaded on first use only.

export type { EjectOptions, EjectResult } from "./eject/types";
export type { HandlerBundle, HandlerBundleRequest } from "./eject/handlers";

/**
 * Writes the app's stage as a standalone AWS CDK app in TypeScript, with the
 * same resources and logical IDs as `build` (docs/eject.md).
 * @example const r = await eject("examples/todo", { out: "todo-cdk", stage: "prod" });
 */
export async function eject(dir: string, options: import("./eject/types").EjectOptions): Promise<import("./eject/types").EjectResult> {
  return guard("eject", async () => (await import("./eject")).ejectApp(dir, options, { analyze, module: thisLibrary }));
}

/**
 * What an ejected CDK app bundles its handlers with: the bundle `build`
 * makes for the stage, in the same place, byte for byte.
 * @example const b = await bundleHandlers({ appDir: "..", stage: "prod", entry: "index.ts", functions: ["http"] });
 */
export async function bundleHandlers(request: import("./eject/handlers").HandlerBundleRequest): Promise<import("./eject/handlers").HandlerBundle> {
  return (await import("./eject/handlers")).bundleHandlers(request);
}

// ---------------------------------------------------------------------------
// Fix (src/fix): the fixes diagnostics know, applied with ts-morph, loaded on first use only.

export type { AppliedFix, FixOptions, FixResult } from "./fix/types";
export { FIXES, mayFix } from "./fix/kinds";
export { FIX_CODES } from "./fix/codes";

/**
 * Applies the fixes the app's diagnostics know (`dryRun`: returns them as a
 * unified diff), then analyses the app again to confirm they took.
 * @example const r = await fix("examples/todo", { dryRun: true }); process.stdout.write(r.diff);
 */
export async function fix(dir: string, options: import("./fix/types").FixOptions = {}): Promise<import("./fix/types").FixResult> {
  return guard("fix", async () => (await import("./fix")).fixApp(dir, options, analyze));
}

// ---------------------------------------------------------------------------
// A stage's params on AWS (src/deploy/params.ts): the AWS SDK's SSM client
// loads on first use, never with the library.

type DeployParams = typeof import("./deploy/params");
export type { AwsAccess } from "./deploy/credentials";
export type { ParamInfo, ParamTarget } from "./deploy/params";

/** Whether AWS credentials and a region are usable: fails fast, before any build or AWS call. */
export async function checkAwsAccess(
  ...args: Parameters<typeof import("./deploy/credentials").checkAwsAccess>
): ReturnType<typeof import("./deploy/credentials").checkAwsAccess> {
  return (await import("./deploy/credentials")).checkAwsAccess(...args);
}
/** Why a name cannot be a param (reserved, or not [A-Za-z0-9_]), or undefined. */
export function checkParamName(...args: Parameters<DeployParams["checkParamName"]>): ReturnType<DeployParams["checkParamName"]> {
  return (require("./deploy/params") as DeployParams).checkParamName(...args);
}
/** The SSM path of a stage's params: `/iac/<app>/<stage>/`. */
export function paramsPath(...args: Parameters<DeployParams["paramsPath"]>): ReturnType<DeployParams["paramsPath"]> {
  return (require("./deploy/params") as DeployParams).paramsPath(...args);
}
export async function setParam(...args: Parameters<DeployParams["setParam"]>): ReturnType<DeployParams["setParam"]> {
  return (await import("./deploy/params")).setParam(...args);
}
export async function listParams(...args: Parameters<DeployParams["listParams"]>): ReturnType<DeployParams["listParams"]> {
  return (await import("./deploy/params")).listParams(...args);
}

// ---------------------------------------------------------------------------
// The local instance (src/local): `iac dev`, `iac test`, `iac init`, `iac data`
// and `iac params --local`, through `loadLocal()` (src/local-api.ts), so that
// `iac build` and an iac.config importing this module load none of it.

export { LOCAL_CODES } from "./local/codes";
export type { LocalApp, LocalAppError, LocalStage } from "./local/app";
export type { InitResult, TemplateInfo } from "./local/init";
export type { DevOptions, DevServer } from "./local/dev/server";
export type { TestOptions, TestOutcome } from "./local/test/run";
export type { DataIoOptions } from "./local/data-io";
export type { AnalysisReport } from "./local/dev/analysis-changes";
export type LocalLibrary = typeof import("./local-api");

/** The local instance's part of the library, loaded on first use. */
export function loadLocal(): LocalLibrary {
  return require("./local-api");
}

/**
 * src/synth: the resource graph in, a CDK cloud assembly out. The only place
 * that imports aws-cdk-lib.
 *
 * Inputs: an `AppGraph` (plain JSON, see src/graph) and `SynthOptions`
 * (stage, ephemeral, directories). Outputs: one stack `<app>-<stage>` written
 * to `outDir` as a standard cloud assembly (the stock CDK CLI deploys it),
 * plus a summary of functions and located diagnostics (IAC7xxx).
 * Invariants:
 * - a pure function of (graph, options, app files): no clock, no network, no
 *   credentials; the same input writes a byte-identical template;
 * - logical IDs derive from graph ids, and the table's and bucket's logical
 *   IDs and key schema are constants, so code edits never replace them;
 * - errors are collected, never thrown: bundling or construct errors come
 *   back as diagnostics and nothing is written (only bugs throw);
 * - every function's IAM comes from `graph.usages` through one table (iam.ts).
 * `buildApp` (app.ts) exposes the construct tree before synthesis; iac.config's
 * `stack`/`function` hooks run on it through `SynthOptions.hooks` (hooks.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { AssetHashType, CfnResource, Stack } from "aws-cdk-lib";
import { Code } from "aws-cdk-lib/aws-lambda";
import { appOrg } from "../config/app-names";
import { hasErrors, sortDiagnostics, type AppGraph, type Diagnostic } from "../graph";
import { buildApp, stackNameOf } from "./app";
import { bundleGraph, type BundledFunction, type BundleResult } from "./bundle";
import { cacheKey, isAssemblyDir, matchesPreKey, pruneAssembly, readCache, writeCache } from "./cache";
import { SYNTH_CODES } from "./codes";
import type { CodeFor } from "./functions";
import type { SynthFunctionInfo, SynthOptions, SynthResult } from "./types";
import { applyDomain } from "./hooks";
import { frameworkAsset, withHttpFunction } from "./framework";
import { HTTP_FUNCTION_ID } from "./http";
import { warmUpCdk } from "./warmup";

export type { SynthOptions, SynthResult, SynthFunctionInfo } from "./types";
export { buildApp, stackNameOf, type IacApp, type BuildAppOptions } from "./app";
export { applyDomain, type DomainSetting, type HookFunction, type HookStack, type SynthHooks } from "./hooks";
export { bundleGraph, type BundleResult } from "./bundle";
export {
  resolveEdge,
  REFERRER_POLICIES,
  type EdgeSettings,
  type ResolvedEdge,
  type SecurityHeadersSetting,
  type ThrottleSetting,
  type FrameOption,
  type ReferrerPolicyName,
} from "./stage-settings";
export { STACK_TAGS } from "./app";
export { IAM_TABLE } from "./iam";
export { SYNTH_CODES } from "./codes";
export { TABLE_LOGICAL_ID } from "./data";
export { BUCKET_LOGICAL_ID } from "./storage";

/** What a function runs when the assembly was built with `bundle: false`. */
const STUB_CODE = 'exports.handler = async () => { throw new Error("iac: built without bundling (bundle: false); rebuild to deploy"); };\n';

/**
 * `bundling`: the graph's bundle, already started by `bundleGraph(graph, options)`
 * (compiler.ts starts it before this module loads aws-cdk-lib); else started here.
 */
export async function synthesize(graph: AppGraph, options: SynthOptions, bundling?: Promise<BundleResult>): Promise<SynthResult> {
  // Awaited below, or dropped when synthesis stops first: never an unhandled rejection.
  bundling?.catch(() => undefined);
  const stackName = stackNameOf(graph, options.stage);
  const outDir = path.resolve(options.outDir);
  const templatePath = path.join(outDir, `${stackName}.template.json`);
  // Off unless asked for, by the option or by CDK's own switch (CDK_VALIDATION=true); see SynthOptions.
  const validateTemplate = options.validateTemplate ?? process.env.CDK_VALIDATION === "true";
  const empty = (diagnostics: Diagnostic[]): SynthResult => ({
    assemblyDir: outDir,
    stackName,
    templatePath,
    functions: [],
    diagnostics: sortDiagnostics(diagnostics),
    cached: false,
  });

  // Checked first: CDK stages assets into outDir while constructing, and the warm-up constructs early.
  if (!isAssemblyDir(outDir)) {
    return empty([
      {
        code: SYNTH_CODES.outDirNotAssembly,
        severity: "error",
        message: `${outDir} is not empty and holds no cloud assembly; refusing to overwrite it`,
        hint: "Choose an empty or new directory with --out.",
      },
    ]);
  }
  const outDirExisted = fs.existsSync(outDir);
  const stage = {
    appDir: options.appDir,
    stage: options.stage,
    ephemeral: options.ephemeral,
    outDir,
    validateTemplate,
    edge: options.edge,
    domain: options.domain,
    appId: options.appId,
    framework: options.framework,
  };
  // A framework's pages need the HTTP function even when the SDK part registers no route.
  if (options.framework) graph = withHttpFunction(graph);
  // The owner's name (IAC_ORG) comes from package.json, which the graph does not hold.
  const org = appOrg(options.appDir, graph.app.name);
  const preKey = cacheKey({ graph, ...stage, org, bundle: options.bundle !== false, hooks: options.hooks?.key });

  const bundled = new Map<string, BundledFunction>();
  const diagnostics: Diagnostic[] = [];
  if (options.bundle !== false && graph.functions.length > 0) {
    const started = bundling ?? bundleGraph(graph, options);
    // esbuild works in its own process meanwhile; see warmup.ts.
    if (!matchesPreKey(outDir, preKey)) warmUpCdk(graph, stage);
    const result = await started;
    diagnostics.push(...result.diagnostics);
    if (hasErrors(result.diagnostics)) {
      // The warm-up may have staged assets; a build that fails leaves no new directory behind.
      if (!outDirExisted) fs.rmSync(outDir, { recursive: true, force: true });
      return empty(diagnostics);
    }
    for (const f of result.functions) bundled.set(f.id, f);
    const http = bundled.get(HTTP_FUNCTION_ID);
    if (options.framework && http) bundled.set(HTTP_FUNCTION_ID, frameworkAsset(http, options.framework, options.appDir, path.dirname(http.dir)));
  }

  const key = cacheKey({ preKey, bundles: [...bundled.values()].map((b) => [b.id, b.hash]) });
  const cached = readCache(outDir, key);
  if (cached) return { ...cached, diagnostics: sortDiagnostics(diagnostics) };

  const codeFor: CodeFor = (plan) => {
    const b = bundled.get(plan.id);
    // The bundle's content hash is the asset hash: CDK copies the directory without fingerprinting it again.
    return b ? Code.fromAsset(b.dir, { assetHash: b.hash, assetHashType: AssetHashType.CUSTOM }) : Code.fromInline(STUB_CODE);
  };
  const built = buildApp(graph, { ...stage, codeFor });
  const { app, stack, context } = built;
  diagnostics.push(...context.diagnostics);
  if (options.domain) applyDomain(built, options.domain);
  // User hooks (iac.config) last: they see iac's finished tree and keep its defaults.
  if (options.hooks && !hasErrors(diagnostics)) diagnostics.push(...(await options.hooks.afterBuild(built)));
  // A previous assembly stays as it was (its template untouched); assets staged meanwhile are pruned next time.
  if (hasErrors(diagnostics)) return empty(diagnostics);
  try {
    app.synth();
  } catch (error) {
    // CDK's validation (and construct validation) report by throwing; the message lists every finding.
    const message = error instanceof Error ? error.message : String(error);
    return empty([...diagnostics, { code: SYNTH_CODES.synthFailed, severity: "error", message }]);
  }
  pruneAssembly(outDir, stackName);
  const functions: SynthFunctionInfo[] = [...context.functions.values()].map((f) => ({
    id: f.plan.id,
    logicalId: logicalIdOf(stack, f.fn.node.defaultChild),
    bundleBytes: bundled.get(f.plan.id)?.bytes ?? 0,
    lazyBundleBytes: bundled.get(f.plan.id)?.lazyBytes ?? 0,
    timeoutMs: f.plan.timeoutMs,
  }));
  const result: SynthResult = { assemblyDir: outDir, stackName, templatePath, functions, diagnostics: sortDiagnostics(diagnostics), cached: false };
  writeCache(outDir, { preKey, key }, result);
  return result;
}

function logicalIdOf(stack: Stack, child: unknown): string {
  if (!(child instanceof CfnResource)) throw new Error("internal: a Lambda function without its CfnFunction");
  return stack.resolve(child.logicalId);
}

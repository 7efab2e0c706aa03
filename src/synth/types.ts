/** The public shapes of `synthesize` (see index.ts for what each means). */
import type { Diagnostic } from "../graph";
import type { DomainSetting, SynthHooks } from "./hooks";
import type { EdgeSettings } from "./stage-settings";
import type { FrameworkOutput } from "../frameworks/types";

export interface SynthOptions {
  /** Absolute app directory: the app's entry and `static/` are read from it; bundles go to `<appDir>/.iac/bundles/<stage>`. */
  appDir: string;
  /** Stage name, e.g. `qa`; the stack is `<app>-<stage>`. */
  stage: string;
  /** Sandbox/preview stage: data destroyed with the stack, no CDN caching. */
  ephemeral: boolean;
  /** Cloud assembly directory. A previous assembly there is replaced; any other non-empty dir is refused. */
  outDir: string;
  /**
   * Run aws-cdk-lib's built-in CloudFormation validation during synth.
   * Default `false` (or `true` when the environment sets CDK's own switch
   * `CDK_VALIDATION=true`): it costs ~85 % of synth time and ~4x the memory, and
   * what iac generates is checked by its own test suite with validation on.
   * Turn it on where the tree may have been changed by user hooks, or once
   * before a deploy (`iac deploy` should pass `true`).
   */
  validateTemplate?: boolean;
  /**
   * Default `true`. `false` skips esbuild (graph-only synth, tests): each
   * function gets a tiny inline stub that throws "built without bundling",
   * and `bundleBytes` is 0. Such an assembly must not be deployed.
   */
  bundle?: boolean;
  /** iac.config's `stack`/`function` hooks, run on the built tree before synthesis (see hooks.ts). */
  hooks?: SynthHooks;
  /** The stage's custom domain (iac.config stage setting `domain`). */
  domain?: DomainSetting;
  /** The stage's edge settings (iac.config: throttle, security headers, CORS origins, versioning, deletion protection); absent = defaults. */
  edge?: EdgeSettings;
  /** The app's pinned identity (`iac.app.json`), tagged on the stack as `iac:app-id`. */
  appId?: string;
  /** A web-framework app's build output (src/frameworks/build.ts): the HTTP function ships its server, the CDN serves its static files. */
  framework?: FrameworkOutput;
}

export interface SynthFunctionInfo {
  /** FunctionPlan id. */
  id: string;
  /** The AWS::Lambda::Function's logical ID. */
  logicalId: string;
  /** `index.js`, what a cold start loads. */
  bundleBytes: number;
  /** Lazy vendor chunks deployed beside it, loaded by the requests that need them. */
  lazyBundleBytes: number;
  timeoutMs: number;
}

export interface SynthResult {
  assemblyDir: string;
  stackName: string;
  templatePath: string;
  functions: SynthFunctionInfo[];
  /** Bundling errors (IAC7001, at the app's file:line:col) and other synth findings (IAC7xxx). */
  diagnostics: Diagnostic[];
  /** True when the previous assembly was reused (nothing that synth reads changed). */
  cached: boolean;
}

export function isSynthResult(value: unknown): value is SynthResult {
  if (typeof value !== "object" || value === null) return false;
  if (!("assemblyDir" in value) || typeof value.assemblyDir !== "string") return false;
  if (!("stackName" in value) || typeof value.stackName !== "string") return false;
  if (!("templatePath" in value) || typeof value.templatePath !== "string") return false;
  if (!("functions" in value) || !Array.isArray(value.functions)) return false;
  return value.functions.every(
    (f: unknown) =>
      typeof f === "object" &&
      f !== null &&
      "id" in f &&
      typeof f.id === "string" &&
      "logicalId" in f &&
      typeof f.logicalId === "string" &&
      "bundleBytes" in f &&
      typeof f.bundleBytes === "number" &&
      "lazyBundleBytes" in f &&
      typeof f.lazyBundleBytes === "number" &&
      "timeoutMs" in f &&
      typeof f.timeoutMs === "number",
  );
}

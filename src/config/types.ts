/**
 * The shape of `iac.config.ts` (or `.js`/`.mjs`): per-stage settings and
 * hooks. Users import `defineConfig` and these types from `iac/compiler`.
 */
import type { AppGraph, Diagnostic, FunctionPlan, Severity, SourceLocation } from "../graph";
import type { DomainSetting, HookFunction, HookStack } from "../synth/hooks";
import type { EdgeSettings } from "../synth/stage-settings";

export type { DomainSetting, HookFunction, HookStack } from "../synth/hooks";
export type { EdgeSettings, FrameOption, ReferrerPolicyName, SecurityHeadersSetting, ThrottleSetting } from "../synth/stage-settings";

export interface FunctionSettings {
  /** Lambda memory, 128 to 10240 MB. */
  memoryMb?: number;
  /** Milliseconds; at most the contract's limit for the function's kind (29 s for http). */
  timeoutMs?: number;
}

/**
 * One stage's settings. The edge settings (`throttle`, `securityHeaders`,
 * `corsOrigins`, `storageVersioning`, `noncurrentVersionDays`,
 * `deletionProtection`) have defaults per kind of stage; docs/security.md
 * lists each with its reason.
 */
export interface StageSettings extends EdgeSettings {
  /** Sandbox/preview stage: data destroyed with the stack, no CDN caching (as `--ephemeral`). */
  ephemeral?: boolean;
  /** Memory of every function of the stage, 128 to 10240 MB (default 1024). */
  memoryMb?: number;
  /** Log retention of every function, in days (overrides the app's `logs.retain`). */
  logRetentionDays?: number;
  /** Serve the stage under a custom domain. */
  domain?: DomainSetting;
  /** Per function id (`http`, `schedule-rate-60-minutes`, see `iac graph`). */
  functions?: Record<string, FunctionSettings>;
}

export interface HookContext {
  /** The app's name (graph.app.name). */
  app: string;
  stage: string;
  ephemeral: boolean;
  /** Absolute app directory. */
  appDir: string;
  /** The stage's settings after merging `defaults` and matching `stages` entries. */
  settings: StageSettings;
}

export interface FunctionHookContext extends HookContext {
  /** The function's plan: id, kind, handlers, timeout, memory. */
  plan: FunctionPlan;
  stack: HookStack;
}

/** What a `validate` hook returns: a finding that fails the build when its severity is error (the default). */
export interface ValidationFinding {
  message: string;
  /** Default `IAC8110`. */
  code?: string;
  severity?: Severity;
  /** Default: the config file. Graph locations (a route's, a usage's) point at the app's code. */
  location?: SourceLocation;
  hint?: string;
}

/** A synthesized CloudFormation template, as JSON. */
export interface CloudFormationTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  [key: string]: unknown;
}

type MaybePromise<T> = T | Promise<T>;

export interface Hooks {
  /** Inspect or adjust the graph before synthesis (add a param, raise a function's memory). Return a new graph or mutate it. */
  graph?(graph: AppGraph, ctx: HookContext): MaybePromise<AppGraph | void>;
  /** CDK escape hatch on the stack after iac built it (alarms, tags, a VPC...). */
  stack?(stack: HookStack, ctx: HookContext): MaybePromise<void>;
  /** CDK escape hatch on each function after iac built it; called once per function, sorted by id. */
  function?(fn: HookFunction, ctx: FunctionHookContext): MaybePromise<void>;
  /** Policy checks on the final graph and template; error findings fail the build. */
  validate?(graph: AppGraph, template: CloudFormationTemplate, ctx: HookContext): MaybePromise<ValidationFinding[] | void>;
}

export interface IacConfig {
  /** Settings of every stage; `stages` entries override them. */
  defaults?: StageSettings;
  /** Keyed by stage name or a glob (`pr-*`); globs apply before exact names. */
  stages?: Record<string, StageSettings>;
  hooks?: Hooks;
}

/** Identity with types: `export default defineConfig({ ... })`. */
export function defineConfig(config: IacConfig): IacConfig {
  return config;
}

/** A loaded config: where it came from and how to locate its errors. */
export interface LoadedConfig {
  /** Settings, checked. */
  config: Omit<IacConfig, "hooks">;
  /** The hooks, known to be functions; their results are checked where they are used. */
  hooks: {
    graph?: (...args: unknown[]) => unknown;
    stack?: (...args: unknown[]) => unknown;
    function?: (...args: unknown[]) => unknown;
    validate?: (...args: unknown[]) => unknown;
  };
  /** Project-relative path, e.g. `iac.config.ts`. */
  file: string;
  /** sha256 of the compiled config (with the local files it imports): the hooks' cache key. */
  key: string;
  /** Maps an error thrown by config code to its location in the config's source. */
  locate(error: unknown): SourceLocation;
}

export type { Diagnostic };

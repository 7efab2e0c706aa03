/**
 * One stage's view of iac.config, for `build()`: the stage's settings
 * applied to the graph, the `graph` hook run, the `stack`/`function` hooks
 * packaged for synth, and the `validate` hook ready for the template. With
 * no config file every step is the identity, so apps without one build
 * exactly as before.
 */
import * as fs from "fs";
import { hasErrors, type AppGraph, type Diagnostic } from "../graph";
import type { DomainSetting, EdgeSettings, SynthHooks } from "../synth";
import { CONFIG_CODES } from "./codes";
import { runGraphHook, runValidateHook, synthHooks } from "./run";
import { applySettings, settingsFor } from "./settings";
import type { CloudFormationTemplate, HookContext, LoadedConfig, StageSettings } from "./types";

export interface PreparedStage {
  graph: AppGraph;
  ephemeral: boolean;
  hooks?: SynthHooks;
  domain?: DomainSetting;
  /** The stage's edge settings (throttle, headers, CORS origins, versioning, deletion protection); synth applies the defaults. */
  edge: EdgeSettings;
  diagnostics: Diagnostic[];
  /** Runs the `validate` hook on the synthesized template. */
  validate(templatePath: string): Promise<Diagnostic[]>;
}

export interface StageRequest {
  appDir: string;
  stage: string;
  /** What the caller asked for; undefined lets the config decide (default false). */
  ephemeral?: boolean;
}

export async function prepareStage(loaded: LoadedConfig | undefined, graph: AppGraph, request: StageRequest): Promise<PreparedStage> {
  if (!loaded) {
    return { graph, ephemeral: request.ephemeral ?? false, edge: {}, diagnostics: [], validate: async () => [] };
  }
  const settings = settingsFor(loaded.config, request.stage);
  const ephemeral = request.ephemeral ?? settings.ephemeral ?? false;
  const ctx: HookContext = { app: graph.app.name, stage: request.stage, ephemeral, appDir: request.appDir, settings };
  const at = { file: loaded.file, line: 1, column: 1 };
  const applied = applySettings(graph, settings, at);
  const edge = edgeOf(settings);
  const failed = (diagnostics: Diagnostic[]): PreparedStage => ({ graph, ephemeral, edge, diagnostics, validate: async () => [] });
  if (hasErrors(applied.diagnostics)) return failed(applied.diagnostics);
  const hooked = await runGraphHook(loaded, applied.graph, ctx);
  if (hasErrors(hooked.diagnostics)) return failed(hooked.diagnostics);
  return {
    graph: hooked.graph,
    ephemeral,
    hooks: synthHooks(loaded, ctx),
    domain: settings.domain,
    edge,
    diagnostics: [...applied.diagnostics, ...hooked.diagnostics],
    validate: async (templatePath) => {
      const parsed: unknown = JSON.parse(fs.readFileSync(templatePath, "utf8"));
      if (!isTemplate(parsed))
        return [{ code: CONFIG_CODES.validateHookFailed, severity: "error", message: `${templatePath} is not a CloudFormation template` }];
      return runValidateHook(loaded, hooked.graph, parsed, ctx);
    },
  };
}

function edgeOf(settings: StageSettings): EdgeSettings {
  const { throttle, securityHeaders, corsOrigins, storageVersioning, noncurrentVersionDays, deletionProtection } = settings;
  const edge: EdgeSettings = { throttle, securityHeaders, corsOrigins, storageVersioning, noncurrentVersionDays, deletionProtection };
  // Only what the config set: the synth cache key and the defaults see no `undefined` keys.
  return Object.fromEntries(Object.entries(edge).filter(([, v]) => v !== undefined));
}

function isTemplate(v: unknown): v is CloudFormationTemplate {
  return typeof v === "object" && v !== null && (!("Resources" in v) || (typeof v.Resources === "object" && v.Resources !== null));
}

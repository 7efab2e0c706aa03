/**
 * src/config: `iac.config.ts|.js|.mjs`, an app's per-stage settings and
 * hooks. Inputs: the app directory and stage. Outputs: a loaded config
 * (`loadConfig`), the stage's settings (`settingsFor`) applied to a copy of
 * the graph (`applySettings`), and the hook runners (`runGraphHook`,
 * `synthHooks` for synth's seam, `runValidateHook`). Every problem is a
 * diagnostic located in the config file (IAC81xx); `build()` in
 * src/compiler.ts strings them together, so the CLI and the library behave
 * the same.
 */
export { defineConfig } from "./types";
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
  LoadedConfig,
  StageSettings,
  ValidationFinding,
} from "./types";
export { CONFIG_CODES } from "./codes";
export { CONFIG_FILES, findConfigFile, loadConfig, type LibraryModule, type LoadResult } from "./load";
export { applySettings, settingsFor } from "./settings";
export { runGraphHook, runValidateHook, synthHooks } from "./run";
export { prepareStage, type PreparedStage, type StageRequest } from "./stage";
export { IDENTITY_FILE, identityNotes, pinIdentity, readIdentity, writeIdentity, type AppIdentity, type IdentityResult } from "./identity";

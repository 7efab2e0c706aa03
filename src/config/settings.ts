/**
 * Per-stage settings: which entries of `stages` apply to a stage (globs
 * first, then the exact name, each over `defaults`), and how they land on
 * the graph (function memory and timeouts, log retention) before the
 * `graph` hook sees it. Synth then reads only the graph, so it stays a
 * function of (graph, stage options).
 */
import picomatch from "picomatch";
import { TIMEOUTS, type AppGraph, type Diagnostic, type SourceLocation } from "../graph";
import { nearest, type Settings } from "./check";
import { CONFIG_CODES } from "./codes";
import type { FunctionSettings, StageSettings } from "./types";

export function settingsFor(config: Settings, stage: string): StageSettings {
  const entries = Object.entries(config.stages ?? {});
  const globs = entries.filter(([k]) => k !== stage && /[*?[{]/.test(k) && picomatch.isMatch(stage, k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const exact = entries.filter(([k]) => k === stage);
  let out: StageSettings = { ...(config.defaults ?? {}) };
  for (const [, s] of [...globs, ...exact]) out = merge(out, s);
  return out;
}

function merge(a: StageSettings, b: StageSettings): StageSettings {
  const functions: Record<string, FunctionSettings> = { ...(a.functions ?? {}) };
  for (const [id, f] of Object.entries(b.functions ?? {})) functions[id] = { ...(functions[id] ?? {}), ...f };
  const out: StageSettings = { ...a, ...b };
  if (Object.keys(functions).length > 0) out.functions = functions;
  // Nested edge settings merge key by key, like functions: `defaults` may set the rate and a stage the burst.
  if (a.throttle && b.throttle) out.throttle = { ...a.throttle, ...b.throttle };
  if (a.securityHeaders && b.securityHeaders) out.securityHeaders = { ...a.securityHeaders, ...b.securityHeaders };
  return out;
}

/** A copy of the graph with the stage's memory, timeouts and log retention applied. */
export function applySettings(graph: AppGraph, settings: StageSettings, at: SourceLocation): { graph: AppGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const copy: AppGraph = structuredClone(graph);
  if (settings.logRetentionDays !== undefined) copy.app.logRetentionDays = settings.logRetentionDays;
  const ids = copy.functions.map((f) => f.id);
  for (const id of Object.keys(settings.functions ?? {})) {
    if (ids.includes(id)) continue;
    const near = nearest(id, ids);
    diagnostics.push({
      code: CONFIG_CODES.invalid,
      severity: "error",
      location: at,
      message: `iac.config sets function "${id}", which the app does not have`,
      hint: near ? `did you mean "${near}"?` : `the app's functions: ${ids.join(", ") || "none"} (see iac graph)`,
    });
  }
  for (const plan of copy.functions) {
    const own = settings.functions?.[plan.id] ?? {};
    const memory = own.memoryMb ?? settings.memoryMb;
    if (memory !== undefined) plan.memoryMb = memory;
    if (own.timeoutMs !== undefined) {
      const max = TIMEOUTS[plan.kind].maxMs;
      if (own.timeoutMs > max) {
        diagnostics.push({
          code: CONFIG_CODES.invalid,
          severity: "error",
          location: at,
          message: `iac.config sets function "${plan.id}" timeout to ${own.timeoutMs} ms; a ${plan.kind} function may run at most ${max} ms`,
          hint: `use at most ${max}`,
        });
      } else {
        plan.timeoutMs = own.timeoutMs;
      }
    }
  }
  return { graph: copy, diagnostics };
}

/**
 * Runs iac.config's hooks, in order: `graph` (before synthesis), `stack`
 * then `function` per function sorted by id (on the built tree, through
 * synth's `SynthHooks`), `validate` (on the final graph and template). A
 * hook that throws becomes a located diagnostic at the line of the config
 * that threw; nothing here throws for the user's mistakes.
 */
import { validateGraph, type AppGraph, type Diagnostic, type SourceLocation } from "../graph";
import type { IacApp, SynthHooks } from "../synth";
import { CONFIG_CODES } from "./codes";
import { messageOf } from "./load";
import type { CloudFormationTemplate, FunctionHookContext, HookContext, LoadedConfig } from "./types";

type Code = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];

function failed(loaded: LoadedConfig, code: Code, hook: string, error: unknown): Diagnostic {
  return { code, severity: "error", message: `iac.config hook "${hook}" threw: ${messageOf(error)}`, location: loaded.locate(error) };
}

/** The graph hook on a copy of the graph; the hook may mutate it or return a new one. */
export async function runGraphHook(loaded: LoadedConfig, graph: AppGraph, ctx: HookContext): Promise<{ graph: AppGraph; diagnostics: Diagnostic[] }> {
  const hook = loaded.hooks.graph;
  if (!hook) return { graph, diagnostics: [] };
  const copy: AppGraph = structuredClone(graph);
  let result: unknown;
  try {
    result = await hook(copy, ctx);
  } catch (error) {
    return { graph, diagnostics: [failed(loaded, CONFIG_CODES.graphHookFailed, "graph", error)] };
  }
  const next = isGraph(result) ? result : copy;
  const at: SourceLocation = { file: loaded.file, line: 1, column: 1 };
  const invalid = validateGraph(next).filter((d) => d.severity === "error");
  for (const f of next.functions) {
    if (f.memoryMb !== undefined && !(Number.isInteger(f.memoryMb) && f.memoryMb >= 128 && f.memoryMb <= 10240)) {
      invalid.push({
        code: CONFIG_CODES.graphHookInvalid,
        severity: "error",
        message: `function "${f.id}" memoryMb ${f.memoryMb} is outside 128..10240`,
        location: at,
      });
    }
  }
  if (invalid.length > 0) {
    return {
      graph,
      diagnostics: invalid.map((d) => ({
        ...d,
        code: CONFIG_CODES.graphHookInvalid,
        message: `the graph hook left an invalid graph: ${d.message}`,
        location: at,
      })),
    };
  }
  return { graph: next, diagnostics: [] };
}

function isGraph(value: unknown): value is AppGraph {
  return typeof value === "object" && value !== null && "version" in value && "resources" in value && "functions" in value && "usages" in value;
}

/** `stack` and `function` hooks, as synth's seam. */
export function synthHooks(loaded: LoadedConfig, ctx: HookContext): SynthHooks | undefined {
  const { stack: stackHook, function: fnHook } = loaded.hooks;
  if (!stackHook && !fnHook) return undefined;
  return {
    key: loaded.key,
    async afterBuild(built: IacApp): Promise<Diagnostic[]> {
      if (stackHook) {
        try {
          await stackHook(built.stack, ctx);
        } catch (error) {
          return [failed(loaded, CONFIG_CODES.stackHookFailed, "stack", error)];
        }
      }
      if (!fnHook) return [];
      const fns = [...built.context.functions.values()].sort((a, b) => (a.plan.id < b.plan.id ? -1 : a.plan.id > b.plan.id ? 1 : 0));
      for (const f of fns) {
        const fctx: FunctionHookContext = { ...ctx, plan: f.plan, stack: built.stack };
        try {
          await fnHook(f.fn, fctx);
        } catch (error) {
          return [failed(loaded, CONFIG_CODES.functionHookFailed, `function (${f.plan.id})`, error)];
        }
      }
      return [];
    },
  };
}

export async function runValidateHook(loaded: LoadedConfig, graph: AppGraph, template: CloudFormationTemplate, ctx: HookContext): Promise<Diagnostic[]> {
  const hook = loaded.hooks.validate;
  if (!hook) return [];
  let result: unknown;
  try {
    result = await hook(graph, template, ctx);
  } catch (error) {
    return [failed(loaded, CONFIG_CODES.validateHookFailed, "validate", error)];
  }
  if (result === undefined || result === null) return [];
  const at: SourceLocation = { file: loaded.file, line: 1, column: 1 };
  if (!Array.isArray(result)) {
    return [
      {
        code: CONFIG_CODES.validateHookFailed,
        severity: "error",
        location: at,
        message: "the validate hook must return an array of findings ({ message, severity?, code?, location?, hint? })",
      },
    ];
  }
  return result.map((item: unknown): Diagnostic => findingOf(item, at));
}

function findingOf(item: unknown, at: SourceLocation): Diagnostic {
  if (typeof item === "string") return { code: CONFIG_CODES.validation, severity: "error", message: item, location: at };
  if (typeof item !== "object" || item === null || !("message" in item) || typeof item.message !== "string") {
    return {
      code: CONFIG_CODES.validateHookFailed,
      severity: "error",
      location: at,
      message: `the validate hook returned a finding without a message: ${JSON.stringify(item)}`,
    };
  }
  const severity = "severity" in item && (item.severity === "warning" || item.severity === "info") ? item.severity : "error";
  const code = "code" in item && typeof item.code === "string" ? item.code : CONFIG_CODES.validation;
  const location = "location" in item && isLocation(item.location) ? item.location : at;
  const hint = "hint" in item && typeof item.hint === "string" ? item.hint : undefined;
  return { code, severity, message: item.message, location, ...(hint ? { hint } : {}) };
}

function isLocation(v: unknown): v is SourceLocation {
  return (
    typeof v === "object" &&
    v !== null &&
    "file" in v &&
    typeof v.file === "string" &&
    "line" in v &&
    typeof v.line === "number" &&
    "column" in v &&
    typeof v.column === "number"
  );
}

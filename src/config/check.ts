/**
 * Checks what an iac.config exported, at the edge (house style habit 5):
 * unknown keys get the nearest valid name as a hint, out-of-range settings
 * say the range. The result is typed `IacConfig` without casts: every field
 * is rebuilt from checked values.
 */
import { nearestWord } from "../graph/edit-distance";
import type { Diagnostic, SourceLocation } from "../graph";
import { CONFIG_CODES } from "./codes";
import { REFERRER_POLICIES, type ReferrerPolicyName, type SecurityHeadersSetting, type ThrottleSetting } from "../synth/stage-settings";
import type { FunctionSettings, IacConfig, StageSettings } from "./types";

/** The hooks as loaded: known to be functions, their results still unchecked (run.ts checks them). */
export interface RawHooks {
  graph?: (...args: unknown[]) => unknown;
  stack?: (...args: unknown[]) => unknown;
  function?: (...args: unknown[]) => unknown;
  validate?: (...args: unknown[]) => unknown;
}

/** The checked settings (hooks apart). */
export type Settings = Omit<IacConfig, "hooks">;

const TOP = ["defaults", "stages", "hooks"];
const STAGE = [
  "ephemeral",
  "memoryMb",
  "logRetentionDays",
  "domain",
  "functions",
  "throttle",
  "securityHeaders",
  "corsOrigins",
  "storageVersioning",
  "noncurrentVersionDays",
  "deletionProtection",
];
const THROTTLE = ["rateLimit", "burstLimit"];
const HEADERS = ["hstsMaxAgeSeconds", "hstsIncludeSubdomains", "hstsPreload", "frameOptions", "referrerPolicy", "contentSecurityPolicy"];
const HOOKS = ["graph", "stack", "function", "validate"];
const FUNCTION = ["memoryMb", "timeoutMs"];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function checkConfig(value: unknown, at: SourceLocation): { config?: Settings; hooks?: RawHooks; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bad = (message: string, hint?: string): void => {
    diagnostics.push({ code: CONFIG_CODES.invalid, severity: "error", message, location: at, ...(hint ? { hint } : {}) });
  };
  if (!isObj(value)) {
    bad("iac.config must export an object", 'export default defineConfig({ ... }) (import { defineConfig } from "iac/compiler")');
    return { diagnostics };
  }
  unknownKeys(value, TOP, "iac.config", bad);
  const config: Settings = {};
  if (value.defaults !== undefined) config.defaults = stageSettings(value.defaults, "defaults", bad);
  if (value.stages !== undefined) {
    if (!isObj(value.stages)) bad("stages must be an object keyed by stage name or glob");
    else config.stages = Object.fromEntries(Object.entries(value.stages).map(([k, v]) => [k, stageSettings(v, `stages["${k}"]`, bad)]));
  }
  const raw = value.hooks === undefined ? {} : hooks(value.hooks, bad);
  return diagnostics.length > 0 ? { diagnostics } : { config, hooks: raw, diagnostics };
}

type Bad = (message: string, hint?: string) => void;

function stageSettings(v: unknown, where: string, bad: Bad): StageSettings {
  const out: StageSettings = {};
  if (!isObj(v)) {
    bad(`${where} must be an object`);
    return out;
  }
  unknownKeys(v, STAGE, where, bad);
  if (v.ephemeral !== undefined) {
    if (typeof v.ephemeral === "boolean") out.ephemeral = v.ephemeral;
    else bad(`${where}.ephemeral must be true or false`);
  }
  const memory = memoryOf(v.memoryMb, `${where}.memoryMb`, bad);
  if (memory !== undefined) out.memoryMb = memory;
  if (v.logRetentionDays !== undefined) {
    if (Number.isInteger(v.logRetentionDays) && Number(v.logRetentionDays) >= 1) out.logRetentionDays = Number(v.logRetentionDays);
    else bad(`${where}.logRetentionDays must be a whole number of days, at least 1`);
  }
  if (v.domain !== undefined) {
    const d = v.domain;
    if (isObj(d) && typeof d.name === "string" && typeof d.certificateArn === "string" && /^arn:aws[a-z-]*:acm:us-east-1:/.test(d.certificateArn)) {
      out.domain = { name: d.name, certificateArn: d.certificateArn };
    } else {
      bad(`${where}.domain must be { name, certificateArn } with an ACM certificate in us-east-1`, "CloudFront only accepts certificates from us-east-1");
    }
  }
  if (v.functions !== undefined) {
    if (!isObj(v.functions)) bad(`${where}.functions must be an object keyed by function id`);
    else out.functions = Object.fromEntries(Object.entries(v.functions).map(([id, f]) => [id, functionSettings(f, `${where}.functions["${id}"]`, bad)]));
  }
  edgeSettings(v, where, bad, out);
  return out;
}

/** The deployed edge's settings (synth/stage-settings.ts holds their defaults). */
function edgeSettings(v: Obj, where: string, bad: Bad, out: StageSettings): void {
  if (v.throttle !== undefined) {
    if (!isObj(v.throttle)) bad(`${where}.throttle must be { rateLimit, burstLimit }`);
    else {
      unknownKeys(v.throttle, THROTTLE, `${where}.throttle`, bad);
      const throttle: ThrottleSetting = {};
      const rate = v.throttle.rateLimit;
      const burst = v.throttle.burstLimit;
      if (rate !== undefined) {
        if (typeof rate === "number" && Number.isFinite(rate) && rate > 0) throttle.rateLimit = rate;
        else bad(`${where}.throttle.rateLimit must be a number of requests per second above 0`);
      }
      if (burst !== undefined) {
        if (Number.isInteger(burst) && Number(burst) >= 1) throttle.burstLimit = Number(burst);
        else bad(`${where}.throttle.burstLimit must be a whole number of requests, at least 1`);
      }
      out.throttle = throttle;
    }
  }
  if (v.securityHeaders !== undefined) {
    if (v.securityHeaders === false) out.securityHeaders = false;
    else if (!isObj(v.securityHeaders)) bad(`${where}.securityHeaders must be false or an object`, `known: ${HEADERS.join(", ")}`);
    else out.securityHeaders = securityHeaders(v.securityHeaders, `${where}.securityHeaders`, bad);
  }
  if (v.corsOrigins !== undefined) {
    const list = Array.isArray(v.corsOrigins) ? v.corsOrigins : undefined;
    const origins = list?.filter((o): o is string => typeof o === "string" && isOrigin(o));
    if (!list || !origins || origins.length !== list.length) {
      bad(
        `${where}.corsOrigins must be a list of origins like "https://admin.example.com" (scheme and host, no path)`,
        '"*" is not accepted: signed URLs are for the app\'s own pages',
      );
    } else out.corsOrigins = origins;
  }
  for (const key of ["storageVersioning", "deletionProtection"] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value === "boolean") out[key] = value;
    else bad(`${where}.${key} must be true or false`);
  }
  if (v.noncurrentVersionDays !== undefined) {
    if (Number.isInteger(v.noncurrentVersionDays) && Number(v.noncurrentVersionDays) >= 1) out.noncurrentVersionDays = Number(v.noncurrentVersionDays);
    else bad(`${where}.noncurrentVersionDays must be a whole number of days, at least 1`);
  }
}

function securityHeaders(v: Obj, where: string, bad: Bad): SecurityHeadersSetting {
  unknownKeys(v, HEADERS, where, bad);
  const out: SecurityHeadersSetting = {};
  if (v.hstsMaxAgeSeconds !== undefined) {
    if (Number.isInteger(v.hstsMaxAgeSeconds) && Number(v.hstsMaxAgeSeconds) >= 0) out.hstsMaxAgeSeconds = Number(v.hstsMaxAgeSeconds);
    else bad(`${where}.hstsMaxAgeSeconds must be a whole number of seconds (0 leaves the header out)`);
  }
  for (const key of ["hstsIncludeSubdomains", "hstsPreload"] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value === "boolean") out[key] = value;
    else bad(`${where}.${key} must be true or false`);
  }
  if (v.frameOptions !== undefined) {
    if (v.frameOptions === "DENY" || v.frameOptions === "SAMEORIGIN") out.frameOptions = v.frameOptions;
    else bad(`${where}.frameOptions must be "DENY" or "SAMEORIGIN"`);
  }
  if (v.referrerPolicy !== undefined) {
    const found = REFERRER_POLICIES.find((p): p is ReferrerPolicyName => p === v.referrerPolicy);
    if (found) out.referrerPolicy = found;
    else {
      const near = typeof v.referrerPolicy === "string" ? nearest(v.referrerPolicy, REFERRER_POLICIES) : undefined;
      bad(`${where}.referrerPolicy must be one of ${REFERRER_POLICIES.join(", ")}`, near ? `did you mean "${near}"?` : undefined);
    }
  }
  if (v.contentSecurityPolicy !== undefined) {
    if (typeof v.contentSecurityPolicy === "string" && v.contentSecurityPolicy.trim().length > 0) out.contentSecurityPolicy = v.contentSecurityPolicy;
    else bad(`${where}.contentSecurityPolicy must be a non-empty policy string`);
  }
  return out;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}

function functionSettings(v: unknown, where: string, bad: Bad): FunctionSettings {
  const out: FunctionSettings = {};
  if (!isObj(v)) {
    bad(`${where} must be an object`);
    return out;
  }
  unknownKeys(v, FUNCTION, where, bad);
  const memory = memoryOf(v.memoryMb, `${where}.memoryMb`, bad);
  if (memory !== undefined) out.memoryMb = memory;
  if (v.timeoutMs !== undefined) {
    if (Number.isInteger(v.timeoutMs) && Number(v.timeoutMs) >= 1000) out.timeoutMs = Number(v.timeoutMs);
    else bad(`${where}.timeoutMs must be whole milliseconds, at least 1000`);
  }
  return out;
}

export function memoryOf(v: unknown, where: string, bad: Bad): number | undefined {
  if (v === undefined) return undefined;
  if (Number.isInteger(v) && Number(v) >= 128 && Number(v) <= 10240) return Number(v);
  bad(`${where} must be a whole number of MB from 128 to 10240, got ${JSON.stringify(v)}`);
  return undefined;
}

function hooks(v: unknown, bad: Bad): RawHooks {
  const out: RawHooks = {};
  if (!isObj(v)) {
    bad("hooks must be an object of functions");
    return out;
  }
  unknownKeys(v, HOOKS, "hooks", bad);
  const fn = (name: string): ((...args: unknown[]) => unknown) | undefined => {
    const f = v[name];
    if (f === undefined) return undefined;
    if (typeof f !== "function") {
      bad(`hooks.${name} must be a function`);
      return undefined;
    }
    return (...args) => {
      const result: unknown = Reflect.apply(f, v, args);
      return result;
    };
  };
  out.graph = fn("graph");
  out.stack = fn("stack");
  out.function = fn("function");
  out.validate = fn("validate");
  return out;
}

function unknownKeys(v: Obj, known: string[], where: string, bad: Bad): void {
  for (const key of Object.keys(v)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    bad(`unknown setting ${where}.${key}`, near ? `did you mean "${near}"?` : `known: ${known.join(", ")}`);
  }
}

/** The known name within edit distance 2, if any. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  return nearestWord(word, known, 2);
}

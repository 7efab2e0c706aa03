/**
 * The runtime's configuration: which backends the platform-neutral core talks
 * to. Adapters set it (the Lambda adapter with AWS backends, the local
 * instance with in-process ones); the core only reads it. Until a backend is
 * configured, calls that need it throw "<x> is not available outside a
 * running instance", so an app imported by a plain script fails loudly
 * rather than silently doing nothing.
 */
import { resolve } from "path";
import type { EventsBackend, ParamsSource, RuntimeLogger } from "./backends";

export interface RuntimeConfig {
  events?: EventsBackend;
  params?: ParamsSource;
  /** Folder `http.on(404, file)` and relative `res.sendFile` paths resolve against; default `<cwd>/static`. */
  staticDir?: string;
  /** Root for relative `api.static` folders and `res.sendFile` paths; default the process's cwd. */
  appRoot?: string;
  /** Put the error message (never the stack) in 500 bodies: useful locally, off on AWS. */
  exposeErrors?: boolean;
  /** Where unhandled errors and their stacks go; default `console.error`. */
  logger?: RuntimeLogger;
}

let current: RuntimeConfig = {};
const listeners = new Set<() => void>();

/** Merges `config` into the current configuration (undefined fields leave a setting as it was). */
export function configureRuntime(config: RuntimeConfig): void {
  const next: RuntimeConfig = { ...current };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  current = next;
  for (const listener of listeners) listener();
}

/** Forgets every backend and setting: a fresh, unconfigured runtime. */
export function resetRuntimeConfig(): void {
  current = {};
  for (const listener of listeners) listener();
}

export function runtimeConfig(): Readonly<RuntimeConfig> {
  return current;
}

/** Lets a module drop caches derived from the configuration (built apps, loaded params). */
export function onConfigChange(listener: () => void): void {
  listeners.add(listener);
}

export function notAvailable(what: string): Error {
  return new Error(`${what} is not available outside a running instance`);
}

/** One line to the app's error log, for what needs no stack to be understood. */
export function logLine(message: string): void {
  const logger = current.logger ?? { error: (...args: unknown[]) => console.error(...args) };
  logger.error(message);
}

export function logError(message: string, error: unknown): void {
  const logger = current.logger ?? { error: (...args: unknown[]) => console.error(...args) };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  logger.error(`${message}\n${detail}`);
}

/** The static folder the app's own pages come from (`static/` beside the bundle on Lambda). */
export function staticRoot(): string {
  return current.staticDir ?? resolve(current.appRoot ?? process.cwd(), "static");
}

/**
 * `params.NAME`. Property access is synchronous, so values are loaded once
 * per container by `loadParams()` (the Lambda adapter awaits it before the
 * first dispatch; the local instance before serving) and read from memory
 * afterwards. Reserved names come from the environment (`IAC_APP`,
 * `IAC_STAGE`, `IAC_ORG`) and, for `CLOUD_URL`, from the loaded params (the stack
 * stores it under the stage's path). Reading a non-reserved name before the
 * load is an error, never a silent `undefined`. A host that already holds
 * the values in memory (the local instance under `iac test`) sets them with
 * `primeParams()` instead, so they are readable before anything is awaited:
 * a test file's top level runs before any `beforeAll`.
 */
import type { ParamsInterface } from "./types";
import { notAvailable, onConfigChange, runtimeConfig } from "./config";

let loaded: Record<string, string> | undefined;
let loading: Promise<Record<string, string>> | undefined;

onConfigChange(() => {
  loaded = undefined;
  loading = undefined;
});

/** Loads the stage's params from the configured source; later calls reuse the first load. */
export function loadParams(): Promise<Record<string, string>> {
  if (loaded) return Promise.resolve(loaded);
  const source = runtimeConfig().params;
  if (!source) return Promise.reject(notAvailable("params"));
  if (!loading) {
    loading = source.load().then(
      (values) => {
        loaded = { ...values };
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // let the next invocation try again
        throw error;
      },
    );
  }
  return loading;
}

/**
 * Sets the loaded params synchronously, for a host that holds them in memory
 * (the local instance); `loadParams()` then resolves to them. A later
 * `configureRuntime()` forgets them, as it forgets a load.
 */
export function primeParams(values: Record<string, string>): void {
  loaded = { ...values };
  loading = undefined;
}

function readParam(name: string): string | undefined {
  switch (name) {
    case "APP_NAME":
      return loaded?.APP_NAME ?? process.env.IAC_APP;
    case "INSTANCE_NAME":
      return loaded?.INSTANCE_NAME ?? process.env.IAC_STAGE;
    case "ORG_NAME":
      return loaded?.ORG_NAME ?? process.env.IAC_ORG;
    case "CLOUD_URL": {
      const url = loaded?.CLOUD_URL ?? process.env.IAC_CLOUD_URL;
      // Synth skips the load when the app reads no params; a read it did not see must not pass as "no URL".
      if (url === undefined && !loaded && process.env.IAC_PARAMS_PRELOAD === "false" && runtimeConfig().params) throw notPreloaded(name);
      return url;
    }
  }
  if (!loaded) {
    if (!runtimeConfig().params) throw notAvailable("params");
    if (process.env.IAC_PARAMS_PRELOAD === "false") throw notPreloaded(name);
    throw new Error(`params.${name} was read before the stage's params were loaded: read params inside handlers`);
  }
  return Object.prototype.hasOwnProperty.call(loaded, name) ? loaded[name] : undefined;
}

function notPreloaded(name: string): Error {
  return new Error(
    `params.${name} was read, but the build found no params read by this function's code (IAC_PARAMS_PRELOAD=false), so no params were loaded: read params by name (params.${name}) in the app's own code`,
  );
}

// The Proxy answers every read; the target only gives it the right type.
const target: ParamsInterface = { APP_NAME: "", INSTANCE_NAME: "", ORG_NAME: "", CLOUD_URL: "" };

/** The `params` object: a read-only view whose properties are the stage's params. */
export const params: ParamsInterface = new Proxy<ParamsInterface>(target, {
  get(_target, property) {
    // Symbols come from inspection (util.inspect, Jest matchers, await): answer like a plain object.
    if (typeof property !== "string") return undefined;
    if (property === "then" || property === "toJSON") return undefined;
    return readParam(property);
  },
  has(_target, property) {
    return typeof property === "string" && readParam(property) !== undefined;
  },
  ownKeys() {
    return Object.keys(loaded ?? {});
  },
  getOwnPropertyDescriptor(_target, property) {
    if (typeof property !== "string" || !loaded || !(property in loaded)) return undefined;
    return { value: loaded[property], enumerable: true, configurable: true, writable: false };
  },
  set() {
    throw new TypeError("params are read-only; set them per stage with the CLI");
  },
});

/**
 * The SDK as a framework's server code imports it, when the framework's
 * build would otherwise bundle a copy of the SDK (and its AWS clients) into
 * the server: SvelteKit's adapter-node and Astro's server build inline
 * every package the app does not list in `dependencies`. The wrappers
 * (svelte.ts, astro.ts) alias `@serverless/cloud` and `iac` in the
 * framework's server code to this small module, which the build inlines
 * instead. It answers with the SDK instance the process shared (the HTTP
 * function shares its configured one before the framework's server loads,
 * src/runtime/shared.ts), else with the installed SDK package, required
 * from the app folder at run time (the framework's dev server, or its
 * server run outside iac).
 *
 * Built as an ES module (dist/wrappers/sdk.mjs, scripts/build.js): the
 * frameworks' server code is ESM, and `createRequire` keeps the fallback
 * out of their bundles.
 */
import { createRequire } from "module";
import * as path from "path";

interface Sdk {
  api: unknown;
  data: unknown;
  events: unknown;
  http: unknown;
  logs: unknown;
  params: unknown;
  schedule: unknown;
  storage: unknown;
}

const KEY = Symbol.for("iac.runtime.shared-sdk");

function isSdk(value: unknown): value is Sdk {
  return typeof value === "object" && value !== null && "api" in value && "data" in value;
}

function installed(): Sdk {
  const requireFromApp = createRequire(path.join(process.cwd(), "package.json"));
  let loaded: unknown;
  try {
    loaded = requireFromApp("@serverless/cloud");
  } catch {
    loaded = requireFromApp("iac");
  }
  if (!isSdk(loaded)) throw new Error("the installed @serverless/cloud is not iac's SDK");
  return loaded;
}

const shared: unknown = Reflect.get(globalThis, KEY);
const sdk: Sdk = isSdk(shared) ? shared : installed();

export const api = sdk.api;
export const data = sdk.data;
export const events = sdk.events;
export const http = sdk.http;
export const logs = sdk.logs;
export const params = sdk.params;
export const schedule = sdk.schedule;
export const storage = sdk.storage;
export default { api, data, events, http, logs, params, schedule, storage };

/**
 * The SDK instance a process shares with other copies of the SDK module in
 * it. A web framework's server (Next.js's server chunks) may bundle the SDK
 * into its own code instead of requiring it: that copy would have its own,
 * unconfigured state. The HTTP function (and `iac dev`) share their
 * configured instance under a global symbol before the framework's code
 * loads, and every copy of `src/runtime/index.ts` loaded after that
 * answers with it.
 */
import type { api } from "./core/api/api";
import type { events } from "./core/events";
import type { http } from "./core/http";
import type { logs } from "./core/logs";
import type { params } from "./core/params";
import type { schedule } from "./core/schedule";
import type { data } from "./data";
import type { storage } from "./storage";

export interface SharedSdk {
  api: typeof api;
  data: typeof data;
  events: typeof events;
  http: typeof http;
  logs: typeof logs;
  params: typeof params;
  schedule: typeof schedule;
  storage: typeof storage;
}

const KEY = Symbol.for("iac.runtime.shared-sdk");
const NAMES = ["api", "data", "events", "http", "logs", "params", "schedule", "storage"] as const;

function isSharedSdk(value: unknown): value is SharedSdk {
  return typeof value === "object" && value !== null && NAMES.every((n) => n in value);
}

export function sharedSdk(): SharedSdk | undefined {
  const value: unknown = Reflect.get(globalThis, KEY);
  return isSharedSdk(value) ? value : undefined;
}

/** Makes `sdk` the instance of every SDK copy loaded from now on in this process. */
export function shareSdk(sdk: SharedSdk): void {
  Reflect.set(globalThis, KEY, sdk);
}

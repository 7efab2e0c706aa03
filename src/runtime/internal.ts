/**
 * The runtime's internal API, for adapters and the local instance (never
 * for apps: it is not re-exported from the public index). Configure the
 * backends, reach the dispatchers the platform calls, and reset everything
 * between test runs or code reloads.
 */
import { resetHttpState } from "./core/api/registry";
import { resetRuntimeConfig } from "./core/config";
import { resetEvents } from "./core/events";
import { resetSchedules } from "./core/schedule";
import { clearDataListeners } from "./data";
import { clearStorageListeners } from "./storage";

export { configureRuntime, runtimeConfig, type RuntimeConfig } from "./core/config";
export type { EventEnvelope, EventsBackend, ParamsSource, RuntimeLogger } from "./core/backends";
export { loadParams } from "./core/params";
export { dispatchEvent, subscribedEvents, MAX_EVENT_BODY_BYTES } from "./core/events";
export { dispatchSchedule, registeredSchedules, normalizeScheduleExpression } from "./core/schedule";
export { parseAfter, MAX_DELAY_MS } from "./core/after";
export { expressApp, useLeanPath } from "./core/api/app";
export { registeredRoutes, setFrameworkHandler } from "./core/api/registry";
export { injectRequest, type InjectedRequest, type InjectedResponse } from "./core/api/invoke";
export { MAX_BODY_BYTES } from "./core/api/limits";

/** Forgets every registration (routes, middleware, mounts, schedules, event, data and storage listeners). */
export function resetRegistrations(): void {
  resetHttpState();
  resetSchedules();
  resetEvents();
  clearDataListeners();
  clearStorageListeners();
}

/**
 * Registrations and the core's configuration: a runtime as fresh as a new
 * process's. Data and storage backends are set apart, with `configureData`
 * and `configureStorage` from `./data` and `./storage`.
 */
export function resetRuntime(): void {
  resetRegistrations();
  resetRuntimeConfig();
}

/**
 * The guest side of a local instance: the code that runs inside the app's
 * own module graph, next to the SDK instance the app registered with. `iac
 * dev` bundles it with each app version (so every reload is a fresh SDK
 * with a fresh handler registry); `iac test` loads it in each Jest test
 * file's module registry. Either way the host hands it the shared pieces
 * (data endpoint, storage folder, event queue, params, logger) and gets
 * back the entry points it drives: the HTTP listener, schedule and event
 * dispatch, and waiting for data listeners.
 *
 * Invariant: backends, runtime settings and params are configured before
 * the app's modules load, so code that touches `data` or reads `params` at
 * load time works as it does on Lambda. `configureGuest` does it
 * synchronously, for `iac test`, where a test file's top level (and the
 * app modules it imports) runs before anything the host can await.
 */
import type { RequestListener } from "http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  configureRuntime,
  dispatchEvent,
  dispatchSchedule,
  expressApp,
  registeredRoutes,
  registeredSchedules,
  setFrameworkHandler,
  subscribedEvents,
  type EventEnvelope,
  type EventsBackend,
  type RuntimeLogger,
} from "../runtime/internal";
import { configureData, data, type DataApi } from "../runtime/data";
import { createDynamoBackend } from "../runtime/data/dynamo";
import { LocalDataEvents } from "../runtime/data/local-events";
import { sweepExpired } from "../runtime/data/ttl-sweep";
import { nowSeconds } from "../runtime/data/values";
import { loadItems } from "../runtime/data/api";
import { listenersFor } from "../runtime/data/listeners";
import type { DataBackend, DataChange, DataEvent, SeedItem } from "../runtime/data/types";
import { primeParams } from "../runtime/core/params";
import { storage, type StorageApi } from "../runtime/storage";
import { configureLocalStorage, type GuestStorage, type GuestStorageConfig } from "./guest-storage";
import { LateWrites, type LateWrite } from "./late-writes";

export interface GuestConfig extends GuestStorageConfig {
  appDir: string;
  staticDir: string;
  dataEndpoint: string;
  dataTable: string;
  /** A client to share across versions (the dev host's); else one is made for `dataEndpoint` and closed with the guest. */
  dataClient?: DynamoDBClient;
  /**
   * Resolves once `dataTable` exists and holds its starting data; data calls
   * made before wait for it (rejects: they reject). Absent: the table is ready.
   */
  dataReady?: Promise<void>;
  params: Record<string, string>;
  events: EventsBackend;
  logger: RuntimeLogger;
  /** A data listener failed its last attempt. */
  onDataListenerFailure(error: unknown, event: DataEvent): void;
  /**
   * A request handler wrote (data, storage, events) after its route timed out,
   * which on Lambda it could not have: said once per request. Absent: writes are not checked.
   */
  onLateWrite?(write: LateWrite): void;
  /** A web framework's dev server (src/local/dev/framework.ts): served after the app's own routes, as on Lambda. */
  framework?: RequestListener;
}

export interface Guest {
  /** The app's HTTP surface: every `api`/`http` registration on Express. */
  handle: RequestListener;
  runSchedule(expression: string): Promise<void>;
  deliverEvent(event: EventEnvelope): Promise<void>;
  schedules(): { expression: string; timeoutMs?: number }[];
  /** The routes this version registered, in order (no source locations: those come from the analysis). */
  routes(): { method: string; path: string; timeoutMs?: number }[];
  eventNames(): string[];
  /** Resolves when every queued data change has reached its listeners. */
  dataIdle(): Promise<void>;
  /** DynamoDB's TTL process: deletes the expired items, each a `deleted` change for `data.on`; how many. */
  expireData(): Promise<number>;
  data: DataApi;
  /**
   * Loads items by key, the rest of the data kept: keys that exist are kept,
   * or with `replaceKeys` replaced (`iac data import`, `iac dev --seed`);
   * `data.seed(items, true)` would remove all data first. How many were written.
   */
  loadData(items: SeedItem[], replaceKeys: boolean): Promise<number>;
  /** This version's storage SDK, for the host's own use (the dashboard's file browser): writes reach `storage.on` as the app's do. */
  files: StorageApi;
  /** The storage backend in use (a new one after `setBaseUrl`). */
  readonly storage: GuestStorage;
  /**
   * The instance moved to another origin: signed storage URLs and
   * `params.CLOUD_URL` now name `baseUrl`.
   */
  setBaseUrl(baseUrl: string): void;
  close(): void;
}

const CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/** Configures this SDK instance for the local instance, then loads the app through `loadApp`. */
export async function bootGuest(config: GuestConfig, loadApp: () => void | Promise<void>): Promise<Guest> {
  const guest = configureGuest(config);
  try {
    await loadApp();
  } catch (error) {
    guest.close();
    throw error;
  }
  return guest;
}

/**
 * Configures this SDK instance for the local instance, synchronously: data
 * (its calls waiting for `dataReady`), storage, events and runtime settings,
 * and the params, readable at once. Loading the app is the caller's.
 */
export function configureGuest(config: GuestConfig): Guest {
  const trace = config.trace ?? (<T>(_label: string, fn: () => T): T => fn());
  const client = config.dataClient ?? new DynamoDBClient({ endpoint: config.dataEndpoint, region: "us-east-1", credentials: CREDENTIALS });
  // Only a client made here is this guest's to close.
  const ownClient = client === config.dataClient ? undefined : client;
  const changes = new LocalDataEvents({ onFailure: config.onDataListenerFailure });
  const late = config.onLateWrite ? new LateWrites(config.onLateWrite) : undefined;
  const outside = <T>(fn: () => T): T => (late ? late.outside(fn) : fn());
  // Listeners and events are not the request that wrote: they run outside its context.
  // A change no listener matches is no invocation: it gets no label (and no trace in the dashboard).
  const deliver = (label: string, change: DataChange): unknown =>
    listenersFor(change).length === 0 ? changes.push(change) : outside(() => trace(label, () => changes.push(change)));
  const backend = createDynamoBackend({ table: config.dataTable, client, onChange: (change) => deliver(`data.on ${change.name}`, change) });
  const ready = config.dataReady ? afterReady(backend, config.dataReady) : backend;
  configureData(late ? late.data(ready) : ready);
  let files = configureLocalStorage(config, late);
  let params = { ...config.params };
  configureRuntime({
    appRoot: config.appDir,
    staticDir: config.staticDir,
    exposeErrors: true,
    logger: config.logger,
    events: late ? late.events(config.events) : config.events,
    params: { load: async () => params },
  });
  // After configureRuntime, which forgets loaded params.
  primeParams(params);
  if (config.framework) setFrameworkHandler(config.framework);
  return {
    handle: late ? (req, res) => late.handle(req, res, () => expressApp()(req, res)) : (req, res) => expressApp()(req, res),
    runSchedule: (expression) => outside(() => dispatchSchedule(expression)),
    deliverEvent: (event) => outside(() => dispatchEvent(event)),
    schedules: registeredSchedules,
    routes: registeredRoutes,
    eventNames: subscribedEvents,
    dataIdle: () => changes.idle(),
    expireData: () => sweepExpired({ client, table: config.dataTable, now: nowSeconds(), onChange: (change) => deliver("data ttl", change) }),
    data,
    loadData: (items, replaceKeys) => loadItems(data, items, replaceKeys),
    files: storage,
    get storage() {
      return files;
    },
    setBaseUrl(baseUrl) {
      files = configureLocalStorage({ ...config, baseUrl }, late);
      params = { ...params, CLOUD_URL: baseUrl };
      primeParams(params);
    },
    close: () => ownClient?.destroy(),
  };
}

/** `backend`, each call waiting for `ready` first. */
function afterReady(backend: DataBackend, ready: Promise<void>): DataBackend {
  return {
    get: async (keys) => {
      await ready;
      return backend.get(keys);
    },
    query: async (request) => {
      await ready;
      return backend.query(request);
    },
    set: async (request) => {
      await ready;
      return backend.set(request);
    },
    add: async (key, field, amount) => {
      await ready;
      return backend.add(key, field, amount);
    },
    remove: async (key) => {
      await ready;
      return backend.remove(key);
    },
    clear: async () => {
      await ready;
      return backend.clear();
    },
  };
}

/**
 * The SDK that apps import, as `iac` or as its alias `@serverless/cloud`.
 *
 * Inputs: the app's registrations (routes, schedules, listeners) made when
 * its modules load, and the backends an adapter configures (the Lambda
 * adapter in `./lambda`, the local instance through `./internal`).
 * Outputs: behaviour as the SDK reference (`docs/sdk.md`) specifies it.
 * Invariants: importing this module starts nothing and connects to nothing;
 * a call that needs a backend before one is configured throws
 * "<x> is not available outside a running instance". Never imports the
 * analyzer, synth, the TypeScript compiler or aws-cdk-lib.
 */
import { api as ownApi } from "./core/api/api";
import { events as ownEvents } from "./core/events";
import { http as ownHttp } from "./core/http";
import { logs as ownLogs } from "./core/logs";
import { params as ownParams } from "./core/params";
import { schedule as ownSchedule } from "./core/schedule";
import { data as ownData } from "./data";
import { storage as ownStorage } from "./storage";
import { sharedSdk } from "./shared";

/**
 * A second copy of this module in the same process (a web framework's
 * server bundled the SDK into its own chunks) answers with the instance the
 * process configured, when one was shared (src/runtime/frameworks);
 * otherwise, as always, with its own.
 */
const sdk = sharedSdk() ?? {
  api: ownApi,
  data: ownData,
  events: ownEvents,
  http: ownHttp,
  logs: ownLogs,
  params: ownParams,
  schedule: ownSchedule,
  storage: ownStorage,
};

export const api = sdk.api;
export const data = sdk.data;
export const events = sdk.events;
export const http = sdk.http;
export const logs = sdk.logs;
export const params = sdk.params;
export const schedule = sdk.schedule;
export const storage = sdk.storage;

export type {
  After,
  ApiInterface,
  CloudEvent,
  EventHandler,
  EventsInterface,
  HttpInterface,
  InvokeResult,
  LogsInterface,
  NextFunction,
  ParamsInterface,
  PublishResult,
  Request,
  Response,
  RouteHandle,
  ScheduleEvent,
  ScheduleInterface,
} from "./core/types";
export type { DataApi } from "./data";
export type { StorageApi } from "./storage";

/** Every interface in one object: `import cloud from "iac"; cloud.api.get(...)`. */
const cloud = { api, data, events, http, logs, params, schedule, storage };
export default cloud;

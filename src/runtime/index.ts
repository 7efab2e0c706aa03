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
import { api } from "./core/api/api";
import { events } from "./core/events";
import { http } from "./core/http";
import { logs } from "./core/logs";
import { params } from "./core/params";
import { schedule } from "./core/schedule";
import { data } from "./data";
import { storage } from "./storage";

export { api, data, events, http, logs, params, schedule, storage };

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

/**
 * The graph's kind registry: one entry per resource kind (its module in
 * this folder) and the timeouts of each kind of function. Adding a kind is
 * one module here plus its lines below; the `satisfies` clauses make the
 * compiler ask for them.
 */
import type { FunctionKind, ResourceKind } from "../types";
import { api, HTTP_TIMEOUTS } from "./api";
import { data } from "./data";
import { DATA_LISTENER_TIMEOUTS, dataListener } from "./data-listener";
import { EVENTS_TIMEOUTS, eventSubscription } from "./event-subscription";
import { events } from "./events";
import { http } from "./http";
import type { GraphKind, Timeouts } from "./kind";
import { params } from "./params";
import { schedule, SCHEDULE_TIMEOUTS } from "./schedule";
import { staticFiles } from "./static";
import { storage } from "./storage";
import { STORAGE_LISTENER_TIMEOUTS, storageListener } from "./storage-listener";

export type { GraphKind, HandlerRef, KindCheck, Member, ResourceOf, Timeouts } from "./kind";

type KindTable = { [K in ResourceKind]: GraphKind<K> };

const GRAPH_KINDS: KindTable = {
  api,
  http,
  data,
  storage,
  events,
  schedule,
  "event-subscription": eventSubscription,
  "data-listener": dataListener,
  "storage-listener": storageListener,
  static: staticFiles,
  params,
};

/** Timeouts from the SDK contract, per kind of function. */
export const TIMEOUTS: Record<FunctionKind, Timeouts> = {
  http: HTTP_TIMEOUTS,
  schedule: SCHEDULE_TIMEOUTS,
  "data-listener": DATA_LISTENER_TIMEOUTS,
  events: EVENTS_TIMEOUTS,
  "storage-listener": STORAGE_LISTENER_TIMEOUTS,
};

/** The entry for `kind`. */
export function graphKind<K extends ResourceKind>(kind: K): GraphKind<K> {
  return GRAPH_KINDS[kind];
}

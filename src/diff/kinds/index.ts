/**
 * The diff's kind registry: one entry per resource kind (its module in this
 * folder), and every change area in the order a report lists them, each
 * kind's areas placed by one line. Adding a kind is one module here plus a
 * line in each table; the `satisfies` clauses make the compiler ask for them.
 */
import type { ResourceKind } from "../../graph";
import type { ChangeArea } from "../types";
import { api } from "./api";
import { data } from "./data";
import { dataListener } from "./data-listener";
import { eventSubscription } from "./event-subscription";
import { events } from "./events";
import { http } from "./http";
import type { AreaNouns, DiffKind } from "./kind";
import { params } from "./params";
import { schedule } from "./schedule";
import { staticFiles } from "./static";
import { storage } from "./storage";
import { storageListener } from "./storage-listener";

export { ANY_SCOPE } from "./kind";
export type { AreaNouns, Compare, DiffKind, GrantScope } from "./kind";

export const DIFF_KINDS = {
  data,
  storage,
  events,
  params,
  static: staticFiles,
  http,
  api,
  schedule,
  "event-subscription": eventSubscription,
  "data-listener": dataListener,
  "storage-listener": storageListener,
} satisfies { [K in ResourceKind]: DiffKind<K> };

/**
 * Every change area with its nouns, in the order a report lists them (key
 * order): the app's identity, where data lives, what may act, then what
 * serves and runs, then CloudFormation resources.
 */
export const AREAS = {
  app: ["app identity", "app identities"],
  ...data.areas,
  ...storage.areas,
  permission: ["permission", "permissions"],
  function: ["function", "functions"],
  ...api.areas,
  ...http.areas,
  ...schedule.areas,
  ...eventSubscription.areas,
  ...dataListener.areas,
  ...storageListener.areas,
  ...events.areas,
  ...params.areas,
  ...staticFiles.areas,
  resource: ["resource", "resources"],
} satisfies Record<ChangeArea, AreaNouns>;

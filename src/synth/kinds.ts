/**
 * What synth makes for each kind of resource: one entry per kind, so the
 * compiler asks for one when a kind is added to the graph. Each step says
 * in which slot of the stack's fixed order it runs (app.ts):
 *
 * - `store`: what functions' environment names (table, bucket, bus), made
 *   before the functions;
 * - `entry`: how requests reach the functions (the HTTP API);
 * - `edge`: what needs the CDN, made after it (storage's CORS origins);
 * - `delivery`: what hands background work to a function (rules, stream and
 *   bucket notifications).
 *
 * Within a slot, steps run in this table's order, a step shared by kinds
 * once. Every step runs whatever the graph holds and does nothing when its
 * resource is absent, so the order of constructs (and with it the template)
 * depends on the table alone, never on the graph. A kind with no step of
 * its own is made by stage-wide steps (functions, the CDN, IAM grants): the
 * entry says so.
 */
import type { ResourceKind } from "../graph";
import type { SynthContext } from "./context";
import { addTable } from "./data";
import { addEventBus, addEventRules, addScheduleRules } from "./events";
import { addHttpApi } from "./http";
import { addDataListeners, addStorageListeners } from "./listeners";
import { addBucket, addStorageCors } from "./storage";

export type SynthStep = (ctx: SynthContext) => void;
export type SynthSlot = "store" | "entry" | "edge" | "delivery";

export const SYNTH_KINDS = {
  data: { store: addTable },
  storage: { store: addBucket, edge: addStorageCors },
  events: { store: addEventBus },
  api: { entry: addHttpApi },
  http: { entry: addHttpApi },
  // Served by the CDN, which fronts the HTTP API and public storage too (cdn.ts).
  static: {},
  // Read through each function's environment and IAM (functions.ts, params.ts, iam.ts).
  params: {},
  schedule: { delivery: addScheduleRules },
  "event-subscription": { delivery: addEventRules },
  "data-listener": { delivery: addDataListeners },
  "storage-listener": { delivery: addStorageListeners },
} satisfies Record<ResourceKind, Partial<Record<SynthSlot, SynthStep>>>;

/** The steps of one slot, in table order, each once. */
export function stepsOf(slot: SynthSlot): SynthStep[] {
  const steps: SynthStep[] = [];
  for (const entry of Object.values<Partial<Record<SynthSlot, SynthStep>>>(SYNTH_KINDS)) {
    const step = entry[slot];
    if (step && !steps.includes(step)) steps.push(step);
  }
  return steps;
}

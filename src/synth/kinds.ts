/**
 * What synth does for each kind of resource: one entry per kind (the
 * kind's own `SynthKind`, context.ts), so the compiler asks for one when a
 * kind is added to the graph. A step says in which slot of the stack's fixed
 * order it runs (app.ts):
 *
 * - `store`: what functions' environment names (table, bucket, bus), made
 *   before the functions;
 * - `entry`: how requests reach the functions (the HTTP API);
 * - `edge`: what needs the CDN, made after it (storage's CORS origins);
 * - `delivery`: what hands background work to a function (rules, stream and
 *   bucket notifications).
 *
 * Within a slot, steps run in this table's order, a step shared by kinds
 * once; every step runs whatever the graph holds and does nothing when its
 * resource is absent, so the order of constructs (and with it the template)
 * depends on the table alone, never on the graph. Each function's
 * environment gets the kinds' variables in this order too (functions.ts),
 * and IAM (iam.ts) asks the kind that owns each grant target for its ARNs.
 * A kind with no step of its own is made by stage-wide steps (functions,
 * the CDN, IAM grants): its entry says so.
 */
import type { FunctionPlan, ResourceKind } from "../graph";
import type { GrantResolver, SynthContext, SynthKind, SynthSlot, SynthStep } from "./context";
import { DATA_SYNTH } from "./data";
import { EVENTS_SYNTH, addEventRules, addScheduleRules } from "./events";
import { addHttpApi } from "./http";
import type { GrantTarget } from "./iam-table";
import { addDataListeners, addStorageListeners } from "./listeners";
import { PARAMS_SYNTH } from "./params";
import { STORAGE_SYNTH } from "./storage";

export type { SynthSlot, SynthStep } from "./context";

export const SYNTH_KINDS = {
  // First: its variables lead each function's environment.
  params: PARAMS_SYNTH,
  data: DATA_SYNTH,
  storage: STORAGE_SYNTH,
  events: EVENTS_SYNTH,
  api: { entry: addHttpApi },
  http: { entry: addHttpApi },
  // Served by the CDN, which fronts the HTTP API and public storage too (cdn.ts).
  static: {},
  schedule: { delivery: addScheduleRules },
  "event-subscription": { delivery: addEventRules },
  "data-listener": { delivery: addDataListeners },
  "storage-listener": { delivery: addStorageListeners },
} satisfies Record<ResourceKind, SynthKind>;

type Entry = (typeof SYNTH_KINDS)[keyof typeof SYNTH_KINDS];
type Resolved = Entry extends infer E ? (E extends { grants: infer G } ? keyof G : never) : never;
/** Every target of the IAM table is some kind's: the compiler names any that none resolves. */
const everyTargetResolved: Record<Exclude<GrantTarget, Resolved>, never> = {};
void everyTargetResolved;

const ENTRIES: readonly SynthKind[] = Object.values(SYNTH_KINDS);

/** The steps of one slot, in table order, each once. */
export function stepsOf(slot: SynthSlot): SynthStep[] {
  const steps: SynthStep[] = [];
  for (const entry of ENTRIES) {
    const step = entry[slot];
    if (step && !steps.includes(step)) steps.push(step);
  }
  return steps;
}

/** The kinds' environment variables for one function, in table order. */
export function kindEnvironment(ctx: SynthContext, plan: FunctionPlan): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of ENTRIES) if (entry.environment) Object.assign(env, entry.environment(ctx, plan));
  return env;
}

/** The kind that owns `target` turns it into ARNs. */
export const GRANT_RESOLVERS: Readonly<Record<GrantTarget, GrantResolver>> = Object.assign({}, ...ENTRIES.map((e) => e.grants ?? {})) as Record<
  GrantTarget,
  GrantResolver
>;

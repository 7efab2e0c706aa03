/** Timeouts from the SDK contract: defaults and maxima per kind of work, in ms. */
import type { FunctionKind } from "./types";

export const TIMEOUTS: Record<FunctionKind, { defaultMs: number; maxMs: number }> = {
  // API Gateway's integration limit is 29 s.
  http: { defaultMs: 10_000, maxMs: 29_000 },
  schedule: { defaultMs: 60_000, maxMs: 300_000 },
  "data-listener": { defaultMs: 20_000, maxMs: 60_000 },
  // The contract gives no figure for events and storage listeners; we use the
  // data listener's, which keeps retries of background work prompt.
  events: { defaultMs: 20_000, maxMs: 60_000 },
  "storage-listener": { defaultMs: 20_000, maxMs: 60_000 },
};

/** The effective timeout for a handler of `kind` that asked for `requestedMs`. */
export function effectiveTimeout(kind: FunctionKind, requestedMs: number | undefined): number {
  const t = TIMEOUTS[kind];
  if (requestedMs === undefined) return t.defaultMs;
  return Math.min(Math.max(requestedMs, 1000), t.maxMs);
}

/** Timeouts from the SDK contract: defaults and maxima per kind of function (each kind's module declares its own), in ms. */
import { TIMEOUTS } from "./kinds";
import type { FunctionKind } from "./types";

export { TIMEOUTS };

/** The effective timeout for a handler of `kind` that asked for `requestedMs`. */
export function effectiveTimeout(kind: FunctionKind, requestedMs: number | undefined): number {
  const t = TIMEOUTS[kind];
  if (requestedMs === undefined) return t.defaultMs;
  return Math.min(Math.max(requestedMs, 1000), t.maxMs);
}

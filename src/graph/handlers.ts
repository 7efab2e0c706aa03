/** Which handler registrations a resource points at (each kind's module in kinds/ says; every phase asks here). */
import { graphKind, type HandlerRef } from "./kinds";
import type { Resource } from "./types";

/** Handler ids a resource points at, with where each is registered. */
export function handlersOf(r: Resource): HandlerRef[] {
  return graphKind(r.kind).handlers(r);
}

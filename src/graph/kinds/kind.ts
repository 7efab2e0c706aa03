/**
 * What the graph's helpers need of one resource kind: the handlers it
 * registers, the functions that run them, its canonical form and its own
 * checks. One `GraphKind` per kind in `kinds/<kind>.ts`, listed once in
 * `kinds/index.ts`; `handlersOf`, `planFunctions`, `normalizeGraph` and
 * `validateGraph` ask the registry instead of switching on the kind.
 */
import type { FunctionKind, Resource, ResourceKind, SourceLocation } from "../types";

export type ResourceOf<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/** A handler a resource registers, and where it is registered. */
export interface HandlerRef {
  id: string;
  location: SourceLocation;
}

/** A handler and the deployable function it runs in (`planFunctions` groups members by `fn`). */
export interface Member {
  fn: string;
  kind: FunctionKind;
  handler: string;
  timeoutMs?: number;
}

/** Defaults and maxima for one kind of function, in ms (the SDK contract's). */
export interface Timeouts {
  defaultMs: number;
  maxMs: number;
}

/** What a kind's own checks can see of the graph, and how they report. */
export interface KindCheck {
  /** The resource with this id, if the graph has one. */
  resource(id: string): Resource | undefined;
  error(code: string, message: string, location: SourceLocation): void;
}

export interface GraphKind<K extends ResourceKind> {
  /** Handler ids the resource points at, with where each is registered. */
  handlers(r: ResourceOf<K>): HandlerRef[];
  /** The function each of its handlers runs in; none for a resource that registers none. */
  members(r: ResourceOf<K>): Member[];
  /** A new resource in canonical form: arrays sorted, duplicates dropped; order that means something kept. */
  normalize(r: ResourceOf<K>): ResourceOf<K>;
  /** Checks of this kind beyond the graph-wide ones (`validateGraph`), reported after them. */
  check?(r: ResourceOf<K>, graph: KindCheck): void;
}

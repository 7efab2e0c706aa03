/**
 * What `iac diff` needs of one resource kind: its comparer, the change
 * areas it reports in (with their nouns), and for a kind that code calls,
 * how a grant's scope reads. One `DiffKind` per kind in `kinds/<kind>.ts`,
 * listed once in `kinds/index.ts`, which also places each kind's areas in
 * the report's order.
 */
import type { AppGraph, ResourceKind, Usage } from "../../graph";
import type { Change, ChangeArea } from "../types";

export type Compare = (base: AppGraph, head: AppGraph) => Change[];

/** An area's noun, singular and plural: `1 route removed · 2 routes added`. */
export type AreaNouns = readonly [singular: string, plural: string];

/** A grant's scope when the analyzer could not tell it (any key, any path, any name). */
export const ANY_SCOPE = "*";

/** How a grant's scope reads after `on`: `collection "todo"`, `any path`. `scope` is one name, or ANY_SCOPE. */
export type GrantScope = (operation: string, scope: string) => string;

/** The common case: one noun for a named scope, one for any. */
export function scopeNouns(one: string, any: string): GrantScope {
  return (_operation, scope) => (scope === ANY_SCOPE ? any : `${one} ${JSON.stringify(scope)}`);
}

interface DiffKindBase {
  /** This kind's changes, base against head: matched by id or content, never by location. */
  compare: Compare;
  /** The areas its changes are reported in, with their nouns; every area is placed once, in kinds/index.ts. */
  areas: Partial<Record<ChangeArea, AreaNouns>>;
}

/** A kind that code calls (a usage resource) also says how its grants' scopes read. */
export type DiffKind<K extends ResourceKind> = DiffKindBase & (K extends Usage["resource"] ? { grantScope: GrantScope } : unknown);

/**
 * How the CLI shows each kind of resource besides its own lines in `iac
 * graph` (graph.ts's exhaustive `describe`): one entry per kind, so the
 * compiler asks for one when a kind is added to the graph.
 */
import type { ResourceKind } from "../../compiler";

export interface KindRendering {
  /** A store the app's code calls: a node of its own in `iac graph --format mermaid`, which usages point at. */
  store: boolean;
  /** Counted among the listeners of `iac build`'s summary, under this name. */
  listener?: string;
}

export const KIND_RENDERING = {
  api: { store: false },
  http: { store: false },
  data: { store: true },
  storage: { store: true },
  events: { store: true },
  params: { store: true },
  static: { store: false },
  schedule: { store: false },
  "event-subscription": { store: false, listener: "events" },
  "data-listener": { store: false, listener: "data" },
  "storage-listener": { store: false, listener: "storage" },
} satisfies Record<ResourceKind, KindRendering>;

function isKind(name: string): name is ResourceKind {
  return name in KIND_RENDERING;
}

const ENTRIES = Object.entries(KIND_RENDERING).flatMap(([kind, r]: [string, KindRendering]) => (isKind(kind) ? [{ kind, ...r }] : []));

/** The kinds drawn as stores, in table order. */
export const STORE_KINDS: ReadonlySet<ResourceKind> = new Set(ENTRIES.filter((e) => e.store).map((e) => e.kind));

/** The listener kinds and their names in the build summary, in table order. */
export const LISTENER_KINDS: readonly { kind: ResourceKind; name: string }[] = ENTRIES.flatMap((e) => (e.listener ? [{ kind: e.kind, name: e.listener }] : []));

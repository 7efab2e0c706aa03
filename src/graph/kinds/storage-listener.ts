/** `storage.on(spec, handler)`: every one runs in `storage-listeners`. */
import { uniqSorted } from "../sort";
import type { GraphKind, Timeouts } from "./kind";

/** The contract gives no figure for storage listeners; the data listener's keeps retries of background work prompt. */
export const STORAGE_LISTENER_TIMEOUTS: Timeouts = { defaultMs: 20_000, maxMs: 60_000 };

export const storageListener = {
  handlers: (r) => [{ id: r.handler, location: r.location }],
  members: (r) => [{ fn: "storage-listeners", kind: "storage-listener", handler: r.handler, timeoutMs: r.timeoutMs }],
  normalize: (r) => ({ ...r, events: uniqSorted(r.events) }),
} satisfies GraphKind<"storage-listener">;

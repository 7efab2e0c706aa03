/** The event bus: registers no handler (its subscriptions are `event-subscription`). */
import { uniqSorted } from "../sort";
import type { GraphKind } from "./kind";

export const events = {
  handlers: () => [],
  members: () => [],
  normalize: (r) => ({ ...r, published: uniqSorted(r.published) }),
} satisfies GraphKind<"events">;

/** The data table: registers no handler (its listeners are `data-listener`). */
import { uniqSorted } from "../sort";
import type { GraphKind } from "./kind";

export const data = {
  handlers: () => [],
  members: () => [],
  normalize: (r) => ({ ...r, labels: uniqSorted(r.labels), collections: uniqSorted(r.collections) }),
} satisfies GraphKind<"data">;

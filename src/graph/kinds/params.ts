/** The params the app reads: registers no handler. */
import { uniqSorted } from "../sort";
import type { GraphKind } from "./kind";

export const params = {
  handlers: () => [],
  members: () => [],
  normalize: (r) => ({ ...r, names: uniqSorted(r.names) }),
} satisfies GraphKind<"params">;

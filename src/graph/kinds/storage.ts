/** The storage bucket: registers no handler (its listeners are `storage-listener`). */
import type { GraphKind } from "./kind";

export const storage = {
  handlers: () => [],
  members: () => [],
  normalize: (r) => ({ ...r }),
} satisfies GraphKind<"storage">;

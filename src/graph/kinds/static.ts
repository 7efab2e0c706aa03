/** Files under `static/`: registers no handler; one entry per path. */
import { cmp } from "../sort";
import type { GraphKind } from "./kind";

export const staticFiles = {
  handlers: () => [],
  members: () => [],
  normalize: (r) => ({ ...r, files: [...new Map(r.files.map((f) => [f.path, f])).values()].sort((a, b) => cmp(a.path, b.path)) }),
} satisfies GraphKind<"static">;

/** `http.use(app)`, `http.static(dir)` and `http.on(404, file)`: the mount and the folders run in the `http` function. */
import type { GraphKind } from "./kind";

export const http = {
  handlers: (r) => [
    ...(r.mount ? [{ id: r.mount.handler, location: r.mount.location }] : []),
    ...(r.folders ?? []).map((f) => ({ id: f.handler, location: f.location })),
  ],
  members: (r) => [
    ...(r.mount ? [{ fn: "http", kind: "http" as const, handler: r.mount.handler }] : []),
    ...(r.folders ?? []).map((f) => ({ fn: "http", kind: "http" as const, handler: f.handler })),
  ],
  normalize: (r) => ({ ...r }),
} satisfies GraphKind<"http">;

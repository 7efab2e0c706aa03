/** Which handler registrations a resource points at (one exhaustive switch for every phase). */
import type { Resource, SourceLocation } from "./types";

export /** Handler ids a resource points at, with where each is registered. */
function handlersOf(r: Resource): { id: string; location: SourceLocation }[] {
  switch (r.kind) {
    case "api":
      return [...r.routes.map((x) => ({ id: x.handler, location: x.location })), ...r.middleware.map((x) => ({ id: x.handler, location: x.location }))];
    case "http":
      return [...(r.mount ? [{ id: r.mount.handler, location: r.mount.location }] : []), ...(r.folders ?? []).map((f) => ({ id: f.handler, location: f.location }))];
    case "schedule":
    case "event-subscription":
    case "data-listener":
    case "storage-listener":
      return [{ id: r.handler, location: r.location }];
    case "data":
    case "storage":
    case "events":
    case "static":
    case "params":
      return [];
    default: {
      const never: never = r;
      throw new Error(`unknown resource kind ${JSON.stringify(never)}`);
    }
  }
}

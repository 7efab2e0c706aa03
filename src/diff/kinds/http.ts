/** `http.use(app)` mounted or removed, and `http.on(404)`'s page. */
import type { AppGraph } from "../../graph";
import { at, single } from "../compare";
import type { Change } from "../types";
import type { DiffKind } from "./kind";

function diffHttp(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bh = single(base, "http");
  const hh = single(head, "http");
  const bm = bh?.mount;
  const hm = hh?.mount;
  if (!bm && hm)
    changes.push({
      source: "graph",
      area: "http",
      action: "added",
      subject: `http.use(${hm.framework} app)`,
      class: "safe",
      reason: "an app is mounted as the whole HTTP surface",
      causes: [at("head", hm.location)],
    });
  if (bm && !hm)
    changes.push({
      source: "graph",
      area: "http",
      action: "removed",
      subject: `http.use(${bm.framework} app)`,
      class: "safe",
      reason: "the mounted app is gone",
      causes: [at("base", bm.location)],
    });
  if (bh?.notFound?.file !== hh?.notFound?.file) {
    changes.push({
      source: "graph",
      area: "http",
      action: "changed",
      subject: "http.on(404)",
      class: "safe",
      reason: "the fallback page for unmatched paths changed",
      causes: hh?.notFound ? [at("head", hh.notFound.location)] : [],
      details: [`${bh?.notFound?.file ?? "none"} → ${hh?.notFound?.file ?? "none"}`],
    });
  }
  return changes;
}

export const http = {
  compare: diffHttp,
  areas: { http: ["http mount", "http mounts"] },
} satisfies DiffKind<"http">;

/** Files under `static/`, by path and content hash: one change listing what was added, removed and modified. */
import type { AppGraph } from "../../graph";
import { single } from "../compare";
import type { Change } from "../types";
import type { DiffKind } from "./kind";

function diffStatic(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bs = new Map((single(base, "static")?.files ?? []).map((f) => [f.path, f.sha256]));
  const hs = new Map((single(head, "static")?.files ?? []).map((f) => [f.path, f.sha256]));
  const added = [...hs.keys()].filter((p) => !bs.has(p));
  const removed = [...bs.keys()].filter((p) => !hs.has(p));
  const modified = [...hs.keys()].filter((p) => bs.has(p) && bs.get(p) !== hs.get(p));
  if (added.length + removed.length + modified.length > 0) {
    changes.push({
      source: "graph",
      area: "static",
      action: "changed",
      subject: "static files",
      class: "safe",
      reason: `${added.length} added, ${removed.length} removed, ${modified.length} modified`,
      causes: [],
      details: [...added.map((p) => `+ ${p}`), ...removed.map((p) => `- ${p}`), ...modified.map((p) => `~ ${p}`)],
    });
  }
  return changes;
}

export const staticFiles = {
  compare: diffStatic,
  areas: { static: ["static files", "static files"] },
} satisfies DiffKind<"static">;

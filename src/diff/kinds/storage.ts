/** The storage bucket: removed is destructive (its files go); public reads turned on is a permission change. */
import type { AppGraph } from "../../graph";
import { at, single, usageCause } from "../compare";
import type { Change } from "../types";
import { type DiffKind, scopeNouns } from "./kind";

function diffStorage(base: AppGraph, head: AppGraph): Change[] {
  const b = single(base, "storage");
  const h = single(head, "storage");
  if (!b && h)
    return [
      {
        source: "graph",
        area: "storage",
        action: "added",
        subject: "storage bucket",
        class: "safe",
        reason: "a bucket is created",
        causes: [at("head", h.location)],
      },
    ];
  if (b && !h) {
    return [
      {
        source: "graph",
        area: "storage",
        action: "removed",
        subject: "storage bucket",
        class: "destructive",
        reason: "nothing uses storage any more: the bucket and every file in it leave the app (retained on long-lived stages, deleted on ephemeral ones)",
        causes: [at("base", b.location)],
      },
    ];
  }
  if (!b || !h || b.public === h.public) return [];
  const publicWrites = head.usages.filter((u) => u.resource === "storage" && (u.scope.prefixes ?? [""]).some((p) => p.startsWith("public")));
  return [
    {
      source: "graph",
      area: "storage",
      action: "changed",
      subject: "public files",
      class: h.public ? "permissions" : "safe",
      reason: h.public ? "files under public/ become readable by anyone at /public/*" : "nothing writes under public/ any more: public reads are turned off",
      causes: h.public && publicWrites.length > 0 ? publicWrites.map((u) => usageCause("head", u)) : [at("head", h.location)],
    },
  ];
}

export const storage = {
  compare: diffStorage,
  areas: { storage: ["bucket", "buckets"] },
  grantScope: scopeNouns("path prefix", "any path"),
} satisfies DiffKind<"storage">;

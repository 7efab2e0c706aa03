/** The params the app reads: a new one must be set before deploying. */
import type { AppGraph } from "../../graph";
import { at, listDelta, single, usageCause } from "../compare";
import type { Change } from "../types";
import { type DiffKind, scopeNouns } from "./kind";

function diffParams(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bp = single(base, "params");
  const hp = single(head, "params");
  const d = listDelta(bp?.names ?? [], hp?.names ?? []);
  for (const n of d.added) {
    const reads = head.usages.filter((u) => u.resource === "params" && (u.scope.names ?? []).includes(n));
    changes.push({
      source: "graph",
      area: "params",
      action: "added",
      subject: `param ${n}`,
      class: "safe",
      reason: `the app reads ${n}: set it with \`iac params set ${n} <value> --stage <stage>\` before deploying`,
      causes: reads.length > 0 ? reads.map((u) => usageCause("head", u)) : hp ? [at("head", hp.location)] : [],
    });
  }
  for (const n of d.removed)
    changes.push({
      source: "graph",
      area: "params",
      action: "removed",
      subject: `param ${n}`,
      class: "safe",
      reason: "the app no longer reads it (its stored value is kept)",
      causes: bp ? [at("base", bp.location)] : [],
    });
  return changes;
}

export const params = {
  compare: diffParams,
  areas: { params: ["param", "params"] },
  grantScope: scopeNouns("param", "any param"),
} satisfies DiffKind<"params">;

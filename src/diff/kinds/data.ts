/**
 * The data table and its label indexes: where data can be lost. The table
 * removed and a label index dropped are destructive; several indexes
 * created or deleted at once take one stack update each.
 */
import type { AppGraph, LabelName, Usage } from "../../graph";
import { at, single, usageCause } from "../compare";
import type { Cause, Change } from "../types";
import { type DiffKind, ANY_SCOPE } from "./kind";

function labelCauses(side: Cause["side"], usages: readonly Usage[], label: LabelName): Cause[] {
  return usages.filter((u) => u.resource === "data" && (u.scope.labels ?? []).includes(label)).map((u) => usageCause(side, u));
}

function diffData(base: AppGraph, head: AppGraph): Change[] {
  const b = single(base, "data");
  const h = single(head, "data");
  if (!b && h)
    return [
      { source: "graph", area: "data", action: "added", subject: "data table", class: "safe", reason: "a table is created", causes: [at("head", h.location)] },
    ];
  if (b && !h) {
    return [
      {
        source: "graph",
        area: "data",
        action: "removed",
        subject: "data table",
        class: "destructive",
        reason: "nothing uses data any more: the table and every item in it leave the app (retained on long-lived stages, deleted on ephemeral ones)",
        causes: [at("base", b.location)],
      },
    ];
  }
  if (!b || !h) return [];
  const changes: Change[] = [];
  for (const label of b.labels.filter((l) => !h.labels.includes(l))) {
    changes.push({
      source: "graph",
      area: "label-index",
      action: "removed",
      subject: `label index ${label}`,
      class: "destructive",
      reason: `no code uses ${label} any more: its index is dropped, and adding it back rebuilds it from scratch`,
      causes: labelCauses("base", base.usages, label),
    });
  }
  for (const label of h.labels.filter((l) => !b.labels.includes(l))) {
    changes.push({
      source: "graph",
      area: "label-index",
      action: "added",
      subject: `label index ${label}`,
      class: "safe",
      reason: `${label} is used: a new index is built (DynamoDB adds one index per deployment)`,
      causes: labelCauses("head", head.usages, label),
    });
  }
  const indexChanges = [...h.labels.filter((l) => !b.labels.includes(l)), ...b.labels.filter((l) => !h.labels.includes(l))];
  if (indexChanges.length > 1) {
    // iac deploy's order (src/deploy/index-steps.ts): creations first, then deletions, each its own update.
    const steps = [
      ...h.labels.filter((l) => !b.labels.includes(l)).map((l) => `create ${l}`),
      ...b.labels.filter((l) => !h.labels.includes(l)).map((l) => `delete ${l}`),
    ];
    changes.push({
      source: "graph",
      area: "label-index",
      action: "changed",
      subject: "label indexes",
      class: "safe",
      reason:
        `${indexChanges.length} label indexes are created or deleted in one change, and CloudFormation creates or deletes one index per table update: ` +
        `iac deploy makes it ${indexChanges.length} stack updates, one index each (deploying this template in one update, e.g. with cdk deploy, fails)`,
      causes: [],
      details: steps.map((step, i) => `update ${i + 1}: ${step}`),
    });
  }
  if (b.stream !== h.stream) {
    changes.push({
      source: "graph",
      area: "data",
      action: "changed",
      subject: "table stream",
      class: "safe",
      reason: h.stream ? "a data.on listener needs the table's stream: it is turned on" : "no data.on listener is left: the table's stream is turned off",
      causes: [at(h.stream ? "head" : "base", h.stream ? h.location : b.location)],
    });
  }
  return changes;
}

export const data = {
  compare: diffData,
  areas: { data: ["data table", "data tables"], "label-index": ["label index", "label indexes"] },
  grantScope: (operation, scope) => {
    // A label query's scopes are the namespaces of the label values it asks for, not collections of keys.
    const [one, any] = operation === "getByLabel" ? ["label namespace", "any label value"] : ["collection", "any key"];
    if (scope === ANY_SCOPE) return any;
    return `${one} ${scope === "" ? (operation === "getByLabel" ? "(values without one)" : "(simple keys)") : JSON.stringify(scope)}`;
  },
} satisfies DiffKind<"data">;

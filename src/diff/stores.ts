/**
 * The app's singletons, base against head: the data table (and its label
 * indexes), the storage bucket, the event bus, params, static files and the
 * `http` mount. This is where data can be lost, so the classes matter most
 * here: a table or bucket removed and a label index dropped are destructive.
 * One comparer per kind, each listed in graph.ts's kind table.
 */
import type { AppGraph, LabelName, Resource, Usage } from "../graph";
import { at } from "./handlers";
import { usageCause } from "./permissions";
import type { Cause, Change } from "./types";

function single<K extends Resource["kind"]>(g: AppGraph, kind: K): Extract<Resource, { kind: K }> | undefined {
  return g.resources.find((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

function labelCauses(side: Cause["side"], usages: readonly Usage[], label: LabelName): Cause[] {
  return usages.filter((u) => u.resource === "data" && (u.scope.labels ?? []).includes(label)).map((u) => usageCause(side, u));
}

export function diffData(base: AppGraph, head: AppGraph): Change[] {
  const b = single(base, "data");
  const h = single(head, "data");
  if (!b && h) return [{ source: "graph", area: "data", action: "added", subject: "data table", class: "safe", reason: "a table is created", causes: [at("head", h.location)] }];
  if (b && !h) {
    return [{
      source: "graph", area: "data", action: "removed", subject: "data table", class: "destructive",
      reason: "nothing uses data any more: the table and every item in it leave the app (retained on long-lived stages, deleted on ephemeral ones)",
      causes: [at("base", b.location)],
    }];
  }
  if (!b || !h) return [];
  const changes: Change[] = [];
  for (const label of b.labels.filter((l) => !h.labels.includes(l))) {
    changes.push({
      source: "graph", area: "label-index", action: "removed", subject: `label index ${label}`, class: "destructive",
      reason: `no code uses ${label} any more: its index is dropped, and adding it back rebuilds it from scratch`,
      causes: labelCauses("base", base.usages, label),
    });
  }
  for (const label of h.labels.filter((l) => !b.labels.includes(l))) {
    changes.push({
      source: "graph", area: "label-index", action: "added", subject: `label index ${label}`, class: "safe",
      reason: `${label} is used: a new index is built (DynamoDB adds one index per deployment)`,
      causes: labelCauses("head", head.usages, label),
    });
  }
  const indexChanges = [...h.labels.filter((l) => !b.labels.includes(l)), ...b.labels.filter((l) => !h.labels.includes(l))];
  if (indexChanges.length > 1) {
    // iac deploy's order (src/deploy/index-steps.ts): creations first, then deletions, each its own update.
    const steps = [...h.labels.filter((l) => !b.labels.includes(l)).map((l) => `create ${l}`), ...b.labels.filter((l) => !h.labels.includes(l)).map((l) => `delete ${l}`)];
    changes.push({
      source: "graph", area: "label-index", action: "changed", subject: "label indexes", class: "safe",
      reason: `${indexChanges.length} label indexes are created or deleted in one change, and CloudFormation creates or deletes one index per table update: ` +
        `iac deploy makes it ${indexChanges.length} stack updates, one index each (deploying this template in one update, e.g. with cdk deploy, fails)`,
      causes: [],
      details: steps.map((step, i) => `update ${i + 1}: ${step}`),
    });
  }
  if (b.stream !== h.stream) {
    changes.push({
      source: "graph", area: "data", action: "changed", subject: "table stream", class: "safe",
      reason: h.stream ? "a data.on listener needs the table's stream: it is turned on" : "no data.on listener is left: the table's stream is turned off",
      causes: [at(h.stream ? "head" : "base", h.stream ? h.location : b.location)],
    });
  }
  return changes;
}

export function diffStorage(base: AppGraph, head: AppGraph): Change[] {
  const b = single(base, "storage");
  const h = single(head, "storage");
  if (!b && h) return [{ source: "graph", area: "storage", action: "added", subject: "storage bucket", class: "safe", reason: "a bucket is created", causes: [at("head", h.location)] }];
  if (b && !h) {
    return [{
      source: "graph", area: "storage", action: "removed", subject: "storage bucket", class: "destructive",
      reason: "nothing uses storage any more: the bucket and every file in it leave the app (retained on long-lived stages, deleted on ephemeral ones)",
      causes: [at("base", b.location)],
    }];
  }
  if (!b || !h || b.public === h.public) return [];
  const publicWrites = head.usages.filter((u) => u.resource === "storage" && (u.scope.prefixes ?? [""]).some((p) => p.startsWith("public")));
  return [{
    source: "graph", area: "storage", action: "changed", subject: "public files", class: h.public ? "permissions" : "safe",
    reason: h.public ? "files under public/ become readable by anyone at /public/*" : "nothing writes under public/ any more: public reads are turned off",
    causes: h.public && publicWrites.length > 0 ? publicWrites.map((u) => usageCause("head", u)) : [at("head", h.location)],
  }];
}

function listDelta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

export function diffEvents(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const be = single(base, "events");
  const he = single(head, "events");
  if (!be && he) changes.push({ source: "graph", area: "events", action: "added", subject: "event bus", class: "safe", reason: "an event bus is created", causes: [at("head", he.location)] });
  if (be && !he) changes.push({ source: "graph", area: "events", action: "removed", subject: "event bus", class: "safe", reason: "nothing publishes or subscribes: the bus (and any delayed event still pending) is deleted", causes: [at("base", be.location)] });
  if (be && he) {
    const d = listDelta(be.published, he.published);
    for (const n of d.added) changes.push({ source: "graph", area: "events", action: "added", subject: `published event ${n}`, class: "safe", reason: "a new event name is published", causes: [at("head", he.location)] });
    for (const n of d.removed) changes.push({ source: "graph", area: "events", action: "removed", subject: `published event ${n}`, class: "safe", reason: "the event name is no longer published", causes: [at("base", be.location)] });
  }
  return changes;
}

export function diffParams(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bp = single(base, "params");
  const hp = single(head, "params");
  const d = listDelta(bp?.names ?? [], hp?.names ?? []);
  for (const n of d.added) {
    const reads = head.usages.filter((u) => u.resource === "params" && (u.scope.names ?? []).includes(n));
    changes.push({
      source: "graph", area: "params", action: "added", subject: `param ${n}`, class: "safe",
      reason: `the app reads ${n}: set it with \`iac params set ${n} <value> --stage <stage>\` before deploying`,
      causes: reads.length > 0 ? reads.map((u) => usageCause("head", u)) : hp ? [at("head", hp.location)] : [],
    });
  }
  for (const n of d.removed) changes.push({ source: "graph", area: "params", action: "removed", subject: `param ${n}`, class: "safe", reason: "the app no longer reads it (its stored value is kept)", causes: bp ? [at("base", bp.location)] : [] });
  return changes;
}

export function diffStatic(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bs = new Map((single(base, "static")?.files ?? []).map((f) => [f.path, f.sha256]));
  const hs = new Map((single(head, "static")?.files ?? []).map((f) => [f.path, f.sha256]));
  const added = [...hs.keys()].filter((p) => !bs.has(p));
  const removed = [...bs.keys()].filter((p) => !hs.has(p));
  const modified = [...hs.keys()].filter((p) => bs.has(p) && bs.get(p) !== hs.get(p));
  if (added.length + removed.length + modified.length > 0) {
    changes.push({
      source: "graph", area: "static", action: "changed", subject: "static files", class: "safe",
      reason: `${added.length} added, ${removed.length} removed, ${modified.length} modified`,
      causes: [], details: [...added.map((p) => `+ ${p}`), ...removed.map((p) => `- ${p}`), ...modified.map((p) => `~ ${p}`)],
    });
  }
  return changes;
}

export function diffHttp(base: AppGraph, head: AppGraph): Change[] {
  const changes: Change[] = [];
  const bh = single(base, "http");
  const hh = single(head, "http");
  const bm = bh?.mount;
  const hm = hh?.mount;
  if (!bm && hm) changes.push({ source: "graph", area: "http", action: "added", subject: `http.use(${hm.framework} app)`, class: "safe", reason: "an app is mounted as the whole HTTP surface", causes: [at("head", hm.location)] });
  if (bm && !hm) changes.push({ source: "graph", area: "http", action: "removed", subject: `http.use(${bm.framework} app)`, class: "safe", reason: "the mounted app is gone", causes: [at("base", bm.location)] });
  if (bh?.notFound?.file !== hh?.notFound?.file) {
    changes.push({
      source: "graph", area: "http", action: "changed", subject: "http.on(404)", class: "safe", reason: "the fallback page for unmatched paths changed",
      causes: hh?.notFound ? [at("head", hh.notFound.location)] : [], details: [`${bh?.notFound?.file ?? "none"} → ${hh?.notFound?.file ?? "none"}`],
    });
  }
  return changes;
}

/**
 * `iac graph` renderings: a readable text tree, and a Mermaid flowchart of
 * the app's resources and which functions touch them.
 */
import { APP_HANDLER, usagesOf } from "../../compiler";
import type { AppGraph, Resource, SourceLocation, Usage } from "../../compiler";
import { STORE_KINDS } from "./kinds";
import type { Style } from "./style";

function at(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

function describe(resource: Resource): string[] {
  switch (resource.kind) {
    case "api": {
      const entries = [
        ...resource.routes.map((r) => ({
          order: r.order,
          text: `${r.method.padEnd(6)} ${r.path}${r.upload ? " (upload)" : ""}${r.options.timeoutMs ? ` timeout ${r.options.timeoutMs}ms` : ""}  ${at(r.location)}`,
        })),
        ...resource.middleware.map((m) => ({
          order: m.order,
          text: `${m.errorHandler ? "use!  " : "use   "} ${m.path ?? "*"}${m.errorHandler ? " (error handler)" : ""}  ${at(m.location)}`,
        })),
      ].sort((a, b) => a.order - b.order);
      return [`api (${resource.routes.length} routes, ${resource.middleware.length} middleware)`, ...entries.map((e) => `  ${e.text}`)];
    }
    case "http":
      return [
        "http",
        ...(resource.mount ? [`  mount ${resource.mount.framework} app  ${at(resource.mount.location)}`] : []),
        ...(resource.notFound ? [`  404 → static/${resource.notFound.file}  ${at(resource.notFound.location)}`] : []),
      ];
    case "data":
      return [
        `data  labels: ${resource.labels.join(", ") || "none"}  collections: ${resource.collections.join(", ") || "none"}${resource.stream ? "  stream" : ""}`,
      ];
    case "storage":
      return [`storage${resource.public ? "  (public/ served at /public/*)" : ""}`];
    case "events":
      return [`events  published: ${resource.published.join(", ") || "none"}${resource.delayed ? "  (delayed publishes)" : ""}`];
    case "schedule":
      return [`schedule ${resource.expression}  ${at(resource.location)}`];
    case "event-subscription":
      return [`on event ${resource.name}  ${at(resource.location)}`];
    case "data-listener":
      return [`data.on ${resource.events.join(",")} ${resource.namespace ?? "*"}:${resource.key ?? "*"}  ${at(resource.location)}`];
    case "storage-listener":
      return [`storage.on ${resource.events.join(",")} ${resource.glob}  ${at(resource.location)}`];
    case "static":
      return [`static (${resource.files.length} files)`, ...resource.files.map((f) => `  ${f.path}  ${f.size} B`)];
    case "params":
      return [`params  ${resource.names.join(", ") || "none"}${resource.dynamic ? "  (+ computed names)" : ""}`];
    default: {
      const never: never = resource;
      return [JSON.stringify(never)];
    }
  }
}

function usageSummary(usages: readonly Usage[]): string[] {
  const byResource = new Map<string, Map<string, Set<string>>>();
  for (const u of usages) {
    const ops = byResource.get(u.resource) ?? new Map<string, Set<string>>();
    byResource.set(u.resource, ops);
    const scope = ops.get(u.operation) ?? new Set<string>();
    ops.set(u.operation, scope);
    const names = u.scope.collections ?? u.scope.names ?? u.scope.prefixes;
    for (const n of names ?? ["*"]) scope.add(n === "" ? "(simple keys)" : n);
    for (const l of u.scope.labels ?? []) scope.add(l);
  }
  return [...byResource.entries()].map(
    ([resource, ops]) => `${resource}: ${[...ops.entries()].map(([op, s]) => `${op} [${[...s].sort().join(", ")}]`).join(", ")}`,
  );
}

export function renderGraphText(graph: AppGraph, style: Style): string {
  const out = [style.bold(`${graph.app.name}`) + style.dim(`  entry ${graph.app.entry} (${graph.app.language}, ${graph.app.moduleFormat})`)];
  out.push("", style.bold("resources"));
  for (const r of graph.resources) out.push(...describe(r).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`)));
  out.push("", style.bold("functions"));
  for (const fn of graph.functions) {
    out.push(`  ${fn.id} (${fn.kind}, timeout ${fn.timeoutMs / 1000}s)`);
    for (const h of fn.handlers) out.push(`    ${style.dim("handler")} ${h}`);
    for (const line of usageSummary(usagesOf(graph, fn))) out.push(`    ${style.dim("uses")} ${line}`);
  }
  if (graph.functions.length === 0) out.push("  (none)");
  return out.join("\n");
}

function nodeId(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, "_");
}

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

export function renderGraphMermaid(graph: AppGraph): string {
  const out = ["flowchart LR"];
  const stores = graph.resources.filter((r) => STORE_KINDS.has(r.kind));
  for (const s of stores) out.push(`  ${nodeId(`res_${s.id}`)}[(${label(s.kind)})]`);
  const hasStatic = graph.resources.some((r) => r.kind === "static");
  if (hasStatic) out.push(`  res_static[${label("static/ (CDN)")}]`);
  for (const fn of graph.functions) {
    out.push(`  subgraph ${nodeId(`fn_${fn.id}`)}[${label(`λ ${fn.id}`)}]`);
    for (const h of fn.handlers) out.push(`    ${nodeId(`h_${h}`)}(${label(h)})`);
    out.push("  end");
  }
  const edges = new Set<string>();
  for (const u of graph.usages) {
    const from = u.handler === APP_HANDLER ? graph.functions.map((f) => nodeId(`fn_${f.id}`)) : [nodeId(`h_${u.handler}`)];
    for (const f of from) edges.add(`  ${f} -->|${u.operation}| ${nodeId(`res_${u.resource}`)}`);
  }
  out.push(...[...edges].sort());
  return out.join("\n");
}

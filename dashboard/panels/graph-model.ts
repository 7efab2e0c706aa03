/**
 * The architecture diagram's model: the analysis graph as boxes and arrows
 * (functions run handlers; handlers use the table, bucket, bus and params;
 * the table feeds its label indexes and data listeners, the bucket its
 * storage listeners, the bus its event listeners), laid out left to right
 * by dagre. Every node's id is one `iac why` answers for.
 */
import { Graph, layout } from "@dagrejs/dagre";
import type { SourceLocation } from "../types";

interface GraphJson {
  resources: ({ kind: string; id: string; location: SourceLocation } & Record<string, unknown>)[];
  handlers: { id: string; kind: string; title: string; location: SourceLocation }[];
  usages: { handler: string; resource: string; operation: string }[];
  functions: { id: string; kind: string; handlers: string[] }[];
}

export interface DiagramNode {
  id: string;
  kind: string;
  title: string;
  location?: SourceLocation;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  points: { x: number; y: number }[];
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

const RESOURCE_TITLES: Record<string, string> = { data: "table (data)", storage: "bucket (storage)", events: "event bus", params: "params" };

export function buildDiagram(graph: GraphJson): Diagram {
  const nodes = new Map<string, Omit<DiagramNode, "x" | "y" | "width" | "height">>();
  const edges = new Map<string, { from: string; to: string; ops: Set<string> }>();
  const edge = (from: string, to: string, op: string) => {
    if (!nodes.has(from) || !nodes.has(to)) return;
    const key = `${from}\u0000${to}`;
    const e = edges.get(key) ?? { from, to, ops: new Set<string>() };
    e.ops.add(op);
    edges.set(key, e);
  };
  for (const f of graph.functions) nodes.set(f.id, { id: f.id, kind: "function", title: `function ${f.id}` });
  for (const h of graph.handlers) if (h.kind !== "middleware") nodes.set(h.id, { id: h.id, kind: h.kind, title: h.title, location: h.location });
  for (const r of graph.resources) {
    if (r.kind in RESOURCE_TITLES) nodes.set(r.id, { id: r.id, kind: r.kind, title: RESOURCE_TITLES[r.kind], location: r.location });
    if (r.kind === "data" && Array.isArray(r.labels)) {
      for (const label of r.labels) nodes.set(String(label), { id: String(label), kind: "label", title: `index ${String(label)}`, location: r.location });
    }
  }
  for (const f of graph.functions) for (const h of f.handlers) edge(f.id, h, "runs");
  for (const u of graph.usages) edge(u.handler, u.resource, u.operation);
  for (const r of graph.resources) {
    if (r.kind === "data" && Array.isArray(r.labels)) for (const label of r.labels) edge("data", String(label), "index");
    if (r.kind === "event-subscription") edge("events", r.id, "delivers");
    if (r.kind === "data-listener") edge("data", r.id, "changes");
    if (r.kind === "storage-listener") edge("storage", r.id, "notifies");
  }

  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 14, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes.values()) g.setNode(n.id, { width: Math.min(260, 24 + n.title.length * 7.2), height: 34 });
  for (const e of edges.values()) g.setEdge(e.from, e.to);
  layout(g);
  const placed: DiagramNode[] = [...nodes.values()].map((n) => {
    const box = g.node(n.id);
    return { ...n, x: box.x, y: box.y, width: box.width, height: box.height };
  });
  const lines: DiagramEdge[] = [...edges.values()].map((e) => ({
    from: e.from,
    to: e.to,
    label: [...e.ops].join(", "),
    points: g.edge(e.from, e.to)?.points ?? [],
  }));
  const info = g.graph();
  return { nodes: placed, edges: lines, width: info.width ?? 0, height: info.height ?? 0 };
}

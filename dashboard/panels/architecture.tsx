/**
 * Architecture: the resource graph of the last analysis as a diagram;
 * a node opens its source location and its `iac why` explanation. The
 * analyzer's diagnostics are listed beside it, and both follow the
 * analysis after every save.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import type { Diagnostic, SourceLocation } from "../types";
import { ErrorLine, Loc, message } from "../ui";
import { buildDiagram, type DiagramNode } from "./graph-model";

interface GraphAnswer {
  state: string;
  run?: number;
  graph: Parameters<typeof buildDiagram>[0] | null;
  diagnostics: Diagnostic[];
}

interface WhyReason {
  what: string;
  location: SourceLocation;
  handler?: { title: string };
  function?: string;
}

type WhyResult = { ok: true; answer: { summary: string; reasons: WhyReason[]; uses?: WhyReason[] } } | { ok: false; message: string; hint?: string };

export function ArchitecturePanel({ args }: { args: URLSearchParams }) {
  const [answer, setAnswer] = useState<GraphAnswer>();
  const [error, setError] = useState<string>();
  const selected = args.get("node");
  useEffect(() => {
    const load = () => call<GraphAnswer>("graph").then(setAnswer, (e: unknown) => setError(message(e)));
    void load();
    return on("analysis", load);
  }, []);
  const diagram = useMemo(() => (answer?.graph ? buildDiagram(answer.graph) : undefined), [answer]);
  const node = diagram?.nodes.find((n) => n.id === selected);
  return (
    <section aria-labelledby="arch-title" class="split">
      <div class="column">
        <h2 id="arch-title">Architecture</h2>
        <ErrorLine error={error} />
        {answer?.state === "off" && <p class="muted">The analysis is off (iac dev --no-analysis).</p>}
        {answer?.state === "pending" && <p class="muted">The first analysis is running…</p>}
        {diagram && (
          <div class="diagram" tabIndex={-1}>
            <svg
              width={diagram.width}
              height={diagram.height}
              viewBox={`0 0 ${diagram.width} ${diagram.height}`}
              role="group"
              aria-label={`Resource graph: ${diagram.nodes.length} nodes`}
            >
              <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                </marker>
              </defs>
              {diagram.edges.map((e) => (
                <path
                  key={`${e.from}>${e.to}`}
                  class="edge"
                  d={e.points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ")}
                  marker-end="url(#arrow)"
                >
                  <title>
                    {e.from} → {e.to}: {e.label}
                  </title>
                </path>
              ))}
              {diagram.nodes.map((n) => (
                <NodeBox key={n.id} node={n} selected={n.id === selected} />
              ))}
            </svg>
          </div>
        )}
        <h3>Diagnostics{answer?.run !== undefined ? ` (analysis ${answer.run})` : ""}</h3>
        {answer && answer.diagnostics.length === 0 && (
          <p class="muted" data-testid="no-diagnostics">
            No problems: `iac build` would accept the app.
          </p>
        )}
        <ul class="plain" aria-live="polite" data-testid="diagnostics">
          {answer?.diagnostics.map((d, i) => (
            <li key={i} class={d.severity}>
              <strong>
                {d.severity} {d.code}
              </strong>{" "}
              {d.message} {d.location && <Loc at={d.location} />}
              {d.hint && <div class="muted">hint: {d.hint}</div>}
            </li>
          ))}
        </ul>
      </div>
      {node && <NodeDetail key={node.id} node={node} />}
    </section>
  );
}

function NodeBox({ node, selected }: { node: DiagramNode; selected: boolean }) {
  const open = () => go("architecture", { node: node.id });
  return (
    <g
      class={`node ${node.kind} ${selected ? "selected" : ""}`}
      transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}
      // SVG attributes are case-sensitive: `tabIndex` would not make the group focusable.
      tabindex={0}
      role="button"
      aria-label={`${node.kind} ${node.title}`}
      aria-pressed={selected}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          open();
        }
      }}
    >
      <rect width={node.width} height={node.height} rx={6} />
      <text x={node.width / 2} y={node.height / 2 + 4} text-anchor="middle">
        {node.title}
      </text>
    </g>
  );
}

function NodeDetail({ node }: { node: DiagramNode }) {
  const [why, setWhy] = useState<WhyResult>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call<WhyResult>(`why?q=${encodeURIComponent(node.id)}`).then(setWhy, (e: unknown) => setError(message(e)));
  }, [node.id]);
  return (
    <article class="detail" aria-labelledby="node-title">
      <h3 id="node-title">{node.title}</h3>
      <p>
        {node.kind} · <code>{node.id}</code>
        {node.location && (
          <>
            {" · "}
            <Loc at={node.location} />
          </>
        )}
      </p>
      <h4>Why (iac why {node.id})</h4>
      <ErrorLine error={error} />
      {why && !why.ok && (
        <p class="muted">
          {why.message}
          {why.hint ? ` (${why.hint})` : ""}
        </p>
      )}
      {why?.ok && (
        <>
          <p data-testid="why-summary">{why.answer.summary}</p>
          <ul class="plain">
            {why.answer.reasons.map((r, i) => (
              <li key={i}>
                {r.what} at <Loc at={r.location} />
                {r.handler && <span class="muted"> · from {r.handler.title}</span>}
              </li>
            ))}
          </ul>
          {why.answer.uses && why.answer.uses.length > 0 && (
            <>
              <h4>What it may do</h4>
              <ul class="plain">
                {why.answer.uses.map((r, i) => (
                  <li key={i}>
                    {r.what} at <Loc at={r.location} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </article>
  );
}

/**
 * Traces: every request, schedule run, event delivery and listener
 * invocation, newest first and live; one opened shows its SDK calls
 * (arguments, results, durations, errors) and the lines it logged, each
 * of which opens the log at that line.
 */
import { useEffect, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import type { LogEntry, Trace, TraceSummary } from "../types";
import { clock, ErrorLine, message, VirtualList } from "../ui";

const KINDS = ["all", "request", "schedule", "event", "listener"] as const;

export function TracesPanel({ args }: { args: URLSearchParams }) {
  const [traces, setTraces] = useState<TraceSummary[]>([]);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("all");
  const [filter, setFilter] = useState(args.get("label") ?? "");
  const [error, setError] = useState<string>();
  const open = args.get("id");
  useEffect(() => {
    call<{ traces: TraceSummary[] }>("traces?limit=2000").then(
      (a) => setTraces(a.traces),
      (e: unknown) => setError(message(e)),
    );
    return on("trace", (batch) => {
      const fresh = (batch as TraceSummary[]).slice().reverse();
      const ids = new Set(fresh.map((t) => t.id));
      setTraces((old) => [...fresh, ...old.filter((o) => !ids.has(o.id))].slice(0, 2000));
    });
  }, []);
  const shown = traces.filter((t) => (kind === "all" || t.kind === kind) && (!filter || t.label.toLowerCase().includes(filter.toLowerCase())));
  return (
    <section aria-labelledby="traces-title" class="split">
      <div class="column">
        <h2 id="traces-title">Traces</h2>
        <div class="toolbar">
          <label>
            Kind{" "}
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as (typeof KINDS)[number])}>
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Filter <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} placeholder="GET /todos" />
          </label>
          <span class="muted">{shown.length} shown</span>
        </div>
        <ErrorLine error={error} />
        <VirtualList
          label="Traces"
          items={shown}
          rowHeight={30}
          render={(t) => (
            <button
              type="button"
              class={`row ${String(t.id) === open ? "selected" : ""}`}
              onClick={() => go("traces", { id: t.id })}
              aria-current={String(t.id) === open}
            >
              <span class={`kind ${t.kind}`}>{t.kind}</span>
              <span class="grow">{t.label}</span>
              <span class={statusClass(t)}>{t.error ? "error" : (t.status ?? (t.ms === undefined ? "running" : "ok"))}</span>
              <span class="num">{t.ms === undefined ? "…" : `${t.ms} ms`}</span>
              <span class="num">{t.calls} calls</span>
              <span class="time">{clock(t.started)}</span>
            </button>
          )}
        />
      </div>
      {open && <TraceDetail id={open} />}
    </section>
  );
}

function statusClass(t: TraceSummary): string {
  if (t.error || (t.status ?? 0) >= 500) return "badge bad";
  if ((t.status ?? 0) >= 400) return "badge warn";
  return "badge good";
}

function TraceDetail({ id }: { id: string }) {
  const [trace, setTrace] = useState<Trace>();
  const [logs, setLogs] = useState<LogEntry[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const load = () =>
      call<{ trace: Trace; logs: LogEntry[] }>(`traces/${id}`).then(
        (a) => {
          setTrace(a.trace);
          setLogs(a.logs);
          setError(undefined);
        },
        (e: unknown) => setError(message(e)),
      );
    void load();
    return on("trace", (batch) => {
      if ((batch as TraceSummary[]).some((t) => String(t.id) === id)) void load();
    });
  }, [id]);
  if (error) return <ErrorLine error={error} />;
  if (!trace) return <p class="muted">loading trace #{id}…</p>;
  return (
    <article class="detail" aria-labelledby="trace-title">
      <h3 id="trace-title">
        Trace #{trace.id}: {trace.label}
      </h3>
      <p>
        {trace.kind} · started {clock(trace.started)} · {trace.ms === undefined ? "running" : `${trace.ms} ms`}
        {trace.status !== undefined && ` · status ${trace.status}`}
      </p>
      {trace.error && <p class="error">{trace.error}</p>}
      <h4>SDK calls ({trace.spans.length + trace.dropped})</h4>
      {trace.spans.length === 0 ? (
        <p class="muted">no data, storage, events or params calls</p>
      ) : (
        <table class="spans">
          <thead>
            <tr>
              <th scope="col">at</th>
              <th scope="col">call</th>
              <th scope="col">arguments</th>
              <th scope="col">result</th>
              <th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
            {trace.spans.map((s, i) => (
              <tr key={i} class={s.error ? "failed" : ""}>
                <td class="num">+{s.at}</td>
                <td>
                  <code>{s.op}</code>
                </td>
                <td>
                  <code class="clip">{s.args}</code>
                </td>
                <td>{s.error ? <span class="error">{s.error}</span> : <code class="clip">{s.result}</code>}</td>
                <td class="num">{s.ms.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {trace.dropped > 0 && <p class="muted">{trace.dropped} more calls not kept</p>}
      <h4>Log lines ({logs.length})</h4>
      <ul class="plain">
        {logs.map((l) => (
          <li key={l.seq}>
            <button type="button" class="link" onClick={() => go("logs", { focus: l.seq })}>
              {clock(l.time)}
              <span class="sr-only"> show in the log</span>
            </button>{" "}
            <span class={`level ${l.level}`}>{l.level}</span> {l.text}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => go("logs", { trace: trace.id })}>
        Open these lines in Logs
      </button>
    </article>
  );
}

/**
 * Logs: every line `iac dev` printed (the last 50,000), searched on the
 * server by text, level, source and time; new lines arrive live and are
 * kept when they match the search. A line written by an invocation opens
 * its trace.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import type { LogEntry } from "../types";
import { clock, ErrorLine, message, VirtualList } from "../ui";

const LEVELS = ["log", "info", "warn", "error", "debug"] as const;
const WINDOWS: Record<string, number> = { all: 0, "5 min": 5 * 60_000, "1 h": 3_600_000, "24 h": 86_400_000 };

interface Answer {
  lines: LogEntry[];
  matched: number;
  held: number;
  ms: number;
}

export function LogsPanel({ args }: { args: URLSearchParams }) {
  const [text, setText] = useState(args.get("text") ?? "");
  const [source, setSource] = useState(args.get("source") ?? "");
  const [levels, setLevels] = useState<string[]>([]);
  const [window, setWindow] = useState("all");
  const trace = args.get("trace");
  const focusSeq = Number(args.get("focus") ?? NaN);
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [info, setInfo] = useState<Omit<Answer, "lines">>();
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState<string>();
  const query = useRef({ text, source, levels, window, trace });
  query.current = { text, source, levels, window, trace };

  const search = () => {
    const q = new URLSearchParams({ limit: "5000" });
    if (text) q.set("text", text);
    if (source) q.set("source", source);
    if (levels.length) q.set("level", levels.join(","));
    if (trace) q.set("trace", trace);
    if (WINDOWS[window]) q.set("since", String(Date.now() - WINDOWS[window]));
    if (!Number.isNaN(focusSeq)) q.set("before", String(focusSeq + 200));
    call<Answer>(`logs?${q}`).then(
      (a) => {
        setLines(a.lines.slice().reverse());
        setInfo({ matched: a.matched, held: a.held, ms: a.ms });
        setError(undefined);
      },
      (e: unknown) => setError(message(e)),
    );
  };
  useEffect(search, [trace, levels, window, args.get("focus")]);
  useEffect(
    () =>
      on("log", (payload) => {
        const fresh = (payload as LogEntry[]).filter((l) => matches(l, query.current));
        if (fresh.length > 0) setLines((old) => old.concat(fresh).slice(-50_000));
      }),
    [],
  );
  const focusIndex = lines.findIndex((l) => l.seq === focusSeq);
  return (
    <section aria-labelledby="logs-title" class="column">
      <h2 id="logs-title">Logs{trace ? ` of trace #${trace}` : ""}</h2>
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <label>
          Text <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="words in the line" />
        </label>
        <label>
          Function or handler <input type="search" value={source} onInput={(e) => setSource(e.currentTarget.value)} placeholder="GET /todos, schedule, iac" />
        </label>
        <fieldset class="inline">
          <legend>Levels</legend>
          {LEVELS.map((l) => (
            <label key={l}>
              <input
                type="checkbox"
                checked={levels.includes(l)}
                onChange={(e) => setLevels(e.currentTarget.checked ? [...levels, l] : levels.filter((x) => x !== l))}
              />{" "}
              {l}
            </label>
          ))}
        </fieldset>
        <label>
          Time{" "}
          <select value={window} onChange={(e) => setWindow(e.currentTarget.value)}>
            {Object.keys(WINDOWS).map((w) => (
              <option key={w} value={w}>
                {w === "all" ? "all held" : `last ${w}`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} /> follow
        </label>
        {trace && (
          <button type="button" onClick={() => go("logs")}>
            All lines
          </button>
        )}
      </form>
      <ErrorLine error={error} />
      {info && (
        <p class="muted" aria-live="polite" data-testid="log-count">
          {info.matched} matching of {info.held} held · searched in {info.ms.toFixed(1)} ms
        </p>
      )}
      <VirtualList
        label="Log lines"
        items={lines}
        rowHeight={24}
        stickToBottom={follow && Number.isNaN(focusSeq)}
        focus={focusIndex >= 0 ? focusIndex : undefined}
        render={(l) => (
          <div class={`logline ${l.level} ${l.seq === focusSeq ? "focused" : ""}`} data-seq={l.seq}>
            <span class="time">{clock(l.time)}</span>
            <span class={`level ${l.level}`}>{l.level}</span>
            <span class="source" title={l.source}>
              {l.source}
            </span>
            <span class="text" title={l.text}>
              {l.text}
            </span>
            {l.trace !== undefined && (
              <button type="button" class="link" onClick={() => go("traces", { id: l.trace ?? 0 })}>
                trace #{l.trace}
              </button>
            )}
          </div>
        )}
      />
    </section>
  );
}

function matches(l: LogEntry, q: { text: string; source: string; levels: string[]; trace: string | null }): boolean {
  if (q.trace && String(l.trace) !== q.trace) return false;
  if (q.levels.length && !q.levels.includes(l.level)) return false;
  if (q.source && !l.source.toLowerCase().includes(q.source.toLowerCase())) return false;
  const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => l.text.toLowerCase().includes(w) || l.source.toLowerCase().includes(w));
}

/**
 * The dashboard's traces: one per invocation the host runs (a request, a
 * schedule run, an event delivery, a data listener), with the SDK calls it
 * made (operation, arguments and result previews, duration, error). Kept
 * in insertion order, the oldest dropped past `capacity` traces or past
 * `budget` characters of previews (a busy app with a page open must not
 * grow the host without bound); a trace keeps its first 200 calls and
 * counts the rest. Its log lines are in the log
 * ring under the same trace id.
 */
export const TRACE_CAPACITY = 2_000;
/** Characters of argument and result previews held across all traces (about 32 MB of UTF-16). */
export const TRACE_BUDGET = 16_000_000;
const MAX_SPANS = 200;

export type TraceKind = "request" | "schedule" | "event" | "listener";

export interface Span {
  /** `data.get`, `storage.write`, `events.publish`, `params.read`. */
  op: string;
  args: string;
  result?: string;
  error?: string;
  /** Ms from the trace's start (the recorder is handed the call's epoch ms). */
  at: number;
  ms: number;
}

export interface Trace {
  id: number;
  kind: TraceKind;
  label: string;
  /** Epoch ms. */
  started: number;
  /** Absent while it runs. */
  ms?: number;
  status?: number;
  error?: string;
  spans: Span[];
  /** Calls past the first 200, not kept. */
  dropped: number;
}

export type TraceSummary = Omit<Trace, "spans"> & { calls: number; errors: number };

/** What kind of invocation a label names (the labels the host gives `logger.run`). */
export function traceKind(label: string): TraceKind {
  if (label.startsWith("schedule ")) return "schedule";
  if (label.startsWith("event ")) return "event";
  if (label.startsWith("data.") || label.startsWith("data ") || label.startsWith("storage.")) return "listener";
  return "request";
}

export class TraceStore {
  private readonly traces = new Map<number, Trace>();
  private readonly sizes = new Map<number, number>();
  private last = 0;
  private held = 0;

  constructor(
    readonly capacity = TRACE_CAPACITY,
    private readonly budget = TRACE_BUDGET,
  ) {}

  begin(label: string, now = Date.now()): Trace {
    this.last += 1;
    const trace: Trace = { id: this.last, kind: traceKind(label), label, started: now, spans: [], dropped: 0 };
    this.traces.set(trace.id, trace);
    if (this.traces.size > this.capacity) this.dropOldest();
    return trace;
  }

  end(id: number, outcome: { error?: unknown; status?: number }, now = Date.now()): Trace | undefined {
    const trace = this.traces.get(id);
    if (!trace || trace.ms !== undefined) return undefined;
    trace.ms = now - trace.started;
    if (outcome.status !== undefined) trace.status = outcome.status;
    if (outcome.error !== undefined) trace.error = describeError(outcome.error);
    return trace;
  }

  add(id: number, span: Span): void {
    const trace = this.traces.get(id);
    if (!trace) return;
    if (trace.spans.length >= MAX_SPANS) {
      trace.dropped += 1;
      return;
    }
    trace.spans.push({ ...span, at: Math.max(0, span.at - trace.started) });
    const chars = span.args.length + (span.result?.length ?? 0);
    this.sizes.set(id, (this.sizes.get(id) ?? 0) + chars);
    this.held += chars;
    while (this.held > this.budget && this.traces.size > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const oldest = this.traces.keys().next();
    if (oldest.done) return;
    this.traces.delete(oldest.value);
    this.held -= this.sizes.get(oldest.value) ?? 0;
    this.sizes.delete(oldest.value);
  }

  get(id: number): Trace | undefined {
    return this.traces.get(id);
  }

  /** Newest first, `limit` of them, optionally of one kind. */
  list(limit = 500, kind?: TraceKind): TraceSummary[] {
    const all = [...this.traces.values()];
    const out: TraceSummary[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      if (kind === undefined || all[i].kind === kind) out.push(summarize(all[i]));
    }
    return out;
  }
}

export function summarize(trace: Trace): TraceSummary {
  const { spans, ...rest } = trace;
  return { ...rest, calls: spans.length + trace.dropped, errors: spans.filter((s) => s.error !== undefined).length };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

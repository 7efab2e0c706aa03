/**
 * The dashboard's recorder: it watches the dev server's logger (every line,
 * every invocation) and the app's SDK calls, keeps them (log ring, trace
 * store), and streams what happens to the pages that are open (server-sent
 * events: `log` and `trace` (arrays, batched), `data`, `storage`, `reload`,
 * `analysis`, `events`).
 *
 * While no page is open it only appends: no event is serialised, and SDK
 * call previews are short (`detailed` is false), so an `iac dev` nobody
 * watches pays a slot write per line and per call.
 */
import type { ServerResponse } from "http";
import type { InvocationOutcome, LogLine, LogObserver } from "../dev/logger";
import { LogRing } from "./log-ring";
import { type Span, summarize, TraceStore } from "./traces";

export type StreamEvent = "log" | "trace" | "data" | "storage" | "reload" | "analysis" | "events";

/** Log lines and finished traces are sent in batches, at most this often (a client polling the app finishes thousands a second). */
const FLUSH_MS = 50;
/** A comment line now and then keeps proxies and the browser from dropping an idle stream. */
const HEARTBEAT_MS = 15_000;

export class DashboardRecorder implements LogObserver {
  readonly logs = new LogRing();
  readonly traces = new TraceStore();
  private readonly clients = new Set<ServerResponse>();
  private queued: unknown[] = [];
  private queuedTraces: unknown[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  /** Whether a page is open: SDK call previews are longer then. */
  get detailed(): boolean {
    return this.clients.size > 0;
  }

  begin(label: string): number {
    return this.traces.begin(label).id;
  }

  end(id: number, outcome: InvocationOutcome): void {
    const trace = this.traces.end(id, outcome);
    if (!trace || this.clients.size === 0) return;
    this.queuedTraces.push(summarize(trace));
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  line(line: LogLine): void {
    const entry = this.logs.append(line);
    if (this.clients.size === 0) return;
    this.queued.push(entry);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  span(trace: number, span: Span): void {
    this.traces.add(trace, span);
  }

  /** Tells the open pages that something changed (nothing is built when none is open). */
  notify(event: StreamEvent, payload: () => unknown): void {
    if (this.clients.size > 0) this.send(event, payload());
  }

  /** Serves one page's stream until it disconnects. */
  connect(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 1000\n\n");
    this.clients.add(res);
    this.heartbeat ??= setInterval(() => {
      for (const client of this.clients) client.write(": ping\n\n");
    }, HEARTBEAT_MS).unref();
    res.once("close", () => {
      this.clients.delete(res);
      if (this.clients.size > 0) return;
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
      this.queued = [];
      this.queuedTraces = [];
    });
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    clearTimeout(this.flushTimer);
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const lines = this.queued;
    const traces = this.queuedTraces;
    this.queued = [];
    this.queuedTraces = [];
    if (lines.length > 0) this.send("log", lines);
    if (traces.length > 0) this.send("trace", traces);
  }

  private send(event: StreamEvent, payload: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of this.clients) client.write(frame);
  }
}

/**
 * The dashboard's log: the last 50,000 lines `iac dev` printed, as data
 * (time, level, source, text, trace), in a ring that overwrites its oldest
 * line. Appending is one slot write, so keeping the log costs nothing while
 * nobody looks. A search scans the ring newest first (50,000 lines in a few
 * milliseconds): text (case-insensitive), level, source (the handler's
 * label, `iac`, `http`), trace and a time window.
 */
import type { LogLevel } from "../log-levels";

export const LOG_CAPACITY = 50_000;

export interface LogEntry {
  /** 1, 2, 3... in the order written; never reused. */
  seq: number;
  /** Epoch ms. */
  time: number;
  level: LogLevel;
  source: string;
  text: string;
  trace?: number;
  status?: number;
}

export interface LogQuery {
  /** Words the line's text or source must contain, case-insensitive. */
  text?: string;
  levels?: readonly LogLevel[];
  /** A part of the source (`GET /todos`, `schedule`), case-insensitive. */
  source?: string;
  trace?: number;
  /** Epoch ms, inclusive. */
  since?: number;
  until?: number;
  /** Only lines older than this seq (paging back). */
  before?: number;
  /** Most lines answered (newest first); default 500. */
  limit?: number;
}

export interface LogAnswer {
  /** Newest first. */
  lines: LogEntry[];
  /** Lines held that match (`lines` holds the newest `limit` of them). */
  matched: number;
  /** Lines held in all. */
  held: number;
}

export class LogRing {
  private readonly slots: (LogEntry | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity = LOG_CAPACITY) {
    this.slots = new Array<LogEntry | undefined>(capacity);
  }

  append(line: Omit<LogEntry, "seq" | "time">, time = Date.now()): LogEntry {
    this.seq += 1;
    const entry: LogEntry = { seq: this.seq, time, ...line };
    this.slots[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    return entry;
  }

  get size(): number {
    return Math.min(this.seq, this.capacity);
  }

  search(query: LogQuery = {}): LogAnswer {
    const limit = query.limit ?? 500;
    const words = (query.text ?? "")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => new RegExp(escapeRegExp(w), "i"));
    const source = query.source ? new RegExp(escapeRegExp(query.source.trim()), "i") : undefined;
    const levels = query.levels && query.levels.length > 0 ? new Set(query.levels) : undefined;
    const lines: LogEntry[] = [];
    let matched = 0;
    const held = this.size;
    for (let i = 1; i <= held; i++) {
      const entry = this.slots[(this.next - i + this.capacity) % this.capacity];
      if (!entry) break;
      if (query.before !== undefined && entry.seq >= query.before) continue;
      if (query.since !== undefined && entry.time < query.since) break; // older lines are older still
      if (query.until !== undefined && entry.time > query.until) continue;
      if (query.trace !== undefined && entry.trace !== query.trace) continue;
      if (levels && !levels.has(entry.level)) continue;
      if (source && !source.test(entry.source)) continue;
      if (words.length > 0 && !words.every((w) => w.test(entry.text) || w.test(entry.source))) continue;
      matched += 1;
      if (lines.length < limit) lines.push(entry);
    }
    return { lines, matched, held };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The local instance's event bus: `events.publish` lands here (it is the
 * runtime's `EventsBackend`), and each event is delivered in-process after
 * its delay through `deliver` (the current app version's `dispatchEvent`,
 * so an event published before a reload reaches the handlers after it).
 * A delivery that throws is retried with exponential backoff, as
 * EventBridge retries a failed Lambda invocation; after the last attempt
 * the failure is reported and the event dropped (a dead-letter queue's job
 * on AWS). Timers are unref'd: a pending event never keeps a process alive.
 */
import type { EventEnvelope, EventsBackend } from "../runtime/internal";

/** The longest delay a Node timer keeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface EventQueueOptions {
  deliver(event: EventEnvelope): Promise<void>;
  /** Attempts per event, including the first. Default 4. */
  attempts?: number;
  /** First retry delay, doubled each time. Default 200 ms. */
  backoffMs?: number;
  onGiveUp?(event: EventEnvelope, error: unknown): void;
}

export class LocalEventQueue implements EventsBackend {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Map<string, EventEnvelope>();
  private closed = false;

  constructor(private readonly options: EventQueueOptions) {}

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error("events: the local instance is shutting down");
    this.pending.set(event.id, event);
    // Delivery is always asynchronous, as on AWS: publish resolves before any handler runs.
    this.at(due(event), () => this.attempt(event, 1));
  }

  /** Events accepted and not yet delivered (or given up on), soonest first. */
  list(): EventEnvelope[] {
    return [...this.pending.values()].sort((a, b) => due(a) - due(b));
  }

  /** Stops every timer; undelivered events are dropped (a local instance keeps no durable queue). */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }

  /**
   * Runs `run` once the clock reads `when` (epoch ms) or later. A timer can
   * fire a millisecond before `Date.now()` reaches its time (libuv counts
   * from the loop's cached time), and an event must never arrive before it
   * was asked for: a timer that fires early waits again for the rest.
   */
  private at(when: number, run: () => void): void {
    this.later(Math.max(0, when - Date.now()), () => (Date.now() < when ? this.at(when, run) : run()));
  }

  private later(ms: number, run: () => void): void {
    // Node fires a timer of more than 2^31 - 1 ms (24.8 days) at once: wait longer delays in steps.
    const step = Math.min(ms, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      if (ms > step) this.later(ms - step, run);
      else run();
    }, step);
    timer.unref();
    this.timers.add(timer);
  }

  private attempt(event: EventEnvelope, attempt: number): void {
    if (this.closed) return;
    this.options.deliver(event).then(
      () => this.pending.delete(event.id),
      (error: unknown) => {
        const attempts = this.options.attempts ?? 4;
        if (attempt >= attempts) {
          this.pending.delete(event.id);
          this.options.onGiveUp?.(event, error);
          return;
        }
        const backoff = (this.options.backoffMs ?? 200) * 2 ** (attempt - 1);
        this.later(backoff, () => this.attempt(event, attempt + 1));
      },
    );
  }
}

function due(event: EventEnvelope): number {
  return Date.parse(event.time) + event.delay;
}

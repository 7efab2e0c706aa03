/**
 * Fires the app's schedules on their rate or cron while `iac dev` runs.
 * Timers belong to the host and survive reloads: after a reload `sync`
 * keeps the timer of every expression still registered (a code change does
 * not restart an hourly rate), starts timers for new ones and stops the
 * rest. A fire runs the handlers of the app version current at that moment.
 */
import { nextFireTime } from "./timing";

export interface SchedulerOptions {
  run(expression: string): Promise<void>;
}

/** setTimeout's limit (about 24.8 days): longer waits are taken in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout | undefined>();
  /** When each armed expression fires next (epoch ms). */
  private readonly due = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Makes the running timers match `expressions`. */
  sync(expressions: readonly string[]): void {
    const wanted = new Set(expressions);
    for (const [expression, timer] of this.timers) {
      if (wanted.has(expression)) continue;
      clearTimeout(timer);
      this.timers.delete(expression);
      this.due.delete(expression);
    }
    for (const expression of wanted) if (!this.timers.has(expression)) this.arm(expression, new Date());
  }

  expressions(): string[] {
    return [...this.timers.keys()].sort();
  }

  /** The next run of `expression` by its timer (epoch ms); undefined when none is armed. */
  nextRun(expression: string): number | undefined {
    return this.due.get(expression);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.due.clear();
  }

  private arm(expression: string, from: Date): void {
    // Undefined when the expression has no run left (a past year): it still fires by hand.
    const due = nextFireTime(expression, from);
    if (due === undefined) {
      this.timers.set(expression, undefined);
      this.due.delete(expression);
      return;
    }
    this.due.set(expression, due);
    const wait = Math.min(Math.max(0, due - Date.now()), MAX_TIMEOUT_MS);
    const timer = setTimeout(() => {
      if (!this.timers.has(expression)) return;
      if (Date.now() < due) return this.arm(expression, from); // a long wait taken in steps
      // Re-arm first: a slow handler must not delay the next run.
      this.arm(expression, new Date(due));
      void this.options.run(expression).catch(() => undefined); // failures are logged by the runner
    }, wait);
    timer.unref();
    this.timers.set(expression, timer);
  }
}

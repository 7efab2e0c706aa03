/**
 * In-process delivery of storage events for the local instance. Events are
 * delivered concurrently (S3 notifications have no order either); a handler
 * that throws is retried with exponential backoff, then reported.
 */
import { runStorageListener, storageListenersFor } from "./listeners";
import type { StorageEvent } from "./types";

export interface LocalStorageDeliveryOptions {
  /** Attempts per handler and event, including the first. Default 5. */
  attempts?: number;
  /** First retry delay; doubles each time. Default 100 ms. */
  backoffMs?: number;
  onFailure?: (error: unknown, event: StorageEvent) => void;
  /** Runs the delivery of an event some listener matches under `label` (the local instance's log attribution and traces); absent: in the writer's context. */
  trace?: <T>(label: string, fn: () => T) => T;
}

export class LocalStorageEvents {
  private pending = 0;
  private waiters: (() => void)[] = [];
  private subscribers = new Set<(event: StorageEvent) => void>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly onFailure: (error: unknown, event: StorageEvent) => void;
  private readonly trace?: <T>(label: string, fn: () => T) => T;

  constructor(options: LocalStorageDeliveryOptions = {}) {
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.backoffMs = options.backoffMs ?? 100;
    this.onFailure =
      options.onFailure ?? ((error, event) => console.error(`storage.on ${event.name} ${event.path}: handler failed after ${this.attempts} attempts`, error));
    this.trace = options.trace;
  }

  subscribe(subscriber: (event: StorageEvent) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  push(event: StorageEvent): void {
    for (const s of this.subscribers) s(event);
    this.pending++;
    const deliver = () => this.deliver(event);
    const delivery = this.trace && storageListenersFor(event).length > 0 ? this.trace(`storage.on ${event.name}`, deliver) : deliver();
    void delivery
      .catch((error: unknown) => console.error("storage.on delivery failed", error))
      .finally(() => {
        this.pending--;
        if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
      });
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async deliver(event: StorageEvent): Promise<void> {
    await Promise.all(
      storageListenersFor(event).map(async (listener) => {
        for (let attempt = 1; ; attempt++) {
          try {
            await runStorageListener(listener, event);
            return;
          } catch (error) {
            if (attempt >= this.attempts) return this.onFailure(error, event);
            await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 1)));
          }
        }
      }),
    );
  }
}

/**
 * In-process delivery of data changes for the local instance, where there is
 * no DynamoDB stream. Each namespace has its own queue, so events of one
 * namespace arrive in the order the writes were applied while namespaces
 * proceed independently. A handler that throws is retried with exponential
 * backoff; after the last attempt the failure is reported and the queue goes
 * on (a stuck handler must not stop a developer's instance).
 */
import { listenersFor, runListener, toDataEvent } from "./listeners";
import type { DataChange, DataEvent } from "./types";

export interface LocalDeliveryOptions {
  /** Attempts per handler and change, including the first. Default 5. */
  attempts?: number;
  /** First retry delay; doubles each time. Default 100 ms. */
  backoffMs?: number;
  /** Called when a handler failed its last attempt. Default: console.error. */
  onFailure?: (error: unknown, event: DataEvent) => void;
}

export type ChangeSubscriber = (change: DataChange) => void;

export class LocalDataEvents {
  private queues = new Map<string, Promise<void>>();
  private pending = 0;
  private waiters: (() => void)[] = [];
  private subscribers = new Set<ChangeSubscriber>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly onFailure: (error: unknown, event: DataEvent) => void;

  constructor(options: LocalDeliveryOptions = {}) {
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.backoffMs = options.backoffMs ?? 100;
    this.onFailure =
      options.onFailure ?? ((error, event) => console.error(`data.on ${event.name} ${event.item.key}: handler failed after ${this.attempts} attempts`, error));
  }

  /** Observes every change (logs, tests); returns an unsubscribe function. */
  subscribe(subscriber: ChangeSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Queues a change behind earlier changes of its namespace. Called synchronously after each applied write.
   * Resolves once its listeners have run (never rejects), so a caller can time the delivery.
   */
  push(change: DataChange): Promise<void> {
    for (const s of this.subscribers) s(change);
    const namespace = change.key.pk;
    this.pending++;
    const previous = this.queues.get(namespace) ?? Promise.resolve();
    const next = previous
      .then(() => this.deliver(change))
      .catch((error: unknown) => console.error("data.on delivery failed", error))
      .finally(() => this.settle(namespace, next));
    this.queues.set(namespace, next);
    return next;
  }

  /** Resolves once every queued change has been delivered (or given up on). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(namespace: string, done: Promise<void>): void {
    if (this.queues.get(namespace) === done) this.queues.delete(namespace);
    this.pending--;
    if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
  }

  private async deliver(change: DataChange): Promise<void> {
    const matching = listenersFor(change);
    if (matching.length === 0) return;
    const event = toDataEvent(change);
    for (const listener of matching) {
      for (let attempt = 1; ; attempt++) {
        try {
          await runListener(listener, event);
          break;
        } catch (error) {
          if (attempt >= this.attempts) {
            this.onFailure(error, event);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 1)));
        }
      }
    }
  }
}

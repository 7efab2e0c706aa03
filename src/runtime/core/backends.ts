/**
 * The small interfaces the core talks to, one per external service. AWS
 * implementations live in `../aws`; the local instance supplies in-process
 * ones. Each is the least the core needs, so a new platform means a few
 * methods, not a fork of the core.
 */

/** A published event as it travels to subscribers: the `detail` of the EventBridge event plus its name. */
export interface EventEnvelope {
  id: string;
  name: string;
  body: unknown;
  /** ISO time of publication. */
  time: string;
  /** Milliseconds between publication and the requested delivery. */
  delay: number;
}

export interface EventsBackend {
  /**
   * Accepts an event for delivery at `time + delay`. Resolves once the event
   * is durably accepted (not once handlers ran). Delivery is at least once:
   * subscribers are reached through `dispatchEvent`.
   */
  publish(event: EventEnvelope): Promise<void>;
}

export interface ParamsSource {
  /** Every param of the stage, by name. Called once per container (cold start). */
  load(): Promise<Record<string, string>>;
}

export interface RuntimeLogger {
  error(message: string): void;
}

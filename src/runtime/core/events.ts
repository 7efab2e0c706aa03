/**
 * `events.publish` and `events.on`. Publishing validates and stamps the
 * event (`id`, `time`, `delay`) and hands it to the configured
 * `EventsBackend` (EventBridge and Scheduler on AWS, in-process locally).
 * Backends deliver by calling `dispatchEvent`, which runs every handler
 * subscribed to the name; a throwing handler fails the delivery so that the
 * platform retries it.
 */
import { randomUUID } from "crypto";
import type { EventEnvelope } from "./backends";
import { notAvailable, runtimeConfig } from "./config";
import { parseAfter } from "./after";
import { runAll } from "./run";
import type { EventHandler, EventOptions, EventsInterface, HandlerHandle, InvokeEvent, PublishOptions, PublishResult } from "./types";

/** EventBridge's entry limit; the body must stay under it. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

interface Subscription {
  name: string;
  handler: EventHandler;
  timeoutMs?: number;
}

const subscriptions: Subscription[] = [];

async function publish(name: string, ...rest: unknown[]): Promise<PublishResult> {
  if (typeof name !== "string" || name.trim() === "") throw new Error("events.publish: the event name must be a non-empty string");
  // Three arguments mean (name, options, body); two mean (name, body).
  const options: PublishOptions = rest.length >= 2 ? toOptions(rest[0]) : {};
  const body = rest.length >= 2 ? rest[1] : rest[0];
  const json = body === undefined ? undefined : JSON.stringify(body);
  const size = json === undefined ? 0 : Buffer.byteLength(json);
  if (size >= MAX_EVENT_BODY_BYTES) {
    throw new Error(`events.publish: the body of "${name}" is ${size} bytes of JSON; it must be under 256 KB`);
  }
  const backend = runtimeConfig().events;
  if (!backend) throw notAvailable("events");
  const envelope: EventEnvelope = {
    id: randomUUID(),
    name,
    // Round-trip through JSON so subscribers see exactly what a remote one would.
    body: json === undefined ? undefined : JSON.parse(json),
    time: new Date().toISOString(),
    delay: options.after === undefined ? 0 : parseAfter(options.after),
  };
  await backend.publish(envelope);
  // Epoch ms, as events.on handlers see `time`.
  return { id: envelope.id, name, time: Date.parse(envelope.time), delay: envelope.delay };
}

function toOptions(value: unknown): PublishOptions {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || value instanceof Date || Array.isArray(value)) {
    throw new Error('events.publish(name, options, body): options must be an object such as { after: "10 minutes" }');
  }
  const after: unknown = Reflect.get(value, "after");
  if (after === undefined || typeof after === "number" || typeof after === "string" || after instanceof Date) return { after };
  throw new Error('events.publish: "after" must be ms, an epoch in ms, an ISO date, a Date or "<n> <unit>"');
}

function on(name: string, optionsOrHandler?: EventOptions | EventHandler, maybeHandler?: EventHandler): HandlerHandle<InvokeEvent> {
  const handler = typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler;
  const timeoutMs = typeof optionsOrHandler === "object" ? optionsOrHandler.timeout : undefined;
  // No handler: the testing form `events.on("user.created").invoke({ body })`, as schedule.every(expr).invoke()
  // runs the app's own handlers of that name.
  if (handler) subscriptions.push({ name, handler, timeoutMs });
  return {
    invoke: (input) =>
      dispatchEvent({
        id: input?.id ?? randomUUID(),
        name,
        body: input?.body,
        time: input?.time === undefined ? new Date().toISOString() : new Date(input.time).toISOString(),
        delay: input?.delay ?? 0,
      }),
  };
}

/** Delivers one event to every subscriber of its name. No subscriber is not an error (publishers outlive listeners). */
export async function dispatchEvent(event: EventEnvelope): Promise<void> {
  const matching = subscriptions.filter((s) => s.name === event.name);
  await runAll(
    `event ${event.name} (${event.id})`,
    matching.map((s) => () => s.handler({ ...event, time: Date.parse(event.time) })),
  );
}

/** Subscribed event names, sorted (the local instance routes by these). */
export function subscribedEvents(): string[] {
  return [...new Set(subscriptions.map((s) => s.name))].sort();
}

export function resetEvents(): void {
  subscriptions.length = 0;
}

export const events: EventsInterface = { publish, on };

/**
 * `data.on` registrations and their delivery. Filters: `event`,
 * `event:keyfilter` (the key within any namespace; a simple key is all key)
 * and `event:namespacefilter:keyfilter`; each part exact, `*`, or a prefix
 * ending in `*`. A namespace filter other than `*` never matches simple keys.
 *
 * Delivery keeps per-namespace order: changes of one namespace run one after
 * another, different namespaces run concurrently.
 */
import { effectiveTimeout } from "../../graph/limits";
import { formatKey, SIMPLE_PARTITION } from "./keys";
import {
  LABEL_NAMES,
  type DataChange,
  type DataEvent,
  type DataEventName,
  type DataHandler,
  type DataListenerOptions,
  type ItemWithMeta,
  type StoredRecord,
} from "./types";

export interface DataListener {
  events: DataEventName[];
  namespace?: string;
  key?: string;
  handler: DataHandler;
  timeoutMs: number;
}

const EVENT_NAMES: readonly DataEventName[] = ["created", "updated", "deleted"];
const listeners: DataListener[] = [];

function isEventName(s: string): s is DataEventName {
  return EVENT_NAMES.some((n) => n === s);
}

function parseEvents(spec: string): DataEventName[] {
  if (spec === "*") return [...EVENT_NAMES];
  if (isEventName(spec)) return [spec];
  throw new Error(`data.on: unknown event "${spec}"; use created, updated, deleted or *`);
}

/** Parses `created`, `["created", "updated"]`, `*`, `updated:user*`, `deleted:users:*`. */
export function parseListenerSpec(spec: string | string[]): Pick<DataListener, "events" | "namespace" | "key"> {
  if (Array.isArray(spec)) {
    const parts = spec.map(parseListenerSpec);
    return { events: [...new Set(parts.flatMap((p) => p.events))] };
  }
  const parts = spec.split(":");
  if (parts.length > 3) throw new Error(`data.on("${spec}"): at most event:namespace:key`);
  const events = parseEvents(parts[0].trim());
  if (parts.length === 2) return { events, key: parts[1].trim() || "*" };
  if (parts.length === 3) return { events, namespace: parts[1].trim() || "*", key: parts[2].trim() || "*" };
  return { events };
}

export function registerDataListener(spec: string | string[], options: DataListenerOptions | undefined, handler: DataHandler): DataListener {
  if (typeof handler !== "function") throw new Error("data.on: the last argument must be a handler function");
  const listener: DataListener = { ...parseListenerSpec(spec), handler, timeoutMs: effectiveTimeout("data-listener", options?.timeout) };
  listeners.push(listener);
  return listener;
}

/** Forgets every registration (the local instance reloads apps in-process). */
export function clearDataListeners(): void {
  listeners.length = 0;
}

export function hasDataListeners(): boolean {
  return listeners.length > 0;
}

function matches(filter: string | undefined, text: string | undefined): boolean {
  if (filter === undefined || filter === "*") return true;
  if (text === undefined) return false;
  return filter.endsWith("*") ? text.startsWith(filter.slice(0, -1)) : text === filter;
}

export function listenersFor(change: DataChange): DataListener[] {
  const namespace = change.key.pk === SIMPLE_PARTITION ? undefined : change.key.pk;
  return listeners.filter((l) => l.events.includes(change.name) && matches(l.namespace, namespace) && matches(l.key, change.key.sk));
}

export function toItemWithMeta(record: StoredRecord): ItemWithMeta {
  const item: ItemWithMeta = { key: formatKey(record.key), value: record.value, created: record.created, modified: record.modified };
  for (const name of LABEL_NAMES) {
    const label = record.labels[name];
    if (label) item[name] = formatKey(label);
  }
  if (record.ttl !== undefined) item.ttl = record.ttl;
  return item;
}

export function toDataEvent(change: DataChange): DataEvent {
  const event: DataEvent = { name: change.name, item: toItemWithMeta(change.record) };
  if (change.previous) event.previous = toItemWithMeta(change.previous);
  return event;
}

/** Runs one handler under its timeout. */
export async function runListener(listener: DataListener, event: DataEvent): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`data.on handler timed out after ${listener.timeoutMs} ms`)), listener.timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => listener.handler(event)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Groups changes by namespace, keeping their order within each group. */
export function byNamespace<T extends { key: { pk: string } }>(changes: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const c of changes) {
    const group = groups.get(c.key.pk);
    if (group) group.push(c);
    else groups.set(c.key.pk, [c]);
  }
  return [...groups.values()];
}

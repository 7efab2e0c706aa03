/**
 * `storage.on` registrations and their delivery: from S3 notification records
 * (Lambda) or from in-process events after local writes and removes.
 * Specs: `*` (everything), `write`, `remove`, `write:<glob>`, `remove:<glob>`,
 * `*:<glob>`; globs are picomatch globs on the normalised path, dot files
 * included.
 */
import type PicomatchModule from "picomatch";
import { effectiveTimeout } from "../../graph/limits";
import type { StorageEvent, StorageEventName, StorageHandler } from "./types";

export interface StorageListener {
  events: StorageEventName[];
  glob: string;
  matches: (path: string) => boolean;
  handler: StorageHandler;
  timeoutMs: number;
}

const listeners: StorageListener[] = [];

function parseEvents(spec: string): StorageEventName[] {
  if (spec === "*" || spec === "") return ["write", "remove"];
  if (spec === "write" || spec === "remove") return [spec];
  throw new Error(`storage.on: unknown event "${spec}"; use write, remove or *`);
}

export function registerStorageListener(spec: string, options: { timeout?: number } | undefined, handler: StorageHandler): StorageListener {
  if (typeof handler !== "function") throw new Error("storage.on: the last argument must be a handler function");
  const colon = spec.indexOf(":");
  const events = parseEvents((colon < 0 ? spec : spec.slice(0, colon)).trim());
  const rawGlob =
    colon < 0
      ? "**"
      : spec
          .slice(colon + 1)
          .trim()
          .replace(/^\/+/, "");
  const glob = rawGlob === "" || rawGlob === "*" ? "**" : rawGlob;
  const listener: StorageListener = {
    events,
    glob,
    // Loaded with the first listener: apps without `storage.on` never evaluate it.
    matches: (require("picomatch") as typeof PicomatchModule)(glob, { dot: true }),
    handler,
    timeoutMs: effectiveTimeout("storage-listener", options?.timeout),
  };
  listeners.push(listener);
  return listener;
}

export function clearStorageListeners(): void {
  listeners.length = 0;
}

export function storageListenersFor(event: StorageEvent): StorageListener[] {
  return listeners.filter((l) => l.events.includes(event.name) && l.matches(event.path));
}

export async function runStorageListener(listener: StorageListener, event: StorageEvent): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storage.on handler timed out after ${listener.timeoutMs} ms`)), listener.timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => listener.handler({ ...event })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An S3 event notification record, as Lambda receives it. */
export interface S3EventRecordLike {
  eventName?: string;
  eventSource?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string } };
}

/** S3 URL-encodes keys in notifications, with `+` for spaces. */
export function eventOfRecord(record: S3EventRecordLike): StorageEvent | undefined {
  const rawKey = record.s3?.object?.key;
  const name = record.eventName ?? "";
  if (rawKey === undefined) return undefined;
  const path = decodeURIComponent(rawKey.replace(/\+/g, " "));
  if (name.startsWith("ObjectCreated:")) return { name: "write", path };
  if (name.startsWith("ObjectRemoved:")) return { name: "remove", path };
  return undefined;
}

/** Runs matching handlers for each record; rejects with the first failure so Lambda retries. */
export async function dispatchStorageNotifications(records: S3EventRecordLike[]): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(
    records.map(async (record) => {
      const event = eventOfRecord(record);
      if (!event) return;
      for (const listener of storageListenersFor(event)) {
        try {
          await runStorageListener(listener, event);
        } catch (err) {
          failures.push(err);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}

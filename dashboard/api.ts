/**
 * The page's link to `iac dev`: the run's token (from the URL the terminal
 * printed, then kept for the tab and taken out of the address bar), JSON
 * calls to the dashboard API and the control endpoint, and one
 * server-sent event stream shared by every panel.
 */
export const BASE = "/_iac/dashboard/api";

function readToken(): string {
  const fromUrl = new URLSearchParams(location.search).get("token");
  if (fromUrl) {
    sessionStorage.setItem("iac-token", fromUrl);
    const clean = new URL(location.href);
    clean.searchParams.delete("token");
    history.replaceState(null, "", clean.pathname + clean.search + clean.hash);
    return fromUrl;
  }
  return sessionStorage.getItem("iac-token") ?? "";
}

export const token = readToken();

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A call to `path` (under the dashboard API, or an absolute `/_iac/...` path), answered as JSON. */
export async function call<T>(path: string, init: { method?: string; body?: unknown; raw?: BodyInit; type?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  if (init.raw !== undefined) {
    body = init.raw;
    headers["content-type"] = init.type ?? "application/octet-stream";
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(path.startsWith("/") ? path : `${BASE}/${path}`, { method: init.method ?? "GET", headers, body });
  const text = await res.text();
  const parsed: unknown = text === "" ? null : JSON.parse(text);
  if (!res.ok) {
    const message = typeof parsed === "object" && parsed !== null && "error" in parsed ? String(parsed.error) : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return parsed as T;
}

/** A link that downloads with the token (a plain link cannot send a header). */
export function withToken(path: string): string {
  const url = new URL(path.startsWith("/") ? path : `${BASE}/${path}`, location.origin);
  url.searchParams.set("token", token);
  return url.pathname + url.search;
}

export type StreamEvent = "log" | "trace" | "data" | "storage" | "reload" | "analysis" | "events";
type Listener = (payload: unknown) => void;

const listeners = new Map<StreamEvent, Set<Listener>>();
const statusListeners = new Set<(open: boolean) => void>();
let source: EventSource | undefined;

function connect(): void {
  source = new EventSource(withToken("stream"));
  source.onopen = () => statusListeners.forEach((l) => l(true));
  source.onerror = () => statusListeners.forEach((l) => l(false));
  for (const event of ["log", "trace", "data", "storage", "reload", "analysis", "events"] as const) {
    source.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      listeners.get(event)?.forEach((l) => l(payload));
    });
  }
}

/** Calls `listener` with each `event` from the server; returns the unsubscribe function. */
export function on(event: StreamEvent, listener: Listener): () => void {
  if (!source) connect();
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function onConnection(listener: (open: boolean) => void): () => void {
  if (!source) connect();
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

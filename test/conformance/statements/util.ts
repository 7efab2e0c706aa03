/** Helpers the statements share; like the statements, they use only `iac` and Node. */
import { params } from "iac";

let counter = 0;

/** A name no other statement (or earlier run) uses: collections, folders, event names, paths. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}x${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Retries `check` until it passes or `timeoutMs` is over, then throws its
 * last error: background work (listeners, deliveries) has no completion
 * signal an app can wait on, so tests wait for its effect.
 */
export async function eventually(check: () => unknown, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

/** `check` keeps passing for `ms` (that something does not happen). */
export async function stays(check: () => unknown, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await check();
    await sleep(25);
  }
  await check();
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export interface Answer {
  status: number;
  /** Lower-case names; `set-cookie` apart, in `cookies`. */
  headers: Record<string, string>;
  cookies: string[];
  text: string;
  body: Buffer;
  json(): unknown;
}

/**
 * A request to the app as a client sends it: to `params.CLOUD_URL` (the
 * app's URL on every path), redirects not followed.
 */
export async function request(path: string, init: RequestInit = {}): Promise<Answer> {
  const base = params.CLOUD_URL;
  if (typeof base !== "string" || base === "") throw new Error("params.CLOUD_URL is not set");
  const res = await fetch(`${base}${path}`, { redirect: "manual", ...init });
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const text = body.toString("utf8");
  return { status: res.status, headers, cookies: res.headers.getSetCookie(), text, body, json: () => JSON.parse(text) };
}

/**
 * Writes by a request handler after its route timed out. Locally the handler
 * keeps running after the 504 and its writes land; on Lambda the invocation
 * would have been stopped and they would not. So the local instance says
 * so, once per request, naming the route and the SDK call (`data.set`,
 * `storage.write`, `events.publish`, ...). Only `iac dev` asks for it
 * (`GuestConfig.onLateWrite`): nothing here runs on Lambda.
 *
 * The request is known through AsyncLocalStorage: `handle` runs each one
 * inside its context, which follows the handler's async work.
 */
import { AsyncLocalStorage } from "async_hooks";
import type { IncomingMessage, ServerResponse } from "http";
import { timedOutAfter } from "../runtime/core/api/errors";
import type { DataBackend } from "../runtime/data/types";
import type { EventsBackend } from "../runtime/core/backends";
import type { StorageBackend } from "../runtime/storage/types";

export interface LateWrite {
  /** `METHOD /path` of the request. */
  route: string;
  /** The SDK call, e.g. `data.set`. */
  call: string;
  timeoutMs: number;
}

interface RequestContext {
  route: string;
  res: ServerResponse;
  warned: boolean;
}

export class LateWrites {
  private readonly requests = new AsyncLocalStorage<RequestContext>();

  constructor(private readonly report: (write: LateWrite) => void) {}

  /** Runs the handling of one request in its own context. */
  handle(req: IncomingMessage, res: ServerResponse, fn: () => void): void {
    const route = `${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0]}`;
    this.requests.run({ route, res, warned: false }, fn);
  }

  /** Runs `fn` outside any request (a data listener is not the request that wrote). */
  outside<T>(fn: () => T): T {
    return this.requests.exit(fn);
  }

  /** Called by each write: reports it when the current request has timed out (once per request). */
  check(call: string): void {
    const context = this.requests.getStore();
    if (!context || context.warned) return;
    const timeoutMs = timedOutAfter(context.res);
    if (timeoutMs === undefined) return;
    context.warned = true;
    this.report({ route: context.route, call, timeoutMs });
  }

  data(backend: DataBackend): DataBackend {
    const checked: DataBackend = Object.create(backend);
    checked.set = (request) => (this.check("data.set"), backend.set(request));
    checked.add = (key, field, amount) => (this.check("data.add"), backend.add(key, field, amount));
    checked.remove = (key) => (this.check("data.remove"), backend.remove(key));
    return checked;
  }

  /** The backend with its writes checked; its other members (signed URLs, events) are the backend's own. */
  storage<S extends StorageBackend>(backend: S): S {
    const checked: S = Object.create(backend);
    checked.write = (path, body, options) => (this.check("storage.write"), backend.write(path, body, options));
    checked.copy = (from, to) => (this.check("storage.copy"), backend.copy(from, to));
    checked.remove = (path) => (this.check("storage.remove"), backend.remove(path));
    return checked;
  }

  events(backend: EventsBackend): EventsBackend {
    const checked: EventsBackend = Object.create(backend);
    checked.publish = (event) => (this.check("events.publish"), backend.publish(event));
    return checked;
  }
}

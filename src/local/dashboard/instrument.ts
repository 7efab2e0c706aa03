/**
 * The SDK an app version sees under `iac dev`, with its calls recorded for
 * the dashboard's traces: `data`, `storage`, `events` and `params` are
 * wrapped where the app imports them (the shim the loader installs), so a
 * trace shows the calls as the app wrote them (`data.get("todo:*", ...)`),
 * and the host's own calls (the dashboard's data browser, seeding) never
 * pass through here. Nothing of this is in a Lambda bundle or `iac test`.
 *
 * A call made inside an invocation (a request, a schedule run...) becomes a
 * span of its trace; writes also tell the open pages that data or files
 * changed. Param values are masked except the reserved names.
 */
import { preview } from "./preview";
import { describeError, type Span } from "./traces";

export interface CallRecorder {
  /** The invocation running now, if any. */
  currentTrace(): number | undefined;
  /** Longer previews (a page is open). */
  readonly detailed: boolean;
  span(trace: number, span: Span): void;
  /** A write landed: `data` keys or `storage` paths. */
  changed(area: "data" | "storage", what: string): void;
}

const DATA_CALLS = ["get", "getByLabel", "set", "remove", "add", "seed"];
const DATA_WRITES = new Set(["set", "remove", "add", "seed"]);
const STORAGE_CALLS = ["write", "read", "readBuffer", "exists", "stat", "copy", "move", "remove", "list", "getDownloadUrl", "getUploadUrl"];
const STORAGE_WRITES = new Set(["write", "copy", "move", "remove"]);
const EVENTS_CALLS = ["publish"];
const RESERVED_PARAMS = new Set(["APP_NAME", "INSTANCE_NAME", "ORG_NAME", "CLOUD_URL"]);

const SHORT = 160;
const LONG = 2_000;

/** `sdk` (the runtime module's exports) with its data, storage, events and params recorded. */
export function instrumentSdk(sdk: object, recorder: CallRecorder): object {
  const member = (name: string): unknown => Reflect.get(sdk, name);
  const wrapped: Record<string, unknown> = {
    data: wrapCalls(member("data"), "data", DATA_CALLS, DATA_WRITES, recorder),
    storage: wrapCalls(member("storage"), "storage", STORAGE_CALLS, STORAGE_WRITES, recorder),
    events: wrapCalls(member("events"), "events", EVENTS_CALLS, new Set(), recorder),
    params: wrapParams(member("params"), recorder),
  };
  const out: Record<string, unknown> = { ...sdk, ...wrapped };
  const cloud = member("default");
  if (isObject(cloud)) out.default = { ...cloud, ...wrapped };
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function wrapCalls(
  target: unknown,
  area: "data" | "storage" | "events",
  names: readonly string[],
  writes: ReadonlySet<string>,
  recorder: CallRecorder,
): unknown {
  if (!isObject(target)) return target;
  const out: Record<string, unknown> = { ...target };
  for (const name of names) {
    const fn = target[name];
    if (typeof fn !== "function") continue;
    const op = `${area}.${name}`;
    const write = writes.has(name) && (area === "data" || area === "storage") ? area : undefined;
    out[name] = function recorded(this: unknown, ...args: unknown[]): unknown {
      const trace = recorder.currentTrace();
      if (trace === undefined && !write) return Reflect.apply(fn, this, args);
      const started = performance.now();
      const at = Date.now();
      const finish = (result: { value?: unknown; error?: unknown }): void => {
        if (write && result.error === undefined) recorder.changed(write, subject(args));
        if (trace === undefined) return;
        const max = recorder.detailed ? LONG : SHORT;
        const span: Span = { op, args: preview(args, max), at, ms: performance.now() - started };
        if ("value" in result) span.result = preview(result.value, max);
        if (result.error !== undefined) span.error = describeError(result.error);
        recorder.span(trace, span);
      };
      let value: unknown;
      try {
        value = Reflect.apply(fn, this, args);
      } catch (error) {
        finish({ error });
        throw error;
      }
      if (value instanceof Promise) {
        value.then(
          (settled: unknown) => finish({ value: settled }),
          (error: unknown) => finish({ error }),
        );
      } else finish({ value });
      return value;
    };
  }
  return out;
}

/** What a write touched: its key or path, or the keys of a batch. */
function subject(args: readonly unknown[]): string {
  const first = args[0];
  if (typeof first === "string") return first;
  if (Array.isArray(first)) return first.map((e: unknown) => (isObject(e) && typeof e.key === "string" ? e.key : "")).join(",");
  return "";
}

function wrapParams(target: unknown, recorder: CallRecorder): unknown {
  if (!isObject(target)) return target;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      const trace = typeof property === "string" ? recorder.currentTrace() : undefined;
      if (trace !== undefined && typeof property === "string" && property !== "then" && property !== "toJSON") {
        const shown = value === undefined ? "undefined" : RESERVED_PARAMS.has(property) ? JSON.stringify(value) : `"•••" (${String(value).length} characters)`;
        recorder.span(trace, { op: "params.read", args: property, result: shown, at: Date.now(), ms: 0 });
      }
      return value;
    },
  });
}

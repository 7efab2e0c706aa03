import { DevLogger } from "../../src/local/dev/logger";
import { instrumentSdk, type CallRecorder } from "../../src/local/dashboard/instrument";
import { preview } from "../../src/local/dashboard/preview";
import { DashboardRecorder } from "../../src/local/dashboard/recorder";
import { type Span, TraceStore } from "../../src/local/dashboard/traces";

describe("preview", () => {
  test("writes JSON-like text, names bytes, streams and functions, and stops at the limit", () => {
    expect(preview(["todo:1", { meta: true, n: 2, skip: undefined, next: () => 1 }], 200)).toBe('["todo:1",{"meta":true,"n":2}]');
    expect(preview(Buffer.from("hello"), 50)).toBe("<5 bytes>");
    expect(preview({ body: { pipe: () => undefined } }, 50)).toBe('{"body":<stream>}');
    const big = Array.from({ length: 10_000 }, (_, i) => ({ key: `item:${i}` }));
    const text = preview(big, 100);
    expect(text.length).toBeLessThanOrEqual(101);
    expect(text.endsWith("…")).toBe(true);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(preview(cyclic, 100)).toBe('{"a":1,"self":…}');
  });
});

describe("the recorder behind the dev logger", () => {
  test("each run is a trace that ends when its promise settles; lines carry their trace", async () => {
    const recorder = new DashboardRecorder();
    const printed: string[] = [];
    const logger = new DevLogger((line) => printed.push(line), undefined, recorder);
    const restore = logger.captureConsole();
    try {
      await logger.run("schedule rate(1 hour)", async () => {
        console.log("working on", 3, "items");
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      await expect(logger.run("event todo.created", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      logger.info("reloaded");
    } finally {
      restore();
    }
    const [failed, scheduled] = recorder.traces.list();
    expect(scheduled).toMatchObject({ kind: "schedule", label: "schedule rate(1 hour)" });
    expect(scheduled.ms).toBeGreaterThanOrEqual(4);
    expect(failed).toMatchObject({ kind: "event", error: "Error: boom" });
    const lines = recorder.logs.search().lines;
    expect(lines.map((l) => [l.source, l.text, l.trace])).toEqual([
      ["iac", "reloaded", undefined],
      ["schedule rate(1 hour)", "working on 3 items", scheduled.id],
    ]);
    expect(printed.some((p) => p.includes("[schedule rate(1 hour)]") && p.includes("working on 3 items"))).toBe(true);
  });

  test("a request's trace ends when its response closes, with its status", () => {
    const recorder = new DashboardRecorder();
    const logger = new DevLogger(() => undefined, undefined, recorder);
    let close: () => void = () => undefined;
    const response = { statusCode: 201, once: (_event: "close", listener: () => void) => (close = listener) };
    logger.run("POST /todos/1", () => undefined, response);
    expect(recorder.traces.list()[0].ms).toBeUndefined();
    close();
    expect(recorder.traces.list()[0]).toMatchObject({ kind: "request", status: 201 });
  });
});

describe("instrumentSdk", () => {
  function fakeRecorder(trace: number | undefined) {
    const spans: Span[] = [];
    const changes: string[] = [];
    const recorder: CallRecorder = {
      currentTrace: () => trace,
      detailed: true,
      span: (_t, s) => spans.push(s),
      changed: (area, what) => changes.push(`${area} ${what}`),
    };
    return { recorder, spans, changes };
  }
  const sdk = () => ({
    api: { get: () => "route" },
    data: {
      get: async (key: string) => ({ key, value: 1 }),
      set: async (key: string, value: unknown) => value,
      remove: async () => {
        throw new Error("no such item");
      },
      on: () => "listener",
    },
    storage: { write: async (path: string) => ({ path }), list: () => ({ [Symbol.asyncIterator]: async function* () {} }) },
    events: { publish: async () => ({ id: "e1" }) },
    params: { SECRET: "s3cr3t", APP_NAME: "todo" },
    default: { api: {}, data: {} },
  });

  test("records data, storage, events and params calls made inside an invocation, with results and errors; writes say what changed", async () => {
    const { recorder, spans, changes } = fakeRecorder(7);
    const wrapped = instrumentSdk(sdk(), recorder) as ReturnType<typeof sdk>;
    await wrapped.data.get("todo:1");
    await wrapped.data.set("todo:2", { name: "x" });
    await expect(wrapped.data.remove()).rejects.toThrow("no such item");
    await wrapped.storage.write("uploads/a.png");
    await wrapped.events.publish();
    expect(wrapped.params.SECRET).toBe("s3cr3t");
    expect(wrapped.params.APP_NAME).toBe("todo");
    expect(wrapped.data.on()).toBe("listener");
    expect(spans.map((s) => [s.op, s.args, s.result ?? s.error])).toEqual([
      ["data.get", '["todo:1"]', '{"key":"todo:1","value":1}'],
      ["data.set", '["todo:2",{"name":"x"}]', '{"name":"x"}'],
      ["data.remove", "[]", "Error: no such item"],
      ["storage.write", '["uploads/a.png"]', '{"path":"uploads/a.png"}'],
      ["events.publish", "[]", '{"id":"e1"}'],
      ["params.read", "SECRET", '"•••" (6 characters)'],
      ["params.read", "APP_NAME", '"todo"'],
    ]);
    expect(changes).toEqual(["data todo:2", "storage uploads/a.png"]);
    // `import cloud from "iac"` sees the same wrapped objects.
    expect((instrumentSdk(sdk(), recorder) as ReturnType<typeof sdk>).default.data).not.toBe(sdk().default.data);
  });

  test("outside an invocation nothing is recorded, but writes still say what changed", async () => {
    const { recorder, spans, changes } = fakeRecorder(undefined);
    const wrapped = instrumentSdk(sdk(), recorder) as ReturnType<typeof sdk>;
    await wrapped.data.get("todo:1");
    await wrapped.data.set("todo:3", 1);
    expect(spans).toEqual([]);
    expect(changes).toEqual(["data todo:3"]);
  });
});

describe("the trace store", () => {
  const span = (chars: number): Span => ({ op: "data.get", args: "x".repeat(chars), at: 0, ms: 1 });

  test("drops the oldest traces past its capacity, and past its budget of preview characters", () => {
    const store = new TraceStore(3, 1_000);
    for (let i = 0; i < 5; i++) store.begin(`GET /${i}`);
    expect(store.list().map((t) => t.label)).toEqual(["GET /4", "GET /3", "GET /2"]);
    store.add(3, span(400));
    store.add(4, span(400));
    store.add(5, span(400));
    // 1,200 characters held: the oldest trace with previews goes.
    expect(store.list().map((t) => t.id)).toEqual([5, 4]);
    expect(store.get(4)?.spans).toHaveLength(1);
  });

  test("keeps a trace's first 200 calls and counts the rest", () => {
    const store = new TraceStore();
    const trace = store.begin("schedule rate(1 hour)");
    for (let i = 0; i < 250; i++) store.add(trace.id, span(1));
    expect(store.get(trace.id)?.spans).toHaveLength(200);
    expect(store.list()[0]).toMatchObject({ calls: 250, dropped: 50 });
  });
});

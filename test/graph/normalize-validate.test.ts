import { type AppGraph, normalizeGraph, planFunctions, validateGraph, type Resource } from "../../src/graph";

const loc = (line: number) => ({ file: "index.ts", line, column: 1 });

function graph(resources: Resource[], extra: Partial<AppGraph> = {}): AppGraph {
  return {
    version: 1,
    app: { name: "t", entry: "index.ts", language: "ts", moduleFormat: "esm" },
    resources,
    handlers: [],
    usages: [],
    functions: planFunctions(resources),
    ...extra,
  };
}

describe("normalizeGraph", () => {
  test("sorts and dedups every set, keeps registration and call order", () => {
    const g = graph(
      [
        { kind: "params", id: "params", location: loc(9), names: ["B", "A", "B"], dynamic: false },
        {
          kind: "api",
          id: "api",
          location: loc(1),
          routes: [
            {
              id: "route:GET /b",
              method: "GET",
              path: "/b",
              order: 1,
              upload: false,
              options: {},
              handler: "route:GET /b",
              chain: [loc(5), loc(2)],
              location: loc(3),
            },
            { id: "route:GET /a", method: "GET", path: "/a", order: 0, upload: false, options: {}, handler: "route:GET /a", chain: [], location: loc(2) },
          ],
          middleware: [],
        },
        { kind: "data", id: "data", location: loc(4), labels: ["label2", "label1", "label2"], collections: ["z", "a"], stream: false },
      ],
      {
        handlers: [
          { id: "route:GET /b", kind: "route", title: "GET /b", location: loc(3) },
          { id: "route:GET /a", kind: "route", title: "GET /a", location: loc(2) },
        ],
        usages: [
          { handler: "route:GET /b", resource: "data", operation: "get", scope: { collections: ["z", "a"] }, location: loc(7), via: [loc(9), loc(8)] },
          { handler: "route:GET /a", resource: "data", operation: "set", scope: {}, location: loc(6), via: [] },
          { handler: "route:GET /b", resource: "data", operation: "get", scope: { collections: ["a", "z"] }, location: loc(7), via: [loc(9), loc(8)] },
        ],
      },
    );
    const n = normalizeGraph(g);
    expect(n.resources.map((r) => r.id)).toEqual(["api", "data", "params"]);
    const api = n.resources[0];
    expect(api.kind === "api" && api.routes.map((r) => r.id)).toEqual(["route:GET /a", "route:GET /b"]);
    expect(api.kind === "api" && api.routes[1].chain).toEqual([loc(5), loc(2)]);
    expect(n.resources[1]).toMatchObject({ labels: ["label1", "label2"], collections: ["a", "z"] });
    expect(n.resources[2]).toMatchObject({ names: ["A", "B"] });
    expect(n.handlers.map((h) => h.id)).toEqual(["route:GET /a", "route:GET /b"]);
    expect(n.usages).toHaveLength(2);
    expect(n.usages[1].via).toEqual([loc(9), loc(8)]);
    expect(JSON.stringify(normalizeGraph(n))).toBe(JSON.stringify(n));
    // The input is not mutated.
    expect(g.usages).toHaveLength(3);
  });
});

describe("validateGraph", () => {
  test("a consistent graph has no findings", () => {
    const r: Resource[] = [
      { kind: "schedule", id: "schedule:rate(1 hour)", expression: "rate(1 hour)", source: "1 hour", handler: "schedule:rate(1 hour)", location: loc(1) },
    ];
    expect(validateGraph(graph(r, { handlers: [{ id: "schedule:rate(1 hour)", kind: "schedule", title: "every 1 hour", location: loc(1) }] }))).toEqual([]);
  });

  test("dangling and duplicate references, bad locations, missing resources", () => {
    const r: Resource[] = [
      { kind: "schedule", id: "s", expression: "rate(1 hour)", source: "1 hour", handler: "missing", location: loc(1) },
      { kind: "schedule", id: "s", expression: "rate(1 hour)", source: "1 hour", handler: "h", location: { file: "/abs/index.ts", line: 0, column: 1 } },
      { kind: "data-listener", id: "dl", events: ["created"], handler: "dl", location: loc(3) },
    ];
    const g = graph(r, {
      handlers: [
        { id: "h", kind: "schedule", title: "h", location: loc(2) },
        { id: "h", kind: "schedule", title: "h", location: loc(2) },
        { id: "dl", kind: "data-listener", title: "dl", location: loc(3) },
        { id: "orphan", kind: "event", title: "o", location: loc(4) },
      ],
      usages: [{ handler: "nobody", resource: "storage", operation: "read", scope: {}, location: loc(5), via: [] }],
      functions: [{ id: "x", kind: "events", handlers: ["ghost"], timeoutMs: 1000 }],
    });
    expect(
      validateGraph(g)
        .map((d) => d.code)
        .sort(),
    ).toEqual(["IAC6001", "IAC6002", "IAC6003", "IAC6004", "IAC6005", "IAC6006", "IAC6007", "IAC6009", "IAC6012"]);
  });
});

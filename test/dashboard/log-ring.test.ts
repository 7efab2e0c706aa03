import { LogRing } from "../../src/local/dashboard/log-ring";

describe("the dashboard's log ring", () => {
  test("keeps the last `capacity` lines, newest first, with sequence numbers never reused", () => {
    const ring = new LogRing(3);
    for (let i = 1; i <= 5; i++) ring.append({ level: "info", source: "iac", text: `line ${i}` }, i);
    const { lines, held, matched } = ring.search();
    expect(held).toBe(3);
    expect(matched).toBe(3);
    expect(lines.map((l) => [l.seq, l.text])).toEqual([
      [5, "line 5"],
      [4, "line 4"],
      [3, "line 3"],
    ]);
  });

  test("searches by words (case-insensitive, in the text or the source), level, source, trace, time and paging", () => {
    const ring = new LogRing(100);
    ring.append({ level: "info", source: "GET /todos", text: "Listing TODOS", trace: 1 }, 1000);
    ring.append({ level: "error", source: "GET /todos", text: "failed: timeout", trace: 1 }, 2000);
    ring.append({ level: "warn", source: "schedule rate(1 hour)", text: "overdue todos: 3", trace: 2 }, 3000);
    ring.append({ level: "info", source: "iac", text: "reloaded in 40 ms" }, 4000);
    const texts = (q: Parameters<LogRing["search"]>[0]) => ring.search(q).lines.map((l) => l.text);
    expect(texts({ text: "todos" })).toEqual(["overdue todos: 3", "failed: timeout", "Listing TODOS"]);
    expect(texts({ text: "todos timeout" })).toEqual(["failed: timeout"]);
    expect(texts({ levels: ["error", "warn"] })).toEqual(["overdue todos: 3", "failed: timeout"]);
    expect(texts({ source: "schedule" })).toEqual(["overdue todos: 3"]);
    expect(texts({ trace: 1 })).toEqual(["failed: timeout", "Listing TODOS"]);
    expect(texts({ since: 2000, until: 3000 })).toEqual(["overdue todos: 3", "failed: timeout"]);
    expect(texts({ before: 3 })).toEqual(["failed: timeout", "Listing TODOS"]);
    expect(texts({ text: "(1 hour)" })).toEqual(["overdue todos: 3"]);
    const limited = ring.search({ limit: 1 });
    expect(limited.lines).toHaveLength(1);
    expect(limited.matched).toBe(4);
  });

  test("a search over 50,000 lines answers within 100 ms", () => {
    const ring = new LogRing();
    const sources = ["GET /todos", "POST /todos/:id", "schedule rate(1 hour)", "event todo.created", "iac"];
    for (let i = 0; i < 60_000; i++) {
      ring.append(
        {
          level: i % 50 === 0 ? "error" : "info",
          source: sources[i % sources.length],
          text: `request ${i} handled item todo:${i % 997} in ${i % 40} ms`,
          trace: i,
        },
        1_000_000 + i,
      );
    }
    expect(ring.size).toBe(50_000);
    // Warm the regular expressions and the loop once, as a running server would be.
    ring.search({ text: "todo:5" });
    for (const query of [{ text: "todo:996 in 3" }, { levels: ["error" as const], source: "GET /todos" }, { text: "handled", since: 1_030_000 }]) {
      const started = performance.now();
      const answer = ring.search(query);
      const ms = performance.now() - started;
      expect(answer.matched).toBeGreaterThan(0);
      expect(ms).toBeLessThan(100);
    }
  });
});

import { events } from "iac";
import { parseAfter, MAX_DELAY_MS } from "../../../src/runtime/core/after";
import { atTime, createAwsEventsBackend } from "../../../src/runtime/aws/events";
import { configureRuntime, dispatchEvent, resetRuntime, type EventEnvelope } from "../../../src/runtime/internal";
import type { PutEventsCommandInput, PutEventsCommandOutput } from "@aws-sdk/client-eventbridge";
import type { CreateScheduleCommandInput } from "@aws-sdk/client-scheduler";

beforeEach(() => {
  resetRuntime();
  configureRuntime({ logger: { error: () => undefined } });
});

describe("after", () => {
  const now = Date.parse("2026-03-10T00:00:00.000Z");
  test.each<[string, number | string | Date, number]>([
    ["ms delay", 1500, 1500],
    ["epoch ms", now + 60_000, 60_000],
    ["ISO string", "2026-03-10T01:00:00.000Z", 3_600_000],
    ["Date", new Date(now + 5000), 5000],
    ["seconds", "30 seconds", 30_000],
    ["1 second", "1 second", 1000],
    ["minutes", "10 minutes", 600_000],
    ["hours", "2 hours", 7_200_000],
    ["days", "1 day", 86_400_000],
    ["weeks", "2 weeks", 14 * 86_400_000],
    ["short units, as schedule.every takes them", "5 m", 300_000],
    ["decimals", "1.5 h", 5_400_000],
    ["months", "1 month", 30 * 86_400_000],
    ["years", "1 year", MAX_DELAY_MS],
    ["a past date means now", "2020-01-01T00:00:00Z", 0],
  ])("%s", (_name, after, expected) => {
    expect(parseAfter(after, now)).toBe(expected);
  });

  test("more than a year ahead, an unknown unit or garbage is rejected", () => {
    expect(() => parseAfter("2 years", now)).toThrow(/more than one year/);
    expect(() => parseAfter(now + MAX_DELAY_MS + 1, now)).toThrow(/more than one year/);
    expect(() => parseAfter("3 fortnights", now)).toThrow(/unknown unit/);
    expect(() => parseAfter("2 dayz", now)).toThrow(/unknown unit .*did you mean "2 days"/);
    expect(() => parseAfter("soon", now)).toThrow(/neither a delay/);
  });
});

describe("events.publish", () => {
  test("is not available outside a running instance", async () => {
    await expect(events.publish("x", {})).rejects.toThrow("events is not available outside a running instance");
  });

  test("two arguments are (name, body); three are (name, options, body)", async () => {
    const got: EventEnvelope[] = [];
    // Stands in for EventBridge, which is unreachable here.
    configureRuntime({ events: { publish: async (e) => void got.push(e) } });
    await events.publish("a", { after: "not options, a body" });
    await events.publish("b", { after: 2000 }, { n: 1 });
    expect(got.map((e) => [e.name, e.body, e.delay])).toEqual([
      ["a", { after: "not options, a body" }, 0],
      ["b", { n: 1 }, 2000],
    ]);
  });

  test("a body of 256 KB of JSON or more is refused before it reaches the bus", async () => {
    const got: EventEnvelope[] = [];
    configureRuntime({ events: { publish: async (e) => void got.push(e) } });
    await expect(events.publish("big", "x".repeat(256 * 1024))).rejects.toThrow(/under 256 KB/);
    expect(got).toHaveLength(0);
  });
});

describe("events.on", () => {
  test("invoke() runs the handler with the contract's event shape", async () => {
    const seen: unknown[] = [];
    const handle = events.on("order.paid", { timeout: 5000 }, (e) => {
      seen.push(e);
    });
    await handle.invoke({ id: "i1", body: { total: 3 }, time: "2026-03-10T00:00:00.000Z" });
    // The handler's time is epoch milliseconds (the contract), whether invoke() was given ms or an ISO date.
    expect(seen).toEqual([{ id: "i1", name: "order.paid", body: { total: 3 }, time: Date.parse("2026-03-10T00:00:00.000Z"), delay: 0 }]);
  });

  test("events.on(name) without a handler is the testing form: invoke() runs the app's handlers of that name, as schedule.every(expr).invoke() does", async () => {
    const seen: unknown[] = [];
    events.on("user.created", (e) => {
      seen.push(e.body);
    });
    await events.on("user.created").invoke({ body: { id: "u1" } });
    await events.on("nobody.listens").invoke({ body: {} });
    expect(seen).toEqual([{ id: "u1" }]);
  });

  test("every subscriber runs even when one throws, and the delivery fails", async () => {
    const ran: string[] = [];
    events.on("e", () => {
      throw new Error("first fails");
    });
    events.on("e", () => {
      ran.push("second");
    });
    await expect(dispatchEvent({ id: "1", name: "e", body: null, time: new Date().toISOString(), delay: 0 })).rejects.toThrow("first fails");
    expect(ran).toEqual(["second"]);
  });
});

describe("AWS events backend", () => {
  // Stand-ins for EventBridge and EventBridge Scheduler, which are unreachable here.
  function fakes(failed = false) {
    const puts: PutEventsCommandInput[] = [];
    const schedules: CreateScheduleCommandInput[] = [];
    const eventBridge = {
      putEvents: async (input: PutEventsCommandInput): Promise<PutEventsCommandOutput> => {
        puts.push(input);
        return failed
          ? { $metadata: {}, FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "try again" }] }
          : { $metadata: {}, FailedEntryCount: 0, Entries: [{ EventId: "x" }] };
      },
    };
    const scheduler = { createSchedule: async (input: CreateScheduleCommandInput) => void schedules.push(input) };
    return { puts, schedules, eventBridge, scheduler };
  }
  const envelope: EventEnvelope = { id: "0b6f4f5e-1", name: "todo.created", body: { t: 1 }, time: "2026-03-10T00:00:00.250Z", delay: 0 };

  test("an immediate publish is one PutEvents entry on the stage bus", async () => {
    const f = fakes();
    const backend = createAwsEventsBackend({ app: "todo", bus: "iac-todo-qa", busArn: () => "unused", ...f });
    await backend.publish(envelope);
    expect(f.puts).toEqual([
      {
        Entries: [
          {
            EventBusName: "iac-todo-qa",
            Source: "iac.todo",
            DetailType: "todo.created",
            Detail: JSON.stringify({ id: envelope.id, body: { t: 1 }, time: envelope.time, delay: 0 }),
            Time: new Date(envelope.time),
          },
        ],
      },
    ]);
    expect(f.schedules).toHaveLength(0);
  });

  test("a failed entry fails the publish", async () => {
    const f = fakes(true);
    const backend = createAwsEventsBackend({ app: "todo", bus: "b", busArn: () => "unused", ...f });
    await expect(backend.publish(envelope)).rejects.toThrow(/InternalFailure/);
  });

  test("a delayed publish is a one-time Scheduler schedule that puts the same event", async () => {
    const f = fakes();
    const backend = createAwsEventsBackend({
      app: "todo",
      bus: "iac-todo-qa",
      busArn: () => "arn:aws:events:eu-west-1:123456789012:event-bus/iac-todo-qa",
      schedulerGroup: "iac-todo-qa",
      schedulerRoleArn: "arn:aws:iam::123456789012:role/iac-todo-qa-scheduler",
      ...f,
    });
    await backend.publish({ ...envelope, delay: 600_000 });
    expect(f.puts).toHaveLength(0);
    expect(f.schedules).toEqual([
      {
        Name: "iac-0b6f4f5e-1",
        GroupName: "iac-todo-qa",
        ScheduleExpression: "at(2026-03-10T00:10:01)",
        ScheduleExpressionTimezone: "UTC",
        FlexibleTimeWindow: { Mode: "OFF" },
        ActionAfterCompletion: "DELETE",
        Target: {
          Arn: "arn:aws:events:eu-west-1:123456789012:event-bus/iac-todo-qa",
          RoleArn: "arn:aws:iam::123456789012:role/iac-todo-qa-scheduler",
          Input: JSON.stringify({ id: envelope.id, body: { t: 1 }, time: envelope.time, delay: 600_000 }),
          EventBridgeParameters: { Source: "iac.todo", DetailType: "todo.created" },
        },
      },
    ]);
  });

  test("at() rounds up to the second, never early", () => {
    expect(atTime(Date.parse("2026-03-10T00:00:00.000Z"))).toBe("2026-03-10T00:00:00");
    expect(atTime(Date.parse("2026-03-10T00:00:00.001Z"))).toBe("2026-03-10T00:00:01");
  });
});

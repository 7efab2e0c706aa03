/**
 * The AWS `EventsBackend`: an immediate publish is an EventBridge PutEvents
 * on the stage's bus (`IAC_EVENT_BUS`), source `iac.<app>`, detail-type the
 * event name, detail `{ id, body, time, delay }`. A delayed publish is an
 * EventBridge Scheduler one-time schedule (`at(...)`, UTC) in
 * `IAC_SCHEDULER_GROUP` that puts the very same event on the bus when due,
 * assuming `IAC_SCHEDULER_ROLE_ARN`, and deletes itself afterwards. Rules on
 * the bus then invoke the subscribed functions (see `../lambda.ts`).
 *
 * The SDK clients sit behind two one-method ports so they load lazily (cold
 * start) and so tests can stand in for the services, unreachable here.
 */
import type { PutEventsCommandInput, PutEventsCommandOutput } from "@aws-sdk/client-eventbridge";
import type { CreateScheduleCommandInput } from "@aws-sdk/client-scheduler";
import type { EventEnvelope, EventsBackend } from "../core/backends";
import { once } from "../core/once";

export interface EventBridgePort {
  putEvents(input: PutEventsCommandInput): Promise<PutEventsCommandOutput>;
}

export interface SchedulerPort {
  createSchedule(input: CreateScheduleCommandInput): Promise<unknown>;
}

export interface AwsEventsOptions {
  app: string;
  /** Bus name or ARN. */
  bus: string;
  /** The bus ARN Scheduler targets; computed lazily (it may need the account from the first invocation). */
  busArn: () => string;
  schedulerGroup?: string;
  schedulerRoleArn?: string;
  eventBridge?: EventBridgePort;
  scheduler?: SchedulerPort;
}

/** Delays shorter than this go straight to the bus: Scheduler's `at()` has no sub-second meaning. */
const MIN_SCHEDULED_DELAY_MS = 1000;

export function createAwsEventsBackend(options: AwsEventsOptions): EventsBackend {
  const eventBridge = options.eventBridge ?? lazyEventBridge();
  const scheduler = options.scheduler ?? lazyScheduler();
  const source = `iac.${options.app}`;
  return {
    async publish(event: EventEnvelope): Promise<void> {
      const detail = JSON.stringify({ id: event.id, body: event.body, time: event.time, delay: event.delay });
      if (event.delay < MIN_SCHEDULED_DELAY_MS) {
        const out = await eventBridge.putEvents({
          Entries: [{ EventBusName: options.bus, Source: source, DetailType: event.name, Detail: detail, Time: new Date(event.time) }],
        });
        const failed = out.Entries?.find((e) => e.ErrorCode);
        if ((out.FailedEntryCount ?? 0) > 0 || failed) {
          throw new Error(`events.publish("${event.name}") was refused by EventBridge: ${failed?.ErrorCode ?? "unknown"} ${failed?.ErrorMessage ?? ""}`.trim());
        }
        return;
      }
      if (!options.schedulerGroup || !options.schedulerRoleArn) {
        throw new Error("events.publish with `after` needs IAC_SCHEDULER_GROUP and IAC_SCHEDULER_ROLE_ARN (the app's build found no delayed publish)");
      }
      await scheduler.createSchedule({
        // Schedule names are unique per group and at most 64 characters: the event id fits.
        Name: `iac-${event.id}`,
        GroupName: options.schedulerGroup,
        ScheduleExpression: `at(${atTime(Date.parse(event.time) + event.delay)})`,
        ScheduleExpressionTimezone: "UTC",
        FlexibleTimeWindow: { Mode: "OFF" },
        ActionAfterCompletion: "DELETE",
        Target: {
          Arn: options.busArn(),
          RoleArn: options.schedulerRoleArn,
          Input: detail,
          EventBridgeParameters: { Source: source, DetailType: event.name },
        },
      });
    },
  };
}

/** `yyyy-mm-ddThh:mm:ss` in UTC, rounded up to the second so an event is never early. */
export function atTime(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().slice(0, 19);
}

function lazyEventBridge(): EventBridgePort {
  const client = once(async () => {
    const sdk = await import("@aws-sdk/client-eventbridge");
    const c = new sdk.EventBridgeClient({});
    return { putEvents: (i: PutEventsCommandInput) => c.send(new sdk.PutEventsCommand(i)) };
  });
  return { putEvents: async (input) => (await client()).putEvents(input) };
}

function lazyScheduler(): SchedulerPort {
  const client = once(async () => {
    const sdk = await import("@aws-sdk/client-scheduler");
    const c = new sdk.SchedulerClient({});
    return { createSchedule: (i: CreateScheduleCommandInput) => c.send(new sdk.CreateScheduleCommand(i)) };
  });
  return { createSchedule: async (input) => (await client()).createSchedule(input) };
}

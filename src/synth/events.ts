/**
 * Events (ARCHITECTURE.md "Events"): one EventBridge bus per stage, one rule
 * per subscribed event name delivering to that name's function, and, when
 * some publish is delayed, an EventBridge Scheduler group plus the role its
 * one-time schedules assume to put the event on the bus.
 * Also schedules: one EventBridge rule per schedule function, whose input
 * `{"iac":"schedule","expression":...}` the runtime dispatches on.
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { EventBus, Rule, RuleTargetInput, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnScheduleGroup } from "aws-cdk-lib/aws-scheduler";
import { shortHash } from "../graph";
import { findResource, grantOn, pascal, resourcesOf, type SynthContext, type SynthFunction, type SynthKind } from "./context";

/** The `source` of every event the app publishes (ARCHITECTURE.md). */
export function eventSource(appName: string): string {
  return `iac.${appName}`;
}

export function addEventBus(ctx: SynthContext): void {
  const events = findResource(ctx.graph, "events");
  const subscribed = resourcesOf(ctx.graph, "event-subscription").length > 0;
  if (!events && !subscribed) return;
  const name = `iac-${ctx.graph.app.name}-${ctx.options.stage}`;
  ctx.bus = new EventBus(ctx.stack, "EventBus", { eventBusName: name });
  if (!events?.delayed) return;
  const group = new CfnScheduleGroup(ctx.stack, "SchedulerGroup", { name });
  group.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const role = new Role(ctx.stack, "SchedulerRole", {
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com"),
    description: "Assumed by delayed events.publish schedules to put the event on the stage bus",
  });
  role.addToPolicy(new PolicyStatement({ actions: ["events:PutEvents"], resources: [ctx.bus.eventBusArn] }));
  ctx.scheduler = { groupName: name, role };
}

/** Rules for `events-*` functions: one per subscribed name, on the stage bus. */
export function addEventRules(ctx: SynthContext): void {
  const bus = ctx.bus;
  if (!bus) return;
  const subscriptions = resourcesOf(ctx.graph, "event-subscription");
  for (const f of functionsOfKind(ctx, "events")) {
    const names = uniqueSorted(subscriptions.filter((s) => f.plan.handlers.includes(s.handler)).map((s) => s.name));
    new Rule(ctx.stack, `Rule${pascal(f.plan.id)}`, {
      eventBus: bus,
      eventPattern: { source: [eventSource(ctx.graph.app.name)], detailType: names },
      targets: [backgroundTarget(f)],
    });
  }
}

/** Rules for `schedule-*` functions: one per normalised expression. */
export function addScheduleRules(ctx: SynthContext): void {
  const schedules = resourcesOf(ctx.graph, "schedule");
  for (const f of functionsOfKind(ctx, "schedule")) {
    const expressions = uniqueSorted(schedules.filter((s) => f.plan.handlers.includes(s.handler)).map((s) => s.expression));
    for (const expression of expressions) {
      // Normally one expression per function (the plan groups by it); two that slug alike get a hash suffix.
      const suffix = expressions.length > 1 ? shortHash(expression) : "";
      new Rule(ctx.stack, `Rule${pascal(f.plan.id)}${suffix}`, {
        schedule: Schedule.expression(expression),
        targets: [backgroundTarget(f, RuleTargetInput.fromObject({ iac: "schedule", expression }))],
      });
    }
  }
}

/** EventBridge retries delivery for up to a day, then parks the event in the function's DLQ. */
function backgroundTarget(f: SynthFunction, event?: RuleTargetInput): LambdaFunction {
  return new LambdaFunction(f.fn, {
    event,
    retryAttempts: 8,
    maxEventAge: Duration.hours(24),
    deadLetterQueue: f.dlq,
  });
}

export function functionsOfKind(ctx: SynthContext, kind: SynthFunction["plan"]["kind"]): SynthFunction[] {
  return [...ctx.functions.values()].filter((f) => f.plan.kind === kind);
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** The bus (and the scheduler of delayed events), made with the stores; grants on them. Rules are the subscriptions' and schedules' own steps. */
export const EVENTS_SYNTH = {
  store: addEventBus,
  environment: (ctx): Record<string, string> => ({
    ...(ctx.bus ? { IAC_EVENT_BUS: ctx.bus.eventBusName } : {}),
    ...(ctx.scheduler ? { IAC_SCHEDULER_GROUP: ctx.scheduler.groupName, IAC_SCHEDULER_ROLE_ARN: ctx.scheduler.role.roleArn } : {}),
  }),
  grants: {
    bus: (ctx) => {
      const bus = ctx.bus;
      return bus ? grantOn("bus", [""], () => bus.eventBusArn) : undefined;
    },
    schedules: (ctx) => {
      const scheduler = ctx.scheduler;
      if (!scheduler) return undefined;
      return grantOn("schedules", [""], () =>
        Stack.of(ctx.stack).formatArn({ service: "scheduler", resource: "schedule", resourceName: `${scheduler.groupName}/*` }),
      );
    },
    schedulerRole: (ctx) => {
      const scheduler = ctx.scheduler;
      return scheduler ? grantOn("schedulerRole", [""], () => scheduler.role.roleArn) : undefined;
    },
  },
} satisfies SynthKind;

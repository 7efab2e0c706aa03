/**
 * When a schedule fires next, for the local instance's timers. Input: a
 * normalised AWS expression (`rate(5 minutes)`, `cron(0 3 ? * MON *)`,
 * from src/graph). Both are read by the parsers that checked them when
 * they were registered (the duration grammar, the AWS cron model), so
 * every expression the app could register can be timed, `W` and the year
 * field included. AWS evaluates cron in UTC; so do we.
 */
import { nextCronRun, parseCron, parseDuration } from "../../graph";

/** The period of a `rate(...)` expression in ms, or undefined for anything else. */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((.*)\)$/.exec(expression);
  const duration = match ? parseDuration(match[1]) : undefined;
  return duration?.ok ? duration.ms : undefined;
}

/** The first fire time strictly after `after`, in epoch ms; undefined when there is none (or it is not a schedule expression). */
export function nextFireTime(expression: string, after: Date): number | undefined {
  const period = ratePeriodMs(expression);
  if (period !== undefined) return after.getTime() + period;
  if (!expression.startsWith("cron(")) return undefined;
  const cron = parseCron(expression);
  return cron.ok ? nextCronRun(cron.schedule, after) : undefined;
}

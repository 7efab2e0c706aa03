/**
 * The schedule registry. Registrations are keyed by the normalised AWS
 * expression (`rate(1 hour)`, `cron(0 0 ? * TUE *)`) from `src/graph`, the
 * same function the analyzer uses, so the expression synth writes into a
 * rule's input always matches a registration here. Dispatch runs every
 * handler registered for the expression, through `schedule.use` middleware
 * in registration order; any failure fails the run (the platform retries).
 */
import { normalizeCron, normalizeRate } from "../../graph/schedule";
import type { HandlerHandle, ScheduleEvent, ScheduleHandler, ScheduleInterface, ScheduleMiddleware, ScheduleOptions } from "./types";
import { runAll } from "./run";

interface ScheduleRegistration {
  expression: string;
  handler: ScheduleHandler;
  timeoutMs?: number;
}

const registrations: ScheduleRegistration[] = [];
const middleware: ScheduleMiddleware[] = [];

/** Normalises user text (`"5 minutes"`, `"rate(5 minutes)"`, a cron) or throws with the suggestion. */
export function normalizeScheduleExpression(kind: "rate" | "cron", text: string): string {
  const result = kind === "rate" ? normalizeRate(text) : normalizeCron(text);
  if (result.ok) return result.expression;
  const hint = result.suggestion ? ` (did you mean "${result.suggestion}"?)` : "";
  throw new Error(`invalid schedule expression "${text}": ${result.message}${hint}`);
}

function register(kind: "rate" | "cron") {
  return (text: string, optionsOrHandler?: ScheduleOptions | ScheduleHandler, maybeHandler?: ScheduleHandler): HandlerHandle<Partial<ScheduleEvent>> => {
    const expression = normalizeScheduleExpression(kind, text);
    const handler = typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler;
    const options = typeof optionsOrHandler === "object" ? optionsOrHandler : undefined;
    // No handler: the testing form `schedule.every("60 minutes").invoke()`.
    if (handler) registrations.push({ expression, handler, timeoutMs: options?.timeout });
    return { invoke: (input) => dispatchSchedule(expression, input?.time) };
  };
}

/** Runs every handler registered for `expression` (already normalised, or user text). */
export async function dispatchSchedule(expression: string, time?: string): Promise<void> {
  const matching = registrations.filter((r) => r.expression === expression);
  if (matching.length === 0) throw new Error(`no schedule handler is registered for ${expression}`);
  const event: ScheduleEvent = { expression, time: time ?? new Date().toISOString() };
  await runAll(
    `schedule ${expression}`,
    matching.map((r) => () => runThroughMiddleware(event, r.handler)),
  );
}

async function runThroughMiddleware(event: ScheduleEvent, handler: ScheduleHandler): Promise<void> {
  const chain = [...middleware];
  const step = async (index: number): Promise<void> => {
    const next = chain[index];
    if (next) await next(event, () => step(index + 1));
    else await handler(event);
  };
  await step(0);
}

/** The expressions with at least one handler, sorted (the local instance fires these). */
export function registeredSchedules(): { expression: string; timeoutMs?: number }[] {
  const seen = new Map<string, number | undefined>();
  for (const r of registrations) if (!seen.has(r.expression)) seen.set(r.expression, r.timeoutMs);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([expression, timeoutMs]) => ({ expression, timeoutMs }));
}

export function resetSchedules(): void {
  registrations.length = 0;
  middleware.length = 0;
}

export const schedule: ScheduleInterface = {
  every: register("rate"),
  rate: register("rate"),
  cron: register("cron"),
  use(fn: ScheduleMiddleware): void {
    middleware.push(fn);
  },
};

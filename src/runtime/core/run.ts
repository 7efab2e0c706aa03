/**
 * Runs the handlers one delivery reaches. All run (one failure does not
 * starve the others); if any failed, the delivery fails with the first
 * error, so the platform retries it (handlers must be idempotent: delivery
 * is at least once anyway).
 */
import { logError } from "./config";

export async function runAll(what: string, tasks: (() => unknown)[]): Promise<void> {
  const results = await Promise.allSettled(tasks.map(async (task) => task()));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failures.length === 0) return;
  for (const failure of failures) logError(`${what} failed`, failure.reason);
  const first: unknown = failures[0].reason;
  throw first instanceof Error ? first : new Error(`${what} failed: ${String(first)}`);
}

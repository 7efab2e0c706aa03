/**
 * `logs.retain(n, unit)`: log retention is a compile-time setting (the
 * analyzer reads the call; synth sets the log groups). At run time it only
 * checks its arguments, so a typo fails in tests rather than silently.
 */
import type { LogsInterface, RetentionUnit } from "./types";

const UNITS: readonly RetentionUnit[] = ["day", "days", "week", "weeks", "month", "months", "year", "years"];

export const logs: LogsInterface = {
  retain(amount: number, unit: RetentionUnit = "days"): void {
    if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`logs.retain: expected a positive whole number, got ${amount}`);
    if (!UNITS.includes(unit)) throw new RangeError(`logs.retain: unknown unit "${String(unit)}"`);
  },
};

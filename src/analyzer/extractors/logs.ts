/**
 * `logs.retain(n, unit)`: a compile-time setting, the log retention of every
 * function, normalised to days CloudWatch accepts (rounded up, never down:
 * keeping logs longer than asked is the safe side).
 *
 * Codes: IAC5021 arguments not static or invalid, IAC5022 rounded to a
 * CloudWatch value, IAC5023 set more than once.
 */
import ts = require("typescript");
import type { SourceLocation } from "../../graph";
import type { Extractor } from "../context";
import { staticNumber, staticString } from "../values";
import { ANALYZER_CODES } from "../codes";

const { isCallExpression } = ts;

export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const DAYS_PER_UNIT: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, year: 365, years: 365 };

export function createLogsExtractor(): Extractor {
  let first: SourceLocation | undefined;
  return {
    area: "logs",
    isRegistration: () => false,
    use(site, ctx) {
      if (site.kind !== "call" || !isCallExpression(site.node) || site.path[1] !== "retain") return [];
      const call = site.node;
      const [nArg, unitArg] = call.arguments;
      const n = nArg ? staticNumber(nArg, ctx.resolver) : undefined;
      const unit = unitArg ? staticString(unitArg, ctx.resolver) : "days";
      const perUnit = unit === undefined ? undefined : DAYS_PER_UNIT[unit.trim().toLowerCase()];
      if (n === undefined || perUnit === undefined || !(n > 0)) {
        ctx.report(
          ANALYZER_CODES.logRetentionInvalid,
          "error",
          call,
          "logs.retain takes a positive number and a unit (days, weeks, months, years), both literals",
          { hint: 'e.g. logs.retain(30, "days")' },
        );
        return [];
      }
      if (first) {
        ctx.report(ANALYZER_CODES.logRetentionRepeated, "warning", call, "logs.retain is called more than once; the first call wins", {
          related: [{ message: "first set here", location: first }],
        });
        return [];
      }
      first = ctx.location(call);
      const wanted = n * perUnit;
      const days = CLOUDWATCH_RETENTION_DAYS.find((d) => d >= wanted) ?? CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
      if (days !== wanted) {
        ctx.report(ANALYZER_CODES.logRetentionRounded, "warning", call, `CloudWatch keeps logs for set periods: ${wanted} days becomes ${days}`, {
          hint: `use one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")} days`,
        });
      }
      ctx.info.logRetentionDays = days;
      return [];
    },
    resources: () => [],
  };
}

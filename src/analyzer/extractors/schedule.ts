/**
 * `schedule.every|rate(expr, [opts], handler)` and `schedule.cron(...)`:
 * validated and normalised to the AWS expression here, with the same pure
 * helper the runtime uses, so both agree on the dispatch key.
 *
 * Codes: IAC2001 expression not static, IAC2002 invalid rate, IAC2003
 * invalid cron, IAC2004 `*` in both day fields, IAC2005 no handler,
 * IAC2006 timeout not static, IAC2007 timeout above the limit.
 */
import { type ScheduleResource, TIMEOUTS } from "../../graph";
import { normalizeCron, normalizeRate } from "../../graph/schedule";
import { type Extractor, isTestingCall, splitHandlerArgs } from "../context";
import { staticString } from "../values";
import { readTimeout } from "../options";
import { ANALYZER_CODES } from "../codes";

export function createScheduleExtractor(): Extractor {
  const schedules: ScheduleResource[] = [];
  return {
    area: "schedule",
    isRegistration: (method) => method === "every" || method === "rate" || method === "cron",
    register(site, call, ctx) {
      const method = site.path[1];
      const [exprArg, ...rest] = call.arguments;
      if (!exprArg) return void ctx.report(ANALYZER_CODES.scheduleNotStatic, "error", call, `schedule.${method} needs an expression and a handler`);
      const { options, handlers } = splitHandlerArgs(rest, ctx.resolver);
      if (handlers.length === 0 && isTestingCall(call)) return;
      const source = staticString(exprArg, ctx.resolver);
      if (source === undefined) {
        return void ctx.report(ANALYZER_CODES.scheduleNotStatic, "error", exprArg, `the schedule expression of schedule.${method} is not a static string`, {
          hint: method === "cron" ? 'write it as a string literal, e.g. "0 12 * * ? *"' : 'write it as a string literal, e.g. "5 minutes"',
        });
      }
      const parsed = method === "cron" ? normalizeCron(source) : normalizeRate(source);
      if (!parsed.ok) {
        const fields = source.trim().split(/\s+/);
        const bothStars = method === "cron" && fields.length === 6 && fields[2] === "*" && fields[4] === "*";
        const code = bothStars ? ANALYZER_CODES.cronBothDays : method === "cron" ? ANALYZER_CODES.cronInvalid : ANALYZER_CODES.rateInvalid;
        return void ctx.report(
          code,
          "error",
          exprArg,
          parsed.message,
          parsed.suggestion ? { hint: `did you mean "${parsed.suggestion}"?`, fix: ctx.literalFix(exprArg, parsed.suggestion) } : {},
        );
      }
      if (handlers.length === 0) return void ctx.report(ANALYZER_CODES.scheduleWithoutHandler, "error", call, `schedule.${method}("${source}") has no handler`);
      const timeoutMs = readTimeout(
        options,
        TIMEOUTS.schedule.maxMs,
        "schedule",
        { notStatic: ANALYZER_CODES.scheduleTimeoutNotStatic, tooLong: ANALYZER_CODES.scheduleTimeoutTooLong },
        ctx,
      );
      const id = ctx.uniqueId(`schedule:${parsed.expression}`);
      const location = ctx.location(call);
      schedules.push({ kind: "schedule", id, expression: parsed.expression, source, handler: id, ...(timeoutMs !== undefined ? { timeoutMs } : {}), location });
      ctx.addHandler({ id, kind: "schedule", title: method === "cron" ? `cron ${source}` : `every ${source}`, location, roots: handlers });
    },
    resources: () => schedules,
  };
}

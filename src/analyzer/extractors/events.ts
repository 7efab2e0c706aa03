/**
 * `events.publish(name, [{ after }], body)` and `events.on(name, [opts],
 * handler)`. A publish with `after` needs the scheduler (publishDelayed).
 *
 * Codes: IAC5001 events.on name not static, IAC5002 no handler, IAC5003
 * publish name not static (a warning: any name may be sent), IAC5005
 * timeout not static, IAC5006 timeout above the limit.
 */
import ts = require("typescript");
import { type EventSubscriptionResource, type EventsResource, type SourceLocation, TIMEOUTS, type UsageScope } from "../../graph";
import { type Extractor, splitHandlerArgs } from "../context";
import { staticString } from "../values";
import { readTimeout } from "../options";
import { ANALYZER_CODES } from "../codes";

const { isCallExpression, isIdentifier, isPropertyAssignment, isShorthandPropertyAssignment, isSpreadAssignment } = ts;

export function createEventsExtractor(): Extractor {
  const published = new Set<string>();
  const subscriptions: EventSubscriptionResource[] = [];
  let delayed = false;
  let location: SourceLocation | undefined;

  return {
    area: "events",
    isRegistration: (method) => method === "on",
    use(site, ctx) {
      if (site.kind !== "call" || !isCallExpression(site.node) || site.path[1] !== "publish") return [];
      const call = site.node;
      location ??= ctx.location(call);
      const [nameArg, optsArg] = call.arguments;
      const name = nameArg ? staticString(nameArg, ctx.resolver) : undefined;
      const scope: UsageScope = {};
      if (name !== undefined) {
        scope.names = [name];
        published.add(name);
      } else {
        ctx.report(
          ANALYZER_CODES.publishedNameNotStatic,
          "warning",
          nameArg ?? call,
          "the event name is not a static string; the publishing functions may send any event",
          { hint: "write the name as a string literal" },
        );
      }
      // With three arguments the middle one is the options; unless it is a literal without `after`, assume a delay.
      let isDelayed = false;
      if (call.arguments.length >= 3 && optsArg) {
        const ref = ctx.resolver.expression(optsArg);
        isDelayed =
          ref.kind !== "object" ||
          ref.node.properties.some((p) => (isPropertyAssignment(p) || isShorthandPropertyAssignment(p)) && isIdentifier(p.name) && p.name.text === "after") ||
          ref.node.properties.some(isSpreadAssignment);
      }
      if (isDelayed) delayed = true;
      return [{ resource: "events", operation: isDelayed ? "publishDelayed" : "publish", scope }];
    },
    escape(site, ctx) {
      location ??= ctx.location(site.node);
      delayed = true;
      return {
        usages: [
          { resource: "events", operation: "publish", scope: {} },
          { resource: "events", operation: "publishDelayed", scope: {} },
        ],
        inferred: "publishing any event, delayed or not, for every function (events.on listeners registered through it are not found)",
      };
    },
    register(_site, call, ctx) {
      const [nameArg, ...rest] = call.arguments;
      const name = nameArg ? staticString(nameArg, ctx.resolver) : undefined;
      if (name === undefined) {
        return void ctx.report(ANALYZER_CODES.eventNameNotStatic, "error", nameArg ?? call, "the events.on name is not a static string", {
          hint: 'write it as a literal, e.g. "user.created"',
        });
      }
      const { options, handlers } = splitHandlerArgs(rest, ctx.resolver);
      if (handlers.length === 0) return void ctx.report(ANALYZER_CODES.eventListenerWithoutHandler, "error", call, `events.on("${name}") has no handler`);
      const timeoutMs = readTimeout(
        options,
        TIMEOUTS.events.maxMs,
        "event handler",
        { notStatic: ANALYZER_CODES.eventListenerTimeoutNotStatic, tooLong: ANALYZER_CODES.eventListenerTimeoutTooLong },
        ctx,
      );
      const id = ctx.uniqueId(`event:${name}`);
      const loc = ctx.location(call);
      location ??= loc;
      subscriptions.push({ kind: "event-subscription", id, name, handler: id, ...(timeoutMs !== undefined ? { timeoutMs } : {}), location: loc });
      ctx.addHandler({ id, kind: "event", title: `on ${name}`, location: loc, roots: handlers });
    },
    resources() {
      if (!location) return [];
      const events: EventsResource = { kind: "events", id: "events", location, published: [...published].sort(), delayed };
      return [events, ...subscriptions];
    },
  };
}

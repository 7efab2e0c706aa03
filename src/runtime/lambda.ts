/**
 * The Lambda entry: every deployed function re-exports this `handler` after
 * importing the app's entry module (which registers the app's handlers).
 *
 * Input: any event Lambda delivers to an iac function. Dispatch is by
 * content: an API Gateway HTTP API 2.0 request goes to the Express app; a
 * schedule rule's `{"iac":"schedule","expression"}` to the schedules with
 * that expression; an EventBridge event from `iac.<app>` to `events.on`
 * subscribers of its detail-type; DynamoDB stream records to `data.on`;
 * S3 notification records to `storage.on`.
 * Output: the HTTP API response for requests; nothing for background work.
 * Invariants: backends come from the environment, once per container, and
 * the stage's params are loaded during init (started by the bundle's first
 * module, `adapters/lambda/preload.ts`, awaited by `prepareLambda`), which
 * the bundle awaits before it evaluates any app module, so `params.X` is
 * synchronous at module load and in handlers: only the params the
 * function's code reads (`IAC_PARAMS_NAMES`), or the stage's whole path
 * where a read is computed; when synth found no params read by the
 * function's code it sets `IAC_PARAMS_PRELOAD=false`: then no SSM call at
 * all, and a read the analyzer missed fails loudly instead of answering
 * `undefined`; a background handler's error fails the
 * invocation (the platform retries, then dead-letters); an HTTP handler's
 * error is a 500 response, never a failed invocation.
 */
// First: stack traces map to the app's sources from here on (no --enable-source-maps on Lambda).
import "./adapters/lambda/stacks-install";
import { classifyEvent } from "./adapters/lambda/shapes";
import { handleHttpEvent } from "./adapters/lambda/http";
import { configureFromEnvironment, takeInitialParamsLoad, type LambdaContextLike } from "./adapters/lambda/setup";
import { dispatchEvent } from "./core/events";
import { loadParams } from "./core/params";
import { dispatchSchedule } from "./core/schedule";
import { runtimeConfig } from "./core/config";
import { dispatchDataStream } from "./data";
import { dispatchStorageNotifications } from "./storage";
import { startFramework } from "./frameworks";
import * as sdk from "./index";

/**
 * Init, before the app's modules: the bundle's generated init module awaits
 * this at top level. A failed params load fails the init (Lambda reports it
 * and starts the container again), as an app whose module throws at load.
 */
export async function prepareLambda(): Promise<void> {
  configureFromEnvironment(undefined);
  // Started by the bundle's first module (adapters/lambda/preload.ts) when the bundle has one.
  await (takeInitialParamsLoad() ?? preloadParams());
  // The HTTP function of a web-framework app: its server is ready before the first request (frameworks/).
  await startFramework(sdk);
}

function preloadParams(): Promise<unknown> | undefined {
  return runtimeConfig().params && process.env.IAC_PARAMS_PRELOAD !== "false" ? loadParams() : undefined;
}

export async function handler(event: unknown, context?: LambdaContextLike): Promise<unknown> {
  configureFromEnvironment(context);
  // Already loaded at init in a bundle; a custom entry (or a test) that skipped init loads here.
  await preloadParams();
  const classified = classifyEvent(event);
  if (!classified) throw new Error(`iac runtime: unrecognised Lambda event ${JSON.stringify(event).slice(0, 200)}`);
  switch (classified.kind) {
    case "http":
      return handleHttpEvent(classified.event);
    case "schedule":
      await dispatchSchedule(classified.event.expression);
      return undefined;
    case "event": {
      const { source, detail } = classified.event;
      const expected = process.env.IAC_APP ? `iac.${process.env.IAC_APP}` : undefined;
      if (expected && source !== expected) throw new Error(`iac runtime: event from "${source}", expected "${expected}"`);
      await dispatchEvent({ id: detail.id, name: classified.event["detail-type"], body: detail.body, time: detail.time, delay: detail.delay ?? 0 });
      return undefined;
    }
    case "dynamodb":
      await dispatchDataStream(classified.event.Records);
      return undefined;
    case "s3":
      await dispatchStorageNotifications(classified.event.Records);
      return undefined;
    default: {
      const never: never = classified;
      throw new Error(`unhandled event kind ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The public types of the SDK surface that apps import (`iac`,
 * `@serverless/cloud`), except data and storage, which live with their
 * backends in `../data` and `../storage`. Types only: no runtime code, so
 * importing them costs nothing at cold start.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import type { IncomingMessage, RequestListener, ServerResponse } from "http";

export type { NextFunction, Request, Response };

/** Anything Express accepts as a handler: plain, error (arity 4) or a nested array. */
export type RouteHandler = RequestHandler | ErrorRequestHandler | RouteHandler[];

/** `{ timeout }` in milliseconds, given before the handlers. */
export interface RouteOptions {
  timeout?: number;
}

/** What `api.<method>(url).invoke()` answers: the response as a test sees it. */
export interface InvokeResult {
  status: number;
  /** Parsed JSON when the response is JSON, else text; a Buffer for binary types. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface InvokeOptions {
  headers?: Record<string, string>;
}

/** Returned by every route registration, and by `api.get(url)` with no handler (the testing form). */
export interface RouteHandle {
  invoke(body?: unknown, options?: InvokeOptions): Promise<InvokeResult>;
}

// Overloads in Express's own order: plain handlers first so that inline
// arrow functions get `req`/`res`/`next` types from context; mixed lists
// (error handlers, arrays) after.
export interface RouteRegistrar {
  (path: string, ...handlers: RequestHandler[]): RouteHandle;
  (path: string, options: RouteOptions, ...handlers: RequestHandler[]): RouteHandle;
  (path: string, ...handlers: RouteHandler[]): RouteHandle;
  (path: string, options: RouteOptions, ...handlers: RouteHandler[]): RouteHandle;
}

export interface StaticOptions {
  /** URL prefix the folder is served under; `/` by default. */
  path?: string;
}

export interface ApiInterface {
  get: RouteRegistrar;
  post: RouteRegistrar;
  put: RouteRegistrar;
  patch: RouteRegistrar;
  delete: RouteRegistrar;
  all: RouteRegistrar;
  options: RouteRegistrar;
  head: RouteRegistrar;
  /** POST and PUT with multipart file parsing (`req.files`). */
  upload: RouteRegistrar;
  use(...handlers: RequestHandler[]): void;
  use(path: string, ...handlers: RequestHandler[]): void;
  use(...handlers: RouteHandler[]): void;
  use(path: string, ...handlers: RouteHandler[]): void;
  /** Serves a folder, relative to the app's root unless absolute. */
  static(dir: string, options?: StaticOptions): void;
  /** Middleware that guarantees `req.rawBody` (a Buffer) for the routes it precedes. */
  rawBody: RequestHandler;
  /** The JSON body limit, e.g. `"1mb"` or a byte count; never above the 6 MB API limit. */
  setJsonSizeLimit(limit: string | number): void;
}

/** A Koa app (anything with `callback()`), or a Node listener such as an Express or Connect app. */
export type MountableApp = RequestListener | ((req: IncomingMessage, res: ServerResponse) => void) | { callback(): RequestListener };

export interface HttpInterface {
  use(app: MountableApp): void;
  on(status: 404, file: string): void;
  static(root: string): void;
}

export interface ScheduleOptions {
  timeout?: number;
}

/** What a schedule handler receives. */
export interface ScheduleEvent {
  /** The normalised AWS expression, e.g. `rate(1 hour)`. */
  expression: string;
  /** ISO time of the run. */
  time: string;
}

export type ScheduleHandler = (event: ScheduleEvent) => unknown;
export type ScheduleMiddleware = (event: ScheduleEvent, next: () => Promise<void>) => unknown;

/** Returned by schedule and event registrations: `invoke()` runs the registered handlers. */
export interface HandlerHandle<Input> {
  invoke(input?: Input): Promise<void>;
}

export interface ScheduleRegistrar {
  (expression: string, options: ScheduleOptions, handler: ScheduleHandler): HandlerHandle<Partial<ScheduleEvent>>;
  (expression: string, handler?: ScheduleHandler): HandlerHandle<Partial<ScheduleEvent>>;
}

export interface ScheduleInterface {
  every: ScheduleRegistrar;
  rate: ScheduleRegistrar;
  cron: ScheduleRegistrar;
  use(middleware: ScheduleMiddleware): void;
}

/** Milliseconds from now, an epoch in ms, an ISO date string, a Date, or `"<n> <unit>"`. */
export type After = number | string | Date;

export interface PublishOptions {
  after?: After;
}

export interface PublishResult {
  id: string;
  name: string;
  /** When `publish` was called, in epoch milliseconds (as `events.on` handlers get it). */
  time: number;
  /** Milliseconds until delivery (0 when immediate). */
  delay: number;
}

/** What an `events.on` handler receives. */
export interface CloudEvent<Body = unknown> {
  id: string;
  name: string;
  body: Body;
  /** When `publish` was called, in epoch milliseconds (apps compute `Date.now() - event.time`). */
  time: number;
  delay: number;
}

export interface EventOptions {
  timeout?: number;
}

export type EventHandler = (event: CloudEvent) => unknown;

/** What a test may give an `events.on` handle's `invoke()`: any part of the event, its time as epoch ms or an ISO date. */
export type InvokeEvent = Partial<Omit<CloudEvent, "time">> & { time?: number | string };

export interface EventsInterface {
  publish(name: string, body?: unknown): Promise<PublishResult>;
  publish(name: string, options: PublishOptions, body: unknown): Promise<PublishResult>;
  on(name: string, handler: EventHandler): HandlerHandle<InvokeEvent>;
  on(name: string, options: EventOptions, handler: EventHandler): HandlerHandle<InvokeEvent>;
  /** The testing form: `events.on(name).invoke({ body })` runs the app's handlers of `name`. */
  on(name: string): HandlerHandle<InvokeEvent>;
}

/** `params.NAME`: a string when set for the stage. Reserved names are always set. */
export interface ParamsInterface {
  readonly APP_NAME: string;
  readonly INSTANCE_NAME: string;
  /** The app's owner: package.json `"iac": { "org" }`, else its npm scope, else the app's name. */
  readonly ORG_NAME: string;
  readonly CLOUD_URL: string;
  readonly [name: string]: string;
}

export type RetentionUnit = "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years";

export interface LogsInterface {
  /** Log retention of the app's functions: read by the compiler, a no-op at run time. */
  retain(amount: number, unit?: RetentionUnit): void;
}

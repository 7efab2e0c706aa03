/**
 * The last middleware of the app: whatever error no app middleware handled.
 * Client errors that carry a status (body-parser's 400 for malformed JSON,
 * 413 for a body over the limit) keep it; anything else is a 500 with a JSON
 * body, and the error with its stack goes to the log. The process never
 * crashes and the invocation never fails because of a handler's error.
 * A handler that answers after its route's timeout already answered 504
 * gets Node's ERR_HTTP_HEADERS_SENT; that is said as one plain line, not a
 * stack, since the cause is the timeout, not the line that threw.
 */
import type { ErrorRequestHandler, Response } from "express";
import { STATUS_CODES } from "http";
import { logError, logLine, runtimeConfig } from "../config";
import { sendErrorPage } from "./error-pages";

/** Responses the route timeout answered (504), with the timeout in ms. */
const timedOut = new WeakMap<Response, number>();

export function markTimedOut(res: Response, ms: number): void {
  timedOut.set(res, ms);
}

/** The timeout in ms when the route timeout answered `res`; the local instance asks, to flag writes made after it (src/local/late-writes.ts). */
export function timedOutAfter(res: object): number | undefined {
  return timedOut.get(res as Response);
}

export const finalErrorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const timeoutMs = timedOut.get(res);
  if (timeoutMs !== undefined && isHeadersSent(err)) {
    logLine(
      `${req.method} ${req.originalUrl}: the handler answered after its ${timeoutMs} ms timeout; the client had already received 504 Gateway Timeout, so this answer was dropped (answer sooner, or give the route a longer timeout: api.get(path, { timeout: ms }, handler), at most 29 s)`,
    );
    return;
  }
  const status = statusOf(err);
  if (status >= 500) logError(`${req.method} ${req.originalUrl} failed`, err);
  if (res.headersSent) {
    // Too late for an error page: end what was started so the client is not left hanging.
    res.end();
    return;
  }
  if (status >= 500 && sendErrorPage(req, res, 500)) return;
  const exposed = status < 500 ? exposedMessage(err) : runtimeConfig().exposeErrors ? messageOf(err) : undefined;
  res.status(status).json({ error: STATUS_CODES[status] ?? "Error", ...(exposed ? { message: exposed } : {}) });
};

function isHeadersSent(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "ERR_HTTP_HEADERS_SENT";
}

function statusOf(err: unknown): number {
  if (typeof err !== "object" || err === null) return 500;
  const status: unknown = "status" in err ? err.status : "statusCode" in err ? err.statusCode : undefined;
  return typeof status === "number" && status >= 400 && status <= 599 ? status : 500;
}

/** http-errors (body-parser's) mark messages safe for clients with `expose`. */
function exposedMessage(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "expose" in err && err.expose === true) return messageOf(err);
  return undefined;
}

function messageOf(err: unknown): string | undefined {
  return err instanceof Error ? err.message : typeof err === "string" ? err : undefined;
}

import type { NextFunction, Request, Response } from "iac";

/** An error that carries the HTTP status the client should see. */
/** The 4xx status an error carries (`status` or `statusCode`, as Express reads them), if any. */
function clientStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const status = "status" in err ? err.status : "statusCode" in err ? err.statusCode : undefined;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Error middleware (four arguments, so Express treats it as such): known
 * errors become their status; a client error raised on the way in (a body
 * that is not JSON or is too large: body-parser's 400 and 413, a key too
 * long: the SDK's 400) keeps its status; anything else a 500 without
 * internals.
 */
export function handleErrors(err: unknown, req: Request, res: Response, _next: NextFunction) {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  const status = clientStatus(err);
  if (status !== undefined) {
    res.status(status).json({ error: err instanceof Error ? err.message : "Bad request" });
    return;
  }
  console.error(`${req.method} ${req.path} failed`, err);
  res.status(500).json({ error: "Something went wrong" });
}

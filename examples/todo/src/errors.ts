import type { NextFunction, Request, Response } from "iac";

/** An error that carries the HTTP status the client should see. */
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
 * errors become their status, anything else a 500 without internals.
 */
export function handleErrors(err: unknown, req: Request, res: Response, _next: NextFunction) {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  console.error(`${req.method} ${req.path} failed`, err);
  res.status(500).json({ error: "Something went wrong" });
}

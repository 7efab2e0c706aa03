/**
 * `static/404.html` and `static/500.html` replace the default error pages
 * (the contract's "Static assets"). With an API behind the same URL the CDN
 * cannot do it (its error pages would also replace the API's JSON errors),
 * so the HTTP function serves them: only to clients that prefer HTML (a
 * browser navigating), never to API clients, which keep JSON.
 */
import { existsSync } from "fs";
import { join } from "path";
import type { Request, RequestHandler, Response } from "express";
import { staticRoot } from "../config";

function prefersHtml(req: Request): boolean {
  return req.accepts(["json", "html"]) === "html";
}

/** Sends `static/<status>.html` with that status when it exists and the client wants HTML; false otherwise. */
export function sendErrorPage(req: Request, res: Response, status: 404 | 500): boolean {
  // The file first: without one, content negotiation (which loads Express on the lean path, lean.ts) is not needed.
  const file = join(staticRoot(), `${status}.html`);
  if (!existsSync(file)) return false;
  if (!prefersHtml(req)) return false;
  res.status(status);
  res.sendFile(file, (err) => {
    if (err && !res.headersSent) res.status(status).type("text").send(`${status}`);
  });
  return true;
}

/** The last stop for a request nothing matched. */
export const notFoundPage: RequestHandler = (req, res, next) => {
  if (!sendErrorPage(req, res, 404)) next();
};

/**
 * Astro's server in the HTTP function: `dist/server/entry.mjs` (an ES
 * module; the integration from `iac/astro` sets `@astrojs/node` in
 * middleware mode), imported during init so the first request finds its
 * manifest and renderers loaded. Its `handler` is a Connect-style
 * `(req, res, next)` middleware that renders pages and endpoints; what it
 * passes on is a 404 (middlewareHandler).
 */
import type { RequestListener } from "http";
import * as path from "path";
import { importHandler, middlewareHandler } from "./middleware";

export async function loadAstroServer(serverDir: string): Promise<RequestListener> {
  process.env.NODE_ENV ??= "production";
  return middlewareHandler("Astro", await importHandler(path.join(serverDir, "entry.mjs"), "Astro"));
}

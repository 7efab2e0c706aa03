/**
 * SvelteKit's server in the HTTP function: adapter-node's `build/handler.js`
 * (an ES module; `withCloud` sets the adapter), imported during init. Its
 * top level initialises SvelteKit's server (the app's `init` hook
 * included), so the first request finds it ready. Its `handler` is a
 * Connect-style `(req, res, next)` middleware: it serves `build/client`
 * and the prerendered pages from the function's copy (the CDN serves them
 * first), then renders. A request it passes on (`next()`) is a 404.
 */
import type { RequestListener } from "http";
import * as path from "path";
import { importHandler, middlewareHandler } from "./middleware";

export async function loadSvelteKitServer(serverDir: string): Promise<RequestListener> {
  // adapter-node's own default, which its server reads at start-up.
  process.env.NODE_ENV ??= "production";
  return middlewareHandler("SvelteKit", await importHandler(path.join(serverDir, "handler.js"), "SvelteKit"));
}

/**
 * SvelteKit's server in the HTTP function: adapter-node's `build/handler.js`
 * (an ES module; `withCloud` sets the adapter), imported during init. Its
 * top level initialises SvelteKit's server (the app's `init` hook
 * included), so the first request finds it ready. Its `handler` is a
 * Connect-style `(req, res, next)` middleware: it serves `build/client`
 * and the prerendered pages from the function's copy (the CDN serves them
 * first), then renders. A request it passes on (`next()`) is a 404.
 */
import * as fs from "fs";
import type { IncomingMessage, RequestListener, ServerResponse } from "http";
import * as path from "path";
import { pathToFileURL } from "url";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A `(req, res, next)` middleware as the HTTP function's framework handler: what it passes on is a 404, what it throws a 500. */
export function middlewareHandler(title: string, middleware: Middleware): RequestListener {
  return (req, res) => {
    const next = (error?: unknown): void => {
      if (res.headersSent) return void res.end();
      res.statusCode = error === undefined ? 404 : 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(error === undefined ? "Not Found" : "Internal Server Error");
      if (error !== undefined) console.error(`iac runtime: ${title} failed to handle`, req.url, error);
    };
    try {
      middleware(req, res, next);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Node's own `import()`: the function's bundle turns a literal `import()`
 * into `require()` (synth/bundle.ts), and `require` cannot load an ES
 * module with top-level await, as the frameworks' server entries are; a
 * fixed source in a Function keeps the `import()` for Node itself.
 */
const importModule = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;

/** The `handler` export of an ES module the framework's build left, imported by its file URL. */
export async function importHandler(file: string, title: string): Promise<Middleware> {
  if (!fs.existsSync(file)) throw new Error(`iac runtime: ${file} is missing: the ${title} build's server is not in the function's code`);
  const loaded: unknown = await importModule(pathToFileURL(file).href);
  const handler = isRecord(loaded) ? loaded.handler : undefined;
  if (typeof handler !== "function") throw new Error(`iac runtime: ${file} exports no handler`);
  return handler as Middleware;
}

export async function loadSvelteKitServer(serverDir: string): Promise<RequestListener> {
  // adapter-node's own default, which its server reads at start-up.
  process.env.NODE_ENV ??= "production";
  return middlewareHandler("SvelteKit", await importHandler(path.join(serverDir, "handler.js"), "SvelteKit"));
}

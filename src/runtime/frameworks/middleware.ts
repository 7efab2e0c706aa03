/**
 * Frameworks whose server build is an ES module exporting a Connect-style
 * `(req, res, next)` `handler` (SvelteKit's adapter-node, Astro's
 * `@astrojs/node` in middleware mode): imported by Node itself during init,
 * and served as the HTTP function's framework handler.
 */
import * as fs from "fs";
import type { IncomingMessage, RequestListener, ServerResponse } from "http";
import { pathToFileURL } from "url";

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The frameworks' handler is a plain function of (req, res, next): nothing more can be checked before calling it. */
function isMiddleware(value: unknown): value is Middleware {
  return typeof value === "function";
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
const nodeImport: unknown = new Function("url", "return import(url)");

export async function importModule(url: string): Promise<unknown> {
  if (typeof nodeImport !== "function") throw new Error("iac runtime: no import() to load the framework's server with");
  const loaded: unknown = await Reflect.apply(nodeImport, undefined, [url]);
  return loaded;
}

/** The `handler` export of an ES module the framework's build left, imported by its file URL. */
export async function importHandler(file: string, title: string): Promise<Middleware> {
  if (!fs.existsSync(file)) throw new Error(`iac runtime: ${file} is missing: the ${title} build's server is not in the function's code`);
  const loaded: unknown = await importModule(pathToFileURL(file).href);
  const handler = isRecord(loaded) ? loaded.handler : undefined;
  if (!isMiddleware(handler)) throw new Error(`iac runtime: ${file} exports no handler`);
  return handler;
}

/**
 * Next.js's server in the HTTP function: the standalone output `next build`
 * left (with `withCloud`), loaded from its own folder with its own traced
 * node_modules, through Next's documented custom-server API
 * (`next({ dev: false, dir, conf })`, `prepare()`, `getRequestHandler()`),
 * or on Next 12 the `NextServer` its own standalone server.js constructs. The config is the one the build resolved
 * (`.next/required-server-files.json`), so next.config.js is never loaded
 * on Lambda.
 */
import * as fs from "fs";
import type { RequestListener } from "http";
import { createRequire } from "module";
import * as path from "path";

interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): (req: unknown, res: unknown) => Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isNextApp(value: unknown): value is NextApp {
  return isRecord(value) && typeof value.prepare === "function" && typeof value.getRequestHandler === "function";
}

function defaultExport(loaded: unknown): unknown {
  return isRecord(loaded) && typeof loaded.default === "function" ? loaded.default : loaded;
}

/**
 * `next(options)` where the standalone output traced it (13.4 and later
 * trace `next` itself), else the `NextServer` class Next 12's own
 * standalone server.js constructs (it traces only `next/dist/server/next-server`).
 */
function createServer(requireFromServer: NodeJS.Require, options: Record<string, unknown>): unknown {
  let hasFactory = true;
  try {
    requireFromServer.resolve("next");
  } catch {
    hasFactory = false;
  }
  if (hasFactory) {
    const factory = defaultExport(requireFromServer("next"));
    if (typeof factory !== "function") throw new Error("iac runtime: the standalone server's next does not export Next's server factory");
    return factory(options);
  }
  const NextServer = defaultExport(requireFromServer("next/dist/server/next-server"));
  if (typeof NextServer !== "function") throw new Error("iac runtime: the standalone server's next/dist/server/next-server does not export NextServer");
  return Reflect.construct(NextServer, [options]);
}

export async function loadNextServer(serverDir: string): Promise<RequestListener> {
  const files: unknown = JSON.parse(fs.readFileSync(path.join(serverDir, ".next", "required-server-files.json"), "utf8"));
  const conf = isRecord(files) && isRecord(files.config) ? files.config : {};
  // As Next's own standalone server.js does before loading Next: React and Next run their production builds.
  process.env.NODE_ENV ??= "production";
  // Next 13.4+ reads the resolved config from here in a standalone server instead of loading next.config.js.
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  const options = { dev: false, dir: serverDir, conf, customServer: false, hostname: "localhost", port: 3000 };
  const app = createServer(createRequire(path.join(serverDir, "server.js")), options);
  if (!isNextApp(app)) throw new Error("iac runtime: next() did not return a server with prepare() and getRequestHandler()");
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end();
      console.error("iac runtime: Next.js failed to handle", req.url, error);
    });
  };
}

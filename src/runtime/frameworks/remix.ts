/**
 * Remix's server in the HTTP function: the server build `remix vite:build`
 * left (`build/server/index.js`, an ES module with its packages inlined,
 * wrappers/remix.ts), imported during init. The build also exports
 * `@remix-run/node`'s `createRequestHandler` and stream helpers (the
 * plugin adds them), so the request handler is Remix's own, made here from
 * the build as `@remix-run/express` makes it: the Node request becomes a
 * Fetch `Request` (body streamed, aborted when the client goes), Remix's
 * `Response` is written back, each `Set-Cookie` on its own line.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "http";
import * as fs from "fs";
import * as path from "path";
import { Readable, Writable } from "stream";
import { pathToFileURL } from "url";
import { importModule } from "./middleware";

type Handle = (request: Request, loadContext?: unknown) => Promise<Response>;

interface RemixBuild {
  __iacCreateRequestHandler: (build: unknown, mode?: string) => Handle;
  __iacReadableStream: (stream: Readable) => ReadableStream<Uint8Array>;
  __iacWriteStream: (stream: ReadableStream<Uint8Array>, writable: Writable) => Promise<void>;
}

function isRemixBuild(value: unknown): value is RemixBuild {
  return (
    typeof value === "object" &&
    value !== null &&
    "__iacCreateRequestHandler" in value &&
    typeof value.__iacCreateRequestHandler === "function" &&
    "__iacReadableStream" in value &&
    typeof value.__iacReadableStream === "function" &&
    "__iacWriteStream" in value &&
    typeof value.__iacWriteStream === "function"
  );
}

function requestOf(req: IncomingMessage, res: ServerResponse, build: RemixBuild): Request {
  const forwarded = req.headers["x-forwarded-proto"];
  const protocol = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || "https";
  const url = new URL(req.url ?? "/", `${protocol}://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal: controller.signal };
  if (method !== "GET" && method !== "HEAD") {
    init.body = build.__iacReadableStream(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

async function send(response: Response, res: ServerResponse, build: RemixBuild): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (response.body) await build.__iacWriteStream(response.body, res);
  else res.end();
}

export async function loadRemixServer(serverDir: string): Promise<RequestListener> {
  process.env.NODE_ENV ??= "production";
  const file = path.join(serverDir, "index.js");
  if (!fs.existsSync(file)) throw new Error(`iac runtime: ${file} is missing: the Remix build's server is not in the function's code`);
  const build = await importModule(pathToFileURL(file).href);
  if (!isRemixBuild(build))
    throw new Error(`iac runtime: ${file} does not export Remix's request handler: is the plugin from @serverless/cloud/remix in vite.config.js?`);
  const handle = build.__iacCreateRequestHandler(build, "production");
  return (req, res) => {
    handle(requestOf(req, res, build))
      .then((response) => send(response, res, build))
      .catch((error: unknown) => {
        console.error("iac runtime: Remix failed to handle", req.url, error);
        if (res.headersSent) return void res.end();
        res.statusCode = 500;
        res.end();
      });
  };
}

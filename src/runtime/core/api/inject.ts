/**
 * Sends one request through a Node `(req, res)` listener with no socket and
 * no server: the request is a real `http.IncomingMessage` fed the body, the
 * response a real `http.ServerResponse` whose output is captured instead of
 * written. Express, Koa and Connect see exactly the objects a Node server
 * would give them.
 *
 * Why not light-my-request (installed, and the obvious choice): its
 * dependency `cookie@2` is ESM-only, and Jest on Node 20 cannot load it, so
 * every `invoke()` under `iac test` would fail to import. This file is the
 * small part of it we need, on the same Node primitives.
 */
import { IncomingMessage, ServerResponse, type IncomingHttpHeaders, type OutgoingHttpHeaders, type RequestListener } from "http";
import { Socket } from "net";

export interface InjectedRequest {
  method: string;
  /** Path and query string, e.g. `/todos?status=all`. */
  url: string;
  headers: IncomingHttpHeaders;
  payload?: Buffer | string;
  /** The client address `req.socket.remoteAddress` reports (API Gateway's `sourceIp`). */
  remoteAddress?: string;
}

export interface InjectedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

type WriteCallback = (error?: Error | null) => void;

/**
 * A ServerResponse that keeps what it is given; headers freeze on the first
 * write, as on a socket. The overrides are own properties, not a subclass:
 * Express swaps the prototype of `res` for its own, which would drop them.
 */
function captureResponse(req: IncomingMessage, onDone: (response: InjectedResponse) => void): ServerResponse {
  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  // As on the wire: no body for HEAD, 204 and 304.
  const carriesBody = (): boolean => req.method !== "HEAD" && res.statusCode !== 204 && res.statusCode !== 304;

  res.write = (chunk: unknown, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
    if (!res.headersSent) res.writeHead(res.statusCode);
    const encoding = typeof encodingOrCallback === "string" ? encodingOrCallback : "utf8";
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (carriesBody()) chunks.push(toBuffer(chunk, encoding));
    if (done) process.nextTick(done);
    return true;
  };

  res.end = (chunkOrCallback?: unknown, encodingOrCallback?: BufferEncoding | (() => void), callback?: () => void): ServerResponse => {
    if (res.writableEnded) return res;
    const done = [chunkOrCallback, encodingOrCallback, callback].find((a): a is () => void => typeof a === "function");
    if (chunkOrCallback !== undefined && chunkOrCallback !== null && typeof chunkOrCallback !== "function") {
      res.write(chunkOrCallback, typeof encodingOrCallback === "string" ? encodingOrCallback : "utf8");
    }
    if (!res.headersSent) res.writeHead(res.statusCode);
    // No socket will flush and report: mark the response ended and emit what a server would.
    res.finished = true;
    onDone({ status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) });
    res.emit("finish");
    if (done) process.nextTick(done);
    process.nextTick(() => res.emit("close"));
    return res;
  };
  return res;
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, encoding);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), encoding);
}

export function inject(listener: RequestListener, request: InjectedRequest): Promise<InjectedResponse> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    // An unconnected socket has no peer; report the client's address like a server's socket would.
    Object.defineProperty(socket, "remoteAddress", { value: request.remoteAddress ?? "127.0.0.1" });
    const req = new IncomingMessage(socket);
    req.method = request.method.toUpperCase();
    req.url = request.url;
    req.httpVersion = "1.1";
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    const body = request.payload === undefined ? undefined : Buffer.from(request.payload);
    const headers: IncomingHttpHeaders = { ...request.headers };
    if (body && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) {
      headers["content-length"] = String(body.length);
    }
    req.headers = headers;
    req.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
      Array.isArray(value) ? value.flatMap((v) => [name, v]) : value === undefined ? [] : [name, value],
    );
    if (body && body.length > 0) req.push(body);
    req.push(null);
    req.complete = true;
    const res = captureResponse(req, resolve);
    try {
      listener(req, res);
    } catch (error) {
      reject(error);
    }
  });
}

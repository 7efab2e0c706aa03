/**
 * The app's routes on Express's own Router, without evaluating the rest of
 * Express until a request needs it. Why: on Lambda, evaluating Express 4
 * (its request and response modules pull in send with mime's table,
 * body-parser, http-errors, accepts, proxy-addr, qs...) was most of the
 * cold start iac adds to a hand-written handler, though a typical request
 * uses little of it. What stays the same is everything a request can see:
 *
 * - routing is Express's Router (`express/lib/router`), built as an Express
 *   app builds its own (not case sensitive, not strict), preceded by the
 *   query and init steps an Express app adds (query.ts parses as qs does);
 * - `req` and `res` get prototypes that answer the members a typical
 *   request uses (`req.get`/`header`, `req.path`; `res.status`, `set`,
 *   `header`, `get`, `type`, `send`, `json`, `sendStatus`) with Express
 *   4.22's own code for the forms it meets often, and hand every other form
 *   to Express;
 * - the first touch of any other Express member (`req.ip`, `req.accepts`,
 *   `res.cookie`, `res.redirect`, `req.app`...) loads Express, gives this
 *   request and its response Express's own prototypes (from an Express app
 *   configured as app.ts configures one) and answers from them; from then
 *   on the pair is an ordinary Express request.
 *
 * app.ts takes this path only for apps whose HTTP surface is `api`
 * registrations (no `http.use` mount, no framework, no static folder, no
 * Express app passed to `api.use`, which Express would mount with settings
 * inherited from its parent). The HTTP conformance statements run on both
 * paths (test/conformance/lean-path.test.ts), and test/runtime/core/lean.test.ts
 * compares the two paths' raw answers.
 */
import { IncomingMessage, ServerResponse, type RequestListener } from "http";
import type { Express, Request, Response } from "express";
import { parseQuery } from "./query";

interface ExpressRouter {
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
  handle(req: IncomingMessage, res: ServerResponse, done: (err?: unknown) => void): void;
  use(...args: unknown[]): ExpressRouter;
}
type RouterFactory = (options: { caseSensitive: boolean; strict: boolean }) => ExpressRouter;
type FinalHandler = (req: IncomingMessage, res: ServerResponse, options: { env: string; onerror: (err: unknown) => void }) => (err?: unknown) => void;
type ParseUrl = (req: IncomingMessage) => { pathname: string | null; query: string | null } | undefined;

type ETag = (entity: Buffer, options: { weak: boolean }) => string;
type Fresh = (reqHeaders: object, resHeaders: object) => boolean;
type ContentType = {
  parse(type: string): { type: string; parameters: Record<string, string> };
  format(parsed: { type: string; parameters: Record<string, string> }): string;
};
/**
 * The packages this path uses, required (an ES import of a CommonJS module
 * would copy its exports, touching every one) when the first lean app is
 * made: an app served by an Express app never evaluates them.
 */
let parts: { Router: RouterFactory; parseurl: ParseUrl; etag: ETag; fresh: Fresh; contentType: ContentType } | undefined;
function leanParts(): NonNullable<typeof parts> {
  return (parts ??= {
    Router: require("express/lib/router") as RouterFactory,
    parseurl: require("parseurl") as ParseUrl,
    etag: require("etag") as ETag,
    fresh: require("fresh") as Fresh,
    contentType: require("content-type") as ContentType,
  });
}

// Loaded when first needed: a request nothing answers (finalhandler), `res.sendStatus` (statuses).
let finalhandler: FinalHandler | undefined;
let statuses: { message: Record<number, string | undefined> } | undefined;

/** An Express app set up as every app iac serves is: no X-Powered-By; client address and scheme from X-Forwarded-*. */
export function newExpressApp(): Express {
  const express = require("express") as typeof import("express");
  const app = express();
  app.disable("x-powered-by");
  // Requests arrive through API Gateway (and a CDN): client IP and scheme are in X-Forwarded-*.
  app.set("trust proxy", true);
  return app;
}

let full: Express | undefined;
/** The Express app whose prototypes a request takes when it needs more than this file answers. */
function fullApp(): Express {
  return (full ??= newExpressApp());
}

/** Express's own members of its request and response prototypes (Express 4.22), answered here or by loading Express. */
export const EXPRESS_REQUEST_MEMBERS = [
  "get",
  "header",
  "accepts",
  "acceptsEncodings",
  "acceptsEncoding",
  "acceptsCharsets",
  "acceptsCharset",
  "acceptsLanguages",
  "acceptsLanguage",
  "range",
  "param",
  "is",
  "protocol",
  "secure",
  "ip",
  "ips",
  "subdomains",
  "path",
  "hostname",
  "host",
  "fresh",
  "stale",
  "xhr",
] as const;
export const EXPRESS_RESPONSE_MEMBERS = [
  "status",
  "links",
  "send",
  "json",
  "jsonp",
  "sendStatus",
  "sendFile",
  "sendfile",
  "download",
  "contentType",
  "type",
  "format",
  "attachment",
  "append",
  "set",
  "header",
  "get",
  "clearCookie",
  "cookie",
  "location",
  "redirect",
  "vary",
  "render",
] as const;

/** The members Express defines as getters (request.js's `defineGetter`); the rest are methods. */
export const EXPRESS_ACCESSORS = ["protocol", "secure", "ip", "ips", "subdomains", "path", "hostname", "host", "fresh", "stale", "xhr"] as const;

const leanRequest: object = Object.create(IncomingMessage.prototype);
const leanResponse: object = Object.create(ServerResponse.prototype);

type LeanReq = IncomingMessage & { res?: LeanRes; query?: unknown; next?: unknown };
type LeanRes = ServerResponse & {
  req: LeanReq;
  locals?: unknown;
  get(field: string): ReturnType<ServerResponse["getHeader"]>;
  set(field: string, value: unknown): LeanRes;
  type(type: string): LeanRes;
  json(body: unknown): LeanRes;
};

/**
 * Gives `target` (a request or a response on this path) and its partner
 * Express's prototypes; returns the prototype `target` now has.
 */
function upgrade(target: object): object {
  const app = fullApp();
  const proto = Object.getPrototypeOf(target) as object;
  if (proto === leanRequest || proto === leanResponse) {
    const req = (proto === leanRequest ? target : (target as LeanRes).req) as object | undefined;
    const res = (proto === leanResponse ? target : (target as LeanReq).res) as object | undefined;
    if (req && Object.getPrototypeOf(req) === leanRequest) Object.setPrototypeOf(req, app.request);
    if (res && Object.getPrototypeOf(res) === leanResponse) Object.setPrototypeOf(res, app.response);
  }
  if (target === leanRequest) return app.request;
  if (target === leanResponse) return app.response;
  return Object.getPrototypeOf(target) as object;
}

/** Calls Express's own `name` on `self` (after upgrading it) with the arguments given. */
function express(self: object, name: string, args: ArrayLike<unknown>): never {
  const proto = upgrade(self);
  return Reflect.apply(Reflect.get(proto, name, self) as (...a: unknown[]) => unknown, self, Array.from(args)) as never;
}

/**
 * A member that loads Express on first read and answers as Express's
 * prototype does. Assigning it does what assigning it on an Express request
 * does: a method (a writable property there) becomes the object's own
 * property, which needs no Express (middleware often replaces `res.send`);
 * a getter of Express's is assigned on Express's prototype, where it fails.
 */
function defineUpgrading(proto: object, name: string): void {
  const accessor = (EXPRESS_ACCESSORS as readonly string[]).includes(name);
  Object.defineProperty(proto, name, {
    configurable: true,
    enumerable: true,
    get(this: object) {
      return Reflect.get(upgrade(this), name, this);
    },
    set(this: object, value: unknown) {
      if (accessor) Reflect.set(upgrade(this), name, value, this);
      else Object.defineProperty(this, name, { configurable: true, enumerable: true, writable: true, value });
    },
  });
}

// --- request: Express 4.22's lib/request.js for the members below ----------------------------------

function header(this: IncomingMessage, name: unknown): string | string[] | undefined {
  if (!name) throw new TypeError("name argument is required to req.get");
  if (typeof name !== "string") throw new TypeError("name must be a string to req.get");
  const lc = name.toLowerCase();
  switch (lc) {
    case "referer":
    case "referrer":
      return this.headers.referrer || this.headers.referer;
    default:
      return this.headers[lc];
  }
}

Object.assign(leanRequest, { get: header, header });
Object.defineProperty(leanRequest, "path", {
  configurable: true,
  enumerable: true,
  get(this: IncomingMessage) {
    return leanParts().parseurl(this)?.pathname;
  },
});

// --- response: Express 4.22's lib/response.js for the forms below -------------------------------

const charsetRegExp = /;\s*charset\s*=/;

/** mime 1.6's `charsets.lookup` (what `res.set` asks for a Content-Type without a charset). */
export function charsetOf(type: string): string | undefined {
  return /^text\/|^application\/(javascript|json)/.test(type) ? "UTF-8" : undefined;
}

/** mime 1.6's `lookup` for the names `res.send` and `res.sendStatus` pass to `res.type`. */
export const LEAN_TYPES: Readonly<Record<string, string>> = {
  html: "text/html",
  txt: "text/plain",
  bin: "application/octet-stream",
  json: "application/json",
};

/** App settings `res.send` and `res.json` read: Express's defaults, or the Express app's once a request loaded it. */
function setting(name: "etag fn" | "json replacer" | "json spaces" | "json escape"): unknown {
  if (full) return full.get(name);
  return name === "etag fn" ? weakETag : undefined;
}

function weakETag(body: string | Buffer, encoding?: BufferEncoding): string {
  const buf = !Buffer.isBuffer(body) ? Buffer.from(body, encoding) : body;
  return leanParts().etag(buf, { weak: true });
}

function setCharset(type: string, charset: string): string {
  if (!type || !charset) return type;
  const { contentType } = leanParts();
  const parsed = contentType.parse(type);
  parsed.parameters.charset = charset;
  return contentType.format(parsed);
}

function stringify(value: unknown, replacer: unknown, spaces: unknown, escape: unknown): string {
  // v8 checks arguments.length for optimizing simple call
  // https://bugs.chromium.org/p/v8/issues/detail?id=4730
  let json: string =
    replacer || spaces ? JSON.stringify(value, replacer as (this: unknown, key: string, value: unknown) => unknown, spaces as number) : JSON.stringify(value);
  if (escape && typeof json === "string") {
    json = json.replace(/[<>&]/g, (c) => {
      switch (c.charCodeAt(0)) {
        case 0x3c:
          return "\\u003c";
        case 0x3e:
          return "\\u003e";
        case 0x26:
          return "\\u0026";
        default:
          return c;
      }
    });
  }
  return json;
}

/** `req.fresh` as Express computes it for `res.send`. */
function isFresh(req: LeanReq, res: LeanRes): boolean {
  const method = req.method;
  const status = res.statusCode;
  if (method !== "GET" && method !== "HEAD") return false;
  if ((status >= 200 && status < 300) || status === 304) {
    return leanParts().fresh(req.headers, { etag: res.get("ETag"), "last-modified": res.get("Last-Modified") });
  }
  return false;
}

const leanResponseMembers = {
  status(this: LeanRes, ...args: [number]): LeanRes {
    const code = args[0];
    // Express warns about a non-integer status; that warning is its own.
    if ((typeof code === "string" || Math.floor(code) !== code) && code > 99 && code < 1000) return express(this, "status", args);
    this.statusCode = code;
    return this;
  },

  set(this: LeanRes, ...args: [field: unknown, val?: unknown]): LeanRes {
    const [field, val] = args;
    if (args.length !== 2 || typeof field !== "string") return express(this, "set", args);
    let value = Array.isArray(val) ? val.map(String) : String(val);
    if (field.toLowerCase() === "content-type") {
      if (Array.isArray(value)) throw new TypeError("Content-Type cannot be set to an Array");
      if (!charsetRegExp.test(value)) {
        const charset = charsetOf(value.split(";")[0]);
        if (charset) value += "; charset=" + charset.toLowerCase();
      }
    }
    this.setHeader(field, value);
    return this;
  },

  get(this: LeanRes, field: string) {
    return this.getHeader(field);
  },

  type(this: LeanRes, ...args: [type: unknown]): LeanRes {
    const type = args[0];
    if (typeof type !== "string") return express(this, "type", args);
    if (type.indexOf("/") !== -1) return this.set("Content-Type", type);
    const known = Object.prototype.hasOwnProperty.call(LEAN_TYPES, type) ? LEAN_TYPES[type] : undefined;
    if (known === undefined) return express(this, "type", args);
    return this.set("Content-Type", known);
  },

  send(this: LeanRes, ...args: unknown[]): LeanRes {
    const body = args[0];
    // The deprecated forms (a status with the body, or a status alone) are Express's.
    if (args.length === 2 || (args.length === 1 && typeof body === "number")) return express(this, "send", args);
    let chunk: unknown = body;
    let encoding: BufferEncoding | undefined;
    const req = this.req;
    switch (typeof chunk) {
      case "string":
        if (!this.get("Content-Type")) this.type("html");
        break;
      case "boolean":
      case "number":
      case "object":
        if (chunk === null) {
          chunk = "";
        } else if (Buffer.isBuffer(chunk)) {
          if (!this.get("Content-Type")) this.type("bin");
        } else {
          return this.json(chunk);
        }
        break;
    }
    if (typeof chunk === "string") {
      encoding = "utf8";
      const type = this.get("Content-Type");
      if (typeof type === "string") this.set("Content-Type", setCharset(type, "utf-8"));
    }
    const etagFn = setting("etag fn");
    const generateETag = !this.get("ETag") && typeof etagFn === "function";
    let len: number | undefined;
    if (chunk !== undefined) {
      if (Buffer.isBuffer(chunk)) {
        len = chunk.length;
      } else if (!generateETag && (chunk as string).length < 1000) {
        len = Buffer.byteLength(chunk as string, encoding);
      } else {
        chunk = Buffer.from(chunk as string, encoding);
        encoding = undefined;
        len = (chunk as Buffer).length;
      }
      this.set("Content-Length", len);
    }
    if (generateETag && len !== undefined) {
      const tag = (etagFn as (body: unknown, encoding?: BufferEncoding) => string | undefined)(chunk, encoding);
      if (tag) this.set("ETag", tag);
    }
    if (isFresh(req, this)) this.statusCode = 304;
    if (this.statusCode === 204 || this.statusCode === 304) {
      this.removeHeader("Content-Type");
      this.removeHeader("Content-Length");
      this.removeHeader("Transfer-Encoding");
      chunk = "";
    }
    if (this.statusCode === 205) {
      this.set("Content-Length", "0");
      this.removeHeader("Transfer-Encoding");
      chunk = "";
    }
    if (req.method === "HEAD") this.end();
    else this.end(chunk, encoding as BufferEncoding);
    return this;
  },

  json(this: LeanRes, ...args: unknown[]): LeanRes {
    const obj = args[0];
    if (args.length === 2) return express(this, "json", args);
    const body = stringify(obj, setting("json replacer"), setting("json spaces"), setting("json escape"));
    if (!this.get("Content-Type")) this.set("Content-Type", "application/json");
    return (this as unknown as { send(body: unknown): LeanRes }).send(body);
  },

  sendStatus(this: LeanRes, statusCode: number): LeanRes {
    statuses ??= require("statuses") as { message: Record<number, string | undefined> };
    const body = statuses.message[statusCode] || String(statusCode);
    this.statusCode = statusCode;
    this.type("txt");
    return (this as unknown as { send(body: unknown): LeanRes }).send(body);
  },
};

Object.assign(leanResponse, leanResponseMembers, {
  header: leanResponseMembers.set,
  contentType: leanResponseMembers.type,
});

for (const name of EXPRESS_REQUEST_MEMBERS) if (!Object.prototype.hasOwnProperty.call(leanRequest, name)) defineUpgrading(leanRequest, name);
for (const name of EXPRESS_RESPONSE_MEMBERS) if (!Object.prototype.hasOwnProperty.call(leanResponse, name)) defineUpgrading(leanResponse, name);
// `req.app` and `res.app`: an Express app is what an Express request holds.
defineUpgrading(leanRequest, "app");
defineUpgrading(leanResponse, "app");

/** The app's registrations are added to this: Express's Router, behind the steps an Express app runs first. */
export interface LeanApp {
  router: ExpressRouter;
  listener: RequestListener;
}

export function leanApp(): LeanApp {
  const { Router, parseurl } = leanParts();
  const router = Router({ caseSensitive: false, strict: false });
  // Express's query middleware with its default ("extended") parser.
  router.use(function query(req: LeanReq, _res: ServerResponse, next: () => void) {
    if (!req.query) req.query = parseQuery(parseurl(req)?.query);
    next();
  });
  // Express's init middleware (express/lib/middleware/init.js).
  router.use(function expressInit(req: LeanReq, res: LeanRes, next: unknown) {
    req.res = res;
    res.req = req;
    req.next = next;
    Object.setPrototypeOf(req, leanRequest);
    Object.setPrototypeOf(res, leanResponse);
    res.locals = res.locals || Object.create(null);
    (next as () => void)();
  });
  const env = process.env.NODE_ENV || "development";
  const listener: RequestListener = (req, res) => {
    // What an Express app does with a request nothing answered: finalhandler, logging errors outside tests.
    // Made when called: finalhandler's factory only keeps its arguments.
    const done = (err?: unknown): void => {
      finalhandler ??= require("finalhandler") as FinalHandler;
      finalhandler(req, res, {
        env,
        onerror: (error: unknown) => {
          if (env !== "test") console.error((error as { stack?: string }).stack || String(error));
        },
      })(err);
    };
    router.handle(req, res, done);
  };
  return { router, listener };
}

/** Whether `req` is still on this path (no Express member was touched): the tests tell the paths apart by it. */
export function isLean(req: Request | Response): boolean {
  const proto = Object.getPrototypeOf(req) as object;
  return proto === leanRequest || proto === leanResponse;
}

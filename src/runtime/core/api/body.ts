/**
 * Request body parsing, with Express's own parsers (body-parser, which
 * Express exports as `express.json/urlencoded/text/raw`, loaded with the
 * first request that has a body; multer for multipart). It runs at most
 * once per request and only when an `api` route or middleware is reached,
 * so a request that falls through to an `http.use` mount (a Koa app with its
 * own body parser) still has its stream unread.
 *
 * - JSON (`application/json`, `+json`), urlencoded (extended) and `text/*`
 *   fill `req.body`; the raw bytes are kept for `api.rawBody`;
 * - multipart fills `req.body` with fields and `req.files` with multer's
 *   `{ fieldname, originalname, encoding, mimetype, size, buffer }`;
 * - any other type with a body is binary: `req.body` is the Buffer and
 *   `req.files` holds it as one file.
 * Limits: 6 MB per request (API Gateway and Lambda's), 413 beyond.
 */
import type BodyParserModule from "body-parser";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type MulterModule from "multer";
import { Readable } from "stream";

import { MAX_BODY_BYTES } from "./limits";

const JSON_TYPES = ["application/json", "application/*+json"];
const FORM_TYPE = "application/x-www-form-urlencoded";
const TEXT_TYPE = "text/*";

const parsedRequests = new WeakSet<Request>();
const rawBodies = new WeakMap<Request, Buffer>();

function keepRaw(req: Request, _res: Response, buf: Buffer): void {
  rawBodies.set(req, buf);
}

function tooLarge(): Error {
  return Object.assign(new Error("request entity too large"), { status: 413, expose: true, type: "entity.too.large" });
}

/**
 * Multer (with busboy and its other dependencies) is loaded with the first
 * multipart request: a cold start that serves a GET or a JSON POST never
 * evaluates it.
 */
let multerModule: typeof MulterModule | undefined;
function loadMulter(): typeof MulterModule {
  return (multerModule ??= require("multer") as typeof MulterModule);
}

/**
 * Multer's step, built on the first multipart request. Multer passes any
 * other request on untouched, by the same test (type-is's `multipart`,
 * which `req.is` applies), so skipping it for them changes nothing.
 */
function lazyMultipart(): RequestHandler {
  let step: RequestHandler | undefined;
  return (req, res, next) => {
    // `req.is(types)` is type-is on the request; called directly, it does not load Express on the lean path (lean.ts).
    typeis ??= require("type-is") as TypeIs;
    if (!typeis(req, ["multipart"])) return next();
    if (!step) {
      const multer = loadMulter();
      step = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_BODY_BYTES, fieldSize: MAX_BODY_BYTES } }).any();
    }
    step(req, res, next);
  };
}

type TypeIs = (req: Request, types: string[]) => string | false | null;
let typeis: TypeIs | undefined;

export function createBodyParser(jsonLimit: string | number): RequestHandler {
  // Built on the first request with a body (each parser's own set-up).
  let steps: RequestHandler[] | undefined;
  const createSteps = (): RequestHandler[] => {
    const bodyParser = require("body-parser") as typeof BodyParserModule;
    return [
      bodyParser.json({ type: JSON_TYPES, limit: jsonLimit, verify: keepRaw }),
      bodyParser.urlencoded({ type: FORM_TYPE, extended: true, limit: MAX_BODY_BYTES, verify: keepRaw }),
      bodyParser.text({ type: TEXT_TYPE, limit: MAX_BODY_BYTES, verify: keepRaw }),
      lazyMultipart(),
      bodyParser.raw({ type: isBinary, limit: MAX_BODY_BYTES }),
      exposeBinaryAsFile,
    ];
  };
  return (req, res, next) => {
    if (parsedRequests.has(req)) return next();
    parsedRequests.add(req);
    // Without a body every step above only sets `req.body` to `{}` when unset (body-parser's
    // behaviour; multer and exposeBinaryAsFile leave such a request alone): do just that.
    if (!hasBody(req)) {
      req.body = req.body || {};
      return next();
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return next(tooLarge());
    const chain = (steps ??= createSteps());
    const run = (index: number, error?: unknown): void => {
      const step = chain[index];
      if (error !== undefined) return next(normalizeError(error));
      if (!step) return next();
      step(req, res, (err?: unknown) => run(index + 1, err));
    };
    run(0);
  };
}

/** Whether the request has a body, as body-parser decides it (type-is's `hasBody`): framed by length or chunked. */
function hasBody(req: Request): boolean {
  return req.headers["transfer-encoding"] !== undefined || !isNaN(Number(req.headers["content-length"]));
}

/** Whatever the parsers above do not take: the same media types, matched the same way. */
function isBinary(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  const header = req.headers["content-type"];
  const type = typeof header === "string" ? header.split(";")[0].trim().toLowerCase() : "";
  if (type === "") return true;
  const handled =
    type === "application/json" ||
    (type.startsWith("application/") && type.endsWith("+json")) ||
    type === FORM_TYPE ||
    type.startsWith("text/") ||
    type.startsWith("multipart/");
  return !handled;
}

function exposeBinaryAsFile(req: Request, _res: Response, next: NextFunction): void {
  if (Buffer.isBuffer(req.body)) {
    const buffer = req.body;
    rawBodies.set(req, buffer);
    if (buffer.length > 0) {
      const mimetype = req.get("content-type") ?? "application/octet-stream";
      req.files = [binaryFile(buffer, mimetype)];
    }
  }
  next();
}

/** The shape multer gives multipart files, for a body that was a single binary file. */
function binaryFile(buffer: Buffer, mimetype: string): Express.Multer.File {
  return {
    fieldname: "file",
    originalname: "",
    encoding: "binary",
    mimetype,
    size: buffer.length,
    buffer,
    // Memory storage has no disk fields; multer leaves them empty too.
    destination: "",
    filename: "",
    path: "",
    stream: Readable.from([buffer]),
  };
}

/**
 * Errors of the multipart step as client errors, like body-parser's: a limit
 * (MulterError) is 413 or 400; a body busboy cannot parse (no boundary, cut
 * short, a malformed part header) is 400.
 */
function normalizeError(error: unknown): unknown {
  // Only a loaded multer throws MulterError.
  if (multerModule && error instanceof multerModule.MulterError) {
    if (error.code === "LIMIT_FILE_SIZE") return tooLarge();
    return Object.assign(error, { status: 400, expose: true });
  }
  if (error instanceof Error && !("status" in error) && MALFORMED_MULTIPART.test(error.message)) {
    return Object.assign(error, { status: 400, expose: true, type: "multipart.malformed" });
  }
  return error;
}

/** busboy's messages for a multipart body it cannot parse. */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (form|file)|Malformed part header|Malformed urlencoded form|Unsupported content type)/;

/** `api.rawBody`: exposes the raw bytes of the body as `req.rawBody`. */
export const rawBody: RequestHandler = (req, _res, next) => {
  req.rawBody = rawBodies.get(req) ?? Buffer.alloc(0);
  next();
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `api.rawBody`: the body's bytes as received. */
      rawBody?: Buffer;
    }
  }
}

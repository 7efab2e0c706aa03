/**
 * The storage SDK's behaviour over any `StorageBackend`: path normalisation,
 * body and option forms, defaults, and answer shapes.
 */
import * as posix from "path/posix";
import { Readable } from "stream";
import { registerStorageListener, type StorageListener } from "./listeners";
import { guessType, normalizeDirPath, normalizeFilePath } from "./paths";
import type { ListOptions, StorageBackend, StorageHandler, StorageStat, WriteOptions, WriteResult } from "./types";

export const DEFAULT_URL_SECONDS = 3600;
/** S3 presigned URLs are valid for at most 7 days. */
export const MAX_URL_SECONDS = 7 * 24 * 3600;
export const DEFAULT_PAGE_SIZE = 100;

export type StorageBody = string | Buffer | Uint8Array | ArrayBuffer | Readable | AsyncIterable<Uint8Array | string>;

async function toBuffer(body: StorageBody): Promise<Buffer> {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body && typeof body === "object" && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new TypeError("storage.write: data must be a string, Buffer, Uint8Array, ArrayBuffer or readable stream");
}

function checkSeconds(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_URL_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_URL_SECONDS)
    throw new RangeError(`URL lifetime must be 1 to ${MAX_URL_SECONDS} seconds, got ${seconds}`);
  return Math.floor(seconds);
}

/** Metadata keys in lower case (S3 keeps them so), values as strings. */
function normalizeMetadata(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata ?? {})) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

export type BackendSource = () => StorageBackend;

export function createStorageApi(backend: BackendSource) {
  async function write(path: string, data: StorageBody, options: WriteOptions = {}): Promise<WriteResult> {
    const p = normalizeFilePath(path);
    const body = await toBuffer(data);
    const type = options.type ?? guessType(p);
    const metadata = normalizeMetadata(options.metadata);
    await backend().write(p, body, { type, metadata });
    return { path: p, size: body.length, type, metadata };
  }

  async function readBuffer(path: string): Promise<Buffer | undefined> {
    const stream = await backend().read(normalizeFilePath(path));
    if (!stream) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  function read(path: string, options: { buffer: true }): Promise<Buffer | undefined>;
  function read(path: string, options?: { buffer?: false }): Promise<Readable | undefined>;
  async function read(path: string, options?: { buffer?: boolean }): Promise<Readable | Buffer | undefined> {
    if (options?.buffer) return readBuffer(path);
    return backend().read(normalizeFilePath(path));
  }

  async function exists(path: string): Promise<boolean> {
    return (await backend().stat(normalizeFilePath(path))) !== undefined;
  }

  async function stat(path: string): Promise<StorageStat | undefined> {
    return backend().stat(normalizeFilePath(path));
  }

  /** Copies `from` into the folder `toDir` under its own name; the new path, or undefined when `from` is missing. */
  async function copy(from: string, toDir: string): Promise<string | undefined> {
    const source = normalizeFilePath(from);
    const target = `${normalizeDirPath(toDir)}${posix.basename(source)}`;
    if (target === source) return (await exists(source)) ? target : undefined;
    return (await backend().copy(source, target)) ? target : undefined;
  }

  async function move(from: string, toDir: string): Promise<string | undefined> {
    const source = normalizeFilePath(from);
    const target = await copy(source, toDir);
    if (target !== undefined && target !== source) await backend().remove(source);
    return target;
  }

  async function remove(path: string): Promise<boolean> {
    return backend().remove(normalizeFilePath(path));
  }

  /** Pages of names relative to `dir` (the contract: `list("bin")` yields `binaryData.ext`); from the root they are full paths. */
  function list(dir = "", options: ListOptions = {}): AsyncIterable<string[]> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new RangeError(`pageSize must be an integer from 1 to 1000, got ${pageSize}`);
    const prefix = normalizeDirPath(dir);
    const pages = backend().list(prefix, options.recursive === true, pageSize);
    if (prefix === "") return pages;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const page of pages) yield page.map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
      },
    };
  }

  async function getDownloadUrl(path: string, seconds?: number): Promise<string> {
    return backend().downloadUrl(normalizeFilePath(path), checkSeconds(seconds));
  }

  async function getUploadUrl(path: string, seconds?: number): Promise<string> {
    return backend().uploadUrl(normalizeFilePath(path), checkSeconds(seconds));
  }

  function on(event: string, handler: StorageHandler): StorageListener;
  function on(event: string, options: { timeout?: number }, handler: StorageHandler): StorageListener;
  function on(event: string, optionsOrHandler: { timeout?: number } | StorageHandler, maybeHandler?: StorageHandler): StorageListener {
    if (typeof optionsOrHandler === "function") return registerStorageListener(event, undefined, optionsOrHandler);
    if (!maybeHandler) throw new Error("storage.on: missing handler");
    return registerStorageListener(event, optionsOrHandler, maybeHandler);
  }

  return { write, read, readBuffer, exists, stat, copy, move, remove, list, getDownloadUrl, getUploadUrl, on };
}

export type StorageApi = ReturnType<typeof createStorageApi>;

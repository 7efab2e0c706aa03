/**
 * The dashboard's data and storage endpoints (under `/_iac/dashboard/api`),
 * through the serving version's own SDK objects (the guest's `data` and
 * `files`), so a write from the page is validated as the app's are and
 * reaches `data.on` / `storage.on`; these calls are the host's, never in
 * the app's traces.
 *
 *   GET    data?pattern=todo:*&label=label1&limit=&start=   items with their metadata
 *                                                           (no pattern, or `*`: the whole table, in table order)
 *   GET    data/item?key=K      PUT data/item {key, value, label1..5?, ttl?}     DELETE data/item?key=K
 *   GET    storage?prefix=dir/  folders and files with size, type, time and metadata
 *   GET    storage/file?path=P  the bytes (a download)
 *   PUT    storage/file?path=P&type=T&metadata={...}   the request body as the file
 *   DELETE storage/file?path=P
 *
 * Import and export are the control endpoint's (`/_iac/data`).
 */
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import express, { type Request, type Response, type Router } from "express";
import type { QueryExpression } from "../../runtime/data/api";
import { toItemWithMeta } from "../../runtime/data/listeners";
import { isExpired, itemToRecord } from "../../runtime/data/records";
import { LABEL_NAMES, type ItemWithMeta, type LabelName } from "../../runtime/data/types";
import type { Guest } from "../guest";
import type { DashboardHost } from "./host";
import type { DashboardRecorder } from "./recorder";
import { answer, fail, number, text } from "./respond";

const PAGE = 200;

export function dataApi(host: DashboardHost, recorder: DashboardRecorder): Router {
  const router = express.Router();
  const withGuest = (res: Response, work: (guest: Guest) => Promise<unknown>, input = isInputError): void => {
    const guest = host.guest();
    if (!guest) return fail(res, 503, "the app has not built yet");
    answer(res, work(guest), input);
  };

  router.get("/data", (req, res) => {
    const started = performance.now();
    const pattern = text(req.query.pattern)?.trim() ?? "*";
    const label = LABEL_NAMES.find((l) => l === req.query.label);
    const limit = Math.min(number(req.query.limit) ?? PAGE, 1000);
    const start = text(req.query.start);
    withGuest(res, async (guest) => {
      const page = await browse(host, guest, pattern, label, limit, start);
      return { ...page, ms: performance.now() - started };
    });
  });
  router.get("/data/item", (req, res) => {
    const key = text(req.query.key);
    if (!key) return fail(res, 400, "give the item as ?key=collection:id");
    withGuest(res, async (guest) => (await guest.data.get(key, { meta: true })) ?? Promise.reject(new NotFound(`no item ${key}`)));
  });
  router.put("/data/item", (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== "object" || body === null || !("key" in body) || typeof body.key !== "string" || !("value" in body)) {
      return fail(res, 400, 'send { "key": "collection:id", "value": ..., "label1"?: "ns:value", "ttl"?: seconds }');
    }
    const { key, value } = body;
    const options: Partial<Record<LabelName, string>> & { ttl?: number; overwrite: true; meta: true } = { overwrite: true, meta: true };
    for (const name of LABEL_NAMES) {
      const label: unknown = Reflect.get(body, name);
      if (typeof label === "string" && label !== "") options[name] = label;
    }
    const ttl: unknown = Reflect.get(body, "ttl");
    if (typeof ttl === "number") options.ttl = ttl;
    withGuest(res, async (guest) => {
      const item = await guest.data.set(key, value, options);
      recorder.notify("data", () => ({ keys: [key] }));
      return item;
    });
  });
  router.delete("/data/item", (req, res) => {
    const key = text(req.query.key);
    if (!key) return fail(res, 400, "give the item as ?key=collection:id");
    withGuest(res, async (guest) => {
      const removed = await guest.data.remove(key);
      recorder.notify("data", () => ({ keys: [key] }));
      return { removed };
    });
  });

  router.get("/storage", (req, res) => {
    const prefix = text(req.query.prefix) ?? "";
    withGuest(res, (guest) => listFolder(guest, prefix));
  });
  router.get("/storage/file", (req, res) => {
    const file = text(req.query.path);
    if (!file) return fail(res, 400, "give the file as ?path=folder/name");
    const guest = host.guest();
    if (!guest) return fail(res, 503, "the app has not built yet");
    download(guest, file, res).catch((error: unknown) => (res.headersSent ? res.end() : fail(res, isInputError(error) ? 400 : 500, String(error))));
  });
  router.put("/storage/file", express.raw({ type: () => true, limit: "200mb" }), (req: Request, res) => {
    const file = text(req.query.path);
    if (!file) return fail(res, 400, "give the file as ?path=folder/name");
    const type = text(req.query.type);
    let metadata: Record<string, string> = {};
    try {
      metadata = parseMetadata(text(req.query.metadata));
    } catch (error) {
      return fail(res, 400, error instanceof Error ? error.message : String(error));
    }
    const body: unknown = req.body;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    withGuest(res, async (guest) => {
      const written = await guest.files.write(file, bytes, { ...(type ? { type } : {}), metadata });
      recorder.notify("storage", () => ({ paths: [written.path] }));
      return written;
    });
  });
  router.delete("/storage/file", (req, res) => {
    const file = text(req.query.path);
    if (!file) return fail(res, 400, "give the file as ?path=folder/name");
    withGuest(res, async (guest) => {
      const removed = await guest.files.remove(file);
      recorder.notify("storage", () => ({ paths: [file] }));
      return { removed };
    });
  });
  return router;
}

class NotFound extends Error {}

/**
 * The page's mistakes (a bad key, a bad path, a missing item) are 400s. The
 * SDK's errors come from the serving version's own copy of the runtime, so
 * they are told by what they carry (a client error's `status`, as the
 * runtime's input errors and http-errors mark theirs), not by class.
 */
function isInputError(error: unknown): boolean {
  if (error instanceof NotFound) return true;
  if (!(error instanceof Error)) return false;
  const status: unknown = Reflect.get(error, "status");
  return (typeof status === "number" && status >= 400 && status < 500) || error.name === "RangeError" || error.name === "TypeError";
}

async function browse(host: DashboardHost, guest: Guest, pattern: string, label: LabelName | undefined, limit: number, start: string | undefined) {
  if (label) {
    const page = await guest.data.getByLabel(label, pattern, { meta: true, limit, ...(start ? { start } : {}) });
    return { items: page.items, next: page.lastKey ?? null };
  }
  if (pattern === "*" || pattern === "") return scanPage(host, limit, start);
  // `todo` and `todo*` name the collection; `todo:a*`, `todo:>b`, `todo:a|c` are data.get's queries.
  const expression = pattern.includes(":") ? pattern : `${pattern.replace(/\*$/, "")}:*`;
  if (!isQuery(expression)) {
    const item = await guest.data.get(expression, { meta: true });
    return { items: item ? [item] : [], next: null };
  }
  const page = await guest.data.get(expression, { meta: true, limit, ...(start ? { start } : {}) });
  return { items: page.items, next: page.lastKey ?? null };
}

function isQuery(pattern: string): pattern is QueryExpression {
  return /^[^:]*:(.*\*|[<>].*|.*\|.*)$/.test(pattern);
}

/** A page of the whole table (a Scan: fine on a developer's own embedded table, never offered for a deployed one). */
async function scanPage(host: DashboardHost, limit: number, start: string | undefined) {
  const exclusive = start ? cursor(start) : undefined;
  const page = await DynamoDBDocumentClient.from(host.dataClient()).send(
    new ScanCommand({ TableName: host.dataTable, Limit: limit, ExclusiveStartKey: exclusive, ConsistentRead: true }),
  );
  const now = Math.floor(Date.now() / 1000);
  const items: ItemWithMeta[] = [];
  for (const raw of page.Items ?? []) {
    const record = itemToRecord(raw);
    if (record && !isExpired(record, now)) items.push(toItemWithMeta(record));
  }
  const next = page.LastEvaluatedKey ? Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString("base64url") : null;
  return { items, next };
}

/** The scan's resume point, as the page handed it out (base64url JSON of its key attributes). */
function cursor(start: string): Record<string, string> {
  const parsed: unknown = JSON.parse(Buffer.from(start, "base64url").toString("utf8"));
  const out: Record<string, string> = {};
  if (typeof parsed === "object" && parsed !== null) for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
  return out;
}

async function listFolder(guest: Guest, prefix: string) {
  const dir = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  const folders: string[] = [];
  const names: string[] = [];
  for await (const page of guest.files.list(dir, { pageSize: 1000 })) {
    for (const name of page) (name.endsWith("/") ? folders : names).push(`${dir}${dir !== "" && name.startsWith(dir) ? name.slice(dir.length) : name}`);
    if (folders.length + names.length >= PAGE * 5) break;
  }
  const files = await Promise.all(
    names.map(async (file) => {
      const stat = await guest.files.stat(file);
      return {
        path: file,
        size: stat?.size ?? 0,
        type: stat?.type ?? "",
        lastModified: stat?.lastModified.toISOString() ?? null,
        metadata: stat?.metadata ?? {},
      };
    }),
  );
  return { prefix: dir, folders, files };
}

async function download(guest: Guest, file: string, res: Response): Promise<void> {
  const stat = await guest.files.stat(file);
  const body = stat && (await guest.files.read(file));
  if (!stat || !body) return fail(res, 404, `no file ${file}`);
  const name = file.split("/").pop() ?? "file";
  res.status(200).set({
    "content-type": stat.type,
    "content-length": String(stat.size),
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    "cache-control": "no-store",
  });
  body.pipe(res);
}

function parseMetadata(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("metadata must be a JSON object of strings");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = String(v);
  return out;
}

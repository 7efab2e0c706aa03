/**
 * The local files backend of the local instance: objects under
 * `<dir>/files/<path>` (browsable as plain files), type and metadata in
 * `<dir>/meta/<path>.json`. Each write is one commit (see `commit`): a
 * reader never sees half a file, or a file without its type, and a process
 * killed mid-write leaves nothing behind after the next start. Signed URLs point at `baseUrl`,
 * which the local instance serves through `handleSignedRequest`.
 * Every write and remove is queued for `storage.on` in-process (`events`).
 * Limitation: a file `a` and a file `a/b` cannot both exist (S3 allows it).
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import type { IncomingMessage, ServerResponse } from "http";
import * as path from "path";
import { LocalStorageEvents, type LocalStorageDeliveryOptions } from "./local-events";
import { normalizeFilePath } from "./paths";
import { signStorageUrl, verifyStorageUrl } from "./signing";
import type { StorageBackend, StorageStat } from "./types";

export interface LocalStorageOptions extends LocalStorageDeliveryOptions {
  dir: string;
  /** Where the local instance serves signed URLs, e.g. `http://localhost:3000/_iac/storage`. */
  baseUrl: string;
  /** HMAC secret for signed URLs; random per backend when absent. */
  secret?: string;
}

export interface LocalStorageBackend extends StorageBackend {
  events: LocalStorageEvents;
  /** Serves a signed GET/HEAD/PUT URL; resolves false when the request is not for `baseUrl`. */
  handleSignedRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

interface Meta {
  type: string;
  metadata: Record<string, string>;
}

/**
 * What a process killed mid-write leaves: temp files, and metadata of an
 * object whose bytes never landed (a first write interrupted). Removed at
 * start, before anything reads the store.
 */
function sweepLeftovers(tmp: string, metas: string, files: string): void {
  for (const name of fs.readdirSync(tmp)) fs.rmSync(path.join(tmp, name), { force: true, recursive: true });
  const visit = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full, path.join(rel, e.name));
      else if (e.isFile() && e.name.endsWith(".json") && !fs.existsSync(path.join(files, rel, e.name.slice(0, -".json".length))))
        fs.rmSync(full, { force: true });
    }
  };
  visit(metas, "");
}

/** What `meta/<path>.json` holds: the object's metadata, the inode of its bytes, and the record it replaced. */
interface StoredMeta extends Meta {
  ino?: number;
  previous?: Meta & { ino: number };
}

function isMeta(v: unknown): v is Meta {
  return typeof v === "object" && v !== null && "type" in v && typeof v.type === "string" && "metadata" in v && typeof v.metadata === "object";
}

export function createLocalStorageBackend(options: LocalStorageOptions): LocalStorageBackend {
  const files = path.join(options.dir, "files");
  const metas = path.join(options.dir, "meta");
  const tmp = path.join(options.dir, "tmp");
  for (const d of [files, metas, tmp]) fs.mkdirSync(d, { recursive: true });
  sweepLeftovers(tmp, metas, files);
  const secret = options.secret ?? randomBytes(32).toString("hex");
  const basePath = new URL(options.baseUrl).pathname;
  const events = new LocalStorageEvents(options);
  // Paths reaching here are normalised, so joining cannot leave `files`.
  const fileOf = (p: string) => path.join(files, ...p.split("/"));
  const metaOf = (p: string) => `${path.join(metas, ...p.split("/"))}.json`;

  async function writeAtomic(target: string, body: Buffer | string): Promise<void> {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(tmp, randomBytes(8).toString("hex"));
    await fs.promises.writeFile(temp, body);
    await fs.promises.rename(temp, target);
  }

  /**
   * One write as one commit: the bytes go to a temp file first, the
   * metadata (naming the new bytes, and keeping the old bytes' record) into
   * place next, and the rename of the bytes into place is the commit. A
   * process killed before it leaves the object as it was (readers match the
   * bytes in place to their record by inode; the temp file, and metadata
   * with no object, are swept at the next start); after it, the new bytes
   * and their metadata. Readers never see bytes with another write's type.
   */
  async function commit(p: string, body: Buffer | string, meta: Meta): Promise<void> {
    const target = fileOf(p);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(tmp, randomBytes(8).toString("hex"));
    await fs.promises.writeFile(temp, body);
    // The metadata names the bytes it belongs to by their inode (the rename keeps it) and keeps the
    // metadata of the bytes in place now, which a reader uses until the rename lands.
    const [{ ino }, before] = await Promise.all([fs.promises.stat(temp), current(p)]);
    const record: StoredMeta = { ...meta, ino, ...(before ? { previous: before } : {}) };
    await writeAtomic(metaOf(p), JSON.stringify(record));
    await fs.promises.rename(temp, target);
  }

  /** The metadata of the bytes at `p` now, with their inode; undefined when there are none. */
  async function current(p: string): Promise<(Meta & { ino: number }) | undefined> {
    const st = await fs.promises.stat(fileOf(p)).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const meta = await metaFor(p, st.ino);
    return { type: meta.type, metadata: meta.metadata, ino: st.ino };
  }

  /** The stored metadata of the bytes with inode `ino`: the latest record's, or the one it replaced while its rename had not landed. */
  async function metaFor(p: string, ino: number): Promise<Meta> {
    const raw: unknown = await fs.promises.readFile(metaOf(p), "utf8").then(JSON.parse, () => undefined);
    if (!isMeta(raw)) return { type: "application/octet-stream", metadata: {} };
    const stored = raw as StoredMeta;
    if (stored.ino === undefined || stored.ino === ino) return stored;
    return stored.previous && stored.previous.ino === ino ? stored.previous : stored;
  }

  async function stat(p: string): Promise<StorageStat | undefined> {
    const st = await fs.promises.stat(fileOf(p)).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const meta = await metaFor(p, st.ino);
    return { size: st.size, lastModified: new Date(st.mtimeMs), type: meta.type, metadata: { ...meta.metadata } };
  }

  /** Removes now-empty folders up to the root: S3 has no empty folders, listings must not show any. */
  async function prune(start: string, root: string): Promise<void> {
    for (let d = path.dirname(start); d.startsWith(root) && d !== root; d = path.dirname(d)) {
      const removed = await fs.promises.rmdir(d).then(
        () => true,
        () => false,
      );
      if (!removed) return;
    }
  }

  async function walk(dir: string, rel: string, out: string[]): Promise<void> {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(dir, e.name), r, out);
      else if (e.isFile()) out.push(r);
    }
  }

  const backend: LocalStorageBackend = {
    events,
    async write(p, body, meta) {
      await commit(p, body, meta);
      events.push({ name: "write", path: p });
    },
    async read(p) {
      return (await stat(p)) ? fs.createReadStream(fileOf(p)) : undefined;
    },
    stat,
    async copy(from, to) {
      const st = await stat(from);
      if (!st) return false;
      await commit(to, await fs.promises.readFile(fileOf(from)), { type: st.type, metadata: st.metadata });
      events.push({ name: "write", path: to });
      return true;
    },
    async remove(p) {
      const removed = await fs.promises.unlink(fileOf(p)).then(
        () => true,
        () => false,
      );
      await fs.promises.unlink(metaOf(p)).catch(() => undefined);
      if (!removed) return false;
      await prune(fileOf(p), files);
      await prune(metaOf(p), metas);
      events.push({ name: "remove", path: p });
      return true;
    },
    async *list(prefix, recursive, pageSize) {
      const all: string[] = [];
      await walk(files, "", all);
      const entries = new Set<string>();
      for (const f of all) {
        if (!f.startsWith(prefix)) continue;
        const slash = f.indexOf("/", prefix.length);
        entries.add(recursive || slash < 0 ? f : f.slice(0, slash + 1));
      }
      const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (let i = 0; i < sorted.length; i += pageSize) yield sorted.slice(i, i + pageSize);
    },
    downloadUrl: async (p, seconds) => signStorageUrl(secret, options.baseUrl, "GET", p, seconds),
    uploadUrl: async (p, seconds) => signStorageUrl(secret, options.baseUrl, "PUT", p, seconds),

    async handleSignedRequest(req, res) {
      const checked = verifyStorageUrl(secret, basePath, req.method ?? "GET", req.url ?? "/");
      if (!checked.ok && checked.reason === "not a storage URL") return false;
      if (!checked.ok) return send(res, checked.status, checked.reason);
      const p = normalizeFilePath(checked.path);
      if (req.method === "PUT") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
        const type = req.headers["content-type"] ?? "application/octet-stream";
        await backend.write(p, Buffer.concat(chunks), { type, metadata: {} });
        return send(res, 200, "");
      }
      const st = await stat(p);
      if (!st) return send(res, 404, "not found");
      res.writeHead(200, { "content-type": st.type, "content-length": st.size, "last-modified": st.lastModified.toUTCString() });
      if (req.method === "HEAD") return end(res);
      fs.createReadStream(fileOf(p)).pipe(res);
      return true;
    },
  };
  return backend;
}

function send(res: ServerResponse, status: number, text: string): boolean {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
  return true;
}

function end(res: ServerResponse): boolean {
  res.end();
  return true;
}

// Route handlers, registered by setup(). Storage holds the bytes, data the
// records the routes list and the listeners update.
import { data, storage, type Request, type Response } from "iac";
import { ACCEPTED_TYPES, getMedia, newId, uploadPath, type Media } from "./media";
import { uploadedFile } from "./middleware";

/** POST /media: the file itself, multipart or raw body (checked by uploadChecks). */
export async function uploadMedia(req: Request, res: Response) {
  const file = uploadedFile(req)!; // present: checked by uploadChecks
  const id = newId();
  const name = file.originalname || String(req.query.name ?? "upload");
  const path = uploadPath(id, name);
  // The record first: the storage listener that the write triggers expects it.
  const media: Media = { id, name, type: file.mimetype, size: file.size, path, status: "uploaded", uploadedAt: new Date().toISOString() };
  await data.set(`media:${id}`, media);
  await storage.write(path, file.buffer, { type: file.mimetype, metadata: { id, name } });
  res.status(201).location(`/media/${id}`).json(media);
}

/** POST /media/upload-url: a signed URL the browser PUTs a large file to. */
export async function createUploadUrl(req: Request, res: Response) {
  const { name, type } = req.body ?? {};
  if (typeof name !== "string" || !ACCEPTED_TYPES.includes(type)) {
    res.status(400).json({ error: "give the file's name and one of these types", accepted: ACCEPTED_TYPES });
    return;
  }
  const id = newId();
  const path = uploadPath(id, name);
  const media: Media = { id, name, type, size: 0, path, status: "pending", uploadedAt: new Date().toISOString() };
  await data.set(`media:${id}`, media);
  res.status(201).json({ id, uploadUrl: await storage.getUploadUrl(path, 15 * 60), method: "PUT" });
}

/** GET /media: records, newest last, paginated with ?after=<lastKey>. */
export async function listMedia(req: Request, res: Response) {
  const after = typeof req.query.after === "string" ? req.query.after : undefined;
  const { items, lastKey } = await data.get("media:*", { limit: 50, ...(after ? { start: after } : {}) });
  res.json({ items: items.map((item) => item.value), next: lastKey });
}

/** GET /media/:id: the record and a short-lived download link to the original. */
export async function getOne(req: Request, res: Response) {
  const media = await getMedia(req.params.id);
  if (!media) {
    res.sendStatus(404);
    return;
  }
  const downloadUrl = media.status === "pending" ? undefined : await storage.getDownloadUrl(media.path, 300);
  res.json({ ...media, downloadUrl });
}

/** GET /media/:id/original: the bytes, through the API (small files). */
export async function sendOriginal(req: Request, res: Response) {
  const media = await getMedia(req.params.id);
  const bytes = media && (await storage.readBuffer(media.path));
  if (!media || !bytes) {
    res.sendStatus(404);
    return;
  }
  res.set("content-type", media.type).set("cache-control", "private, max-age=300").send(bytes);
}

/** DELETE /media/:id: the original, its thumbnail and both records. */
export async function deleteMedia(req: Request, res: Response) {
  const { id } = req.params;
  const media = await getMedia(id);
  if (!media) {
    res.sendStatus(404);
    return;
  }
  await storage.remove(media.path);
  await storage.remove(`public/thumbnails/${id}.svg`);
  await data.remove([`media:${id}`, `thumbnail:${id}`]);
  res.sendStatus(204);
}

/** GET /stats: totals kept by the data listener. */
export async function getStats(_req: Request, res: Response) {
  const stats = (await data.get("stats:uploads")) ?? { files: 0, bytes: 0 };
  res.json(stats);
}

// Background work: listeners and event handlers, registered by setup().
import { createHash, createHmac } from "node:crypto";
import { data, events, params, storage, type CloudEvent } from "iac";
import { getMedia, idFromPath, thumbnailWidth, type Media, type Thumbnail } from "./media";

interface StorageEvent {
  name: string;
  path: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A preview card as the thumbnail: the original scaled into a fixed-width
 * SVG (browsers do the resampling), so no native image library is needed.
 */
function renderThumbnail(media: Media, bytes: Buffer, width: number): string {
  const height = Math.round((width * 3) / 4);
  const href = `data:${media.type};base64,${bytes.toString("base64")}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(media.name)}</title>`,
    `<image href="${href}" width="${width}" height="${height}" preserveAspectRatio="xMidYMid slice"/>`,
    `</svg>`,
  ].join("");
}

/** storage.on("write:uploads/*"): checksum, thumbnail, and the record updated. */
export async function processUpload({ path }: StorageEvent) {
  const id = idFromPath(path);
  const media = id && (await getMedia(id));
  if (!id || !media) {
    console.warn(`no media record for ${path}; the weekly cleanup will move it to trash/`);
    return;
  }
  const bytes = await storage.readBuffer(path);
  if (!bytes) return; // removed before we got to it

  const width = thumbnailWidth();
  const thumbPath = `public/thumbnails/${id}.svg`;
  await storage.write(thumbPath, renderThumbnail(media, bytes, width), { type: "image/svg+xml" });
  const thumbnail: Thumbnail = { id, path: thumbPath, url: `/${thumbPath}`, width, createdAt: new Date().toISOString() };
  await data.set(`thumbnail:${id}`, thumbnail);
  await data.set(`media:${id}`, {
    status: "processed",
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    thumbnail: thumbnail.url,
  });

  // Announce after a grace period, so an upload deleted right away never is.
  await events.publish("media.processed", { after: "10 minutes" }, { id });
}

/** data.on("created:media:*"): running totals. */
export async function countUpload({ item }: { item: { value: unknown } }) {
  const media = item.value as Media;
  await data.add("stats:uploads", "files", 1);
  await data.add("stats:uploads", "bytes", media.size);
}

/** events.on("media.processed"): tell the webhook, when one is configured. */
export async function announce(event: CloudEvent) {
  const { id } = event.body as { id: string };
  const media = await getMedia(id);
  if (!media || media.announcedAt) return; // deleted meanwhile, or a redelivery
  const url = params.WEBHOOK_URL;
  if (url) {
    const body = JSON.stringify({ event: "media.processed", media });
    // WEBHOOK_SECRET is a secret param: the receiver checks this signature.
    const signature = createHmac("sha256", params.WEBHOOK_SECRET ?? "").update(body).digest("hex");
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-signature": signature }, body });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`); // thrown: the event is retried
  }
  await data.set(`media:${id}`, { announcedAt: new Date().toISOString() });
  console.log(`announced ${media.name} (${id})`);
}

import { data, params } from "iac";

export interface Media {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Storage path of the original, always under `uploads/`. */
  path: string;
  status: "pending" | "uploaded" | "processed";
  uploadedAt: string;
  /** Public URL of the thumbnail, once processed. */
  thumbnail?: string;
  sha256?: string;
  announcedAt?: string;
}

export interface Thumbnail {
  id: string;
  path: string;
  url: string;
  width: number;
  createdAt: string;
}

export const ACCEPTED_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"];

export function newId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** `uploads/<id>--<name>`: flat, so the `uploads/*` listener glob matches it. */
export function uploadPath(id: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(-80) || "file";
  return `uploads/${id}--${safe}`;
}

export function idFromPath(path: string): string | undefined {
  return /^uploads\/([a-z0-9]+)--/.exec(path)?.[1];
}

/** Thumbnail width in pixels: the THUMBNAIL_WIDTH param, 160 when unset. */
export function thumbnailWidth(): number {
  const width = Number.parseInt(params.THUMBNAIL_WIDTH ?? "", 10);
  return Number.isInteger(width) && width > 0 ? width : 160;
}

export async function getMedia(id: string): Promise<Media | undefined> {
  return ((await data.get(`media:${id}`)) ?? undefined) as Media | undefined;
}

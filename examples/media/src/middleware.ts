import type { NextFunction, Request, Response } from "iac";
import { ACCEPTED_TYPES } from "./media";

const MAX_BYTES = 5 * 1024 * 1024;

/** The uploaded file: multipart's first file, or the raw body sent as one. */
export function uploadedFile(req: Request) {
  // multer's typing allows files grouped by field; api.upload always gives an array.
  return Array.isArray(req.files) ? req.files[0] : undefined;
}

export function requireFile(req: Request, res: Response, next: NextFunction) {
  const file = uploadedFile(req);
  if (!file || file.size === 0) {
    res.status(400).json({ error: "send one file, as multipart/form-data or as the raw body" });
    return;
  }
  next();
}

export function acceptImagesOnly(req: Request, res: Response, next: NextFunction) {
  const file = uploadedFile(req)!;
  if (!ACCEPTED_TYPES.includes(file.mimetype)) {
    res.status(415).json({ error: `${file.mimetype} is not an image type we accept`, accepted: ACCEPTED_TYPES });
    return;
  }
  if (file.size > MAX_BYTES) {
    res.status(413).json({ error: "images are limited to 5 MB" });
    return;
  }
  next();
}

/** Runs before every upload route, in this order. */
export const uploadChecks = [requireFile, acceptImagesOnly];

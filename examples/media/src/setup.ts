// Every registration of the app, in one place. Handlers live in their own
// modules; the analyzer follows setup() from index.ts to find them.
import { api, data, events, schedule, storage } from "iac";
import { cleanUp } from "./cleanup";
import { createUploadUrl, deleteMedia, getOne, getStats, listMedia, sendOriginal, uploadMedia } from "./handlers";
import { uploadChecks } from "./middleware";
import { announce, countUpload, processUpload } from "./processing";

export function setup() {
  api.upload("/media", uploadChecks, uploadMedia);
  api.post("/media/upload-url", createUploadUrl);
  api.get("/media", listMedia);
  api.get("/media/:id", getOne);
  api.get("/media/:id/original", { timeout: 20_000 }, sendOriginal);
  api.delete("/media/:id", deleteMedia);
  api.get("/stats", getStats);

  storage.on("write:uploads/*", processUpload);
  data.on("created:media:*", countUpload);
  events.on("media.processed", announce);

  // Mondays 03:00 UTC.
  schedule.cron("0 3 ? * MON *", { timeout: 120_000 }, cleanUp);
}

import { data, storage } from "iac";
import { idFromPath } from "./media";

const TRASH_DAYS = 7;

/**
 * Weekly: originals that no record points to (an upload URL used without
 * the record, a crash between the two writes) go to trash/; trash older
 * than a week is deleted.
 */
export async function cleanUp() {
  let moved = 0;
  let deleted = 0;
  // Listed names are relative to the folder listed.
  for await (const page of storage.list("uploads", { recursive: true, pageSize: 100 })) {
    for (const name of page) {
      const path = `uploads/${name}`;
      const id = idFromPath(path);
      if (!id || !(await data.get(`media:${id}`))) {
        await storage.move(path, "trash");
        moved++;
      }
    }
  }
  const cutoff = Date.now() - TRASH_DAYS * 24 * 60 * 60 * 1000;
  for await (const page of storage.list("trash", { recursive: true })) {
    for (const name of page) {
      const path = `trash/${name}`;
      const stat = await storage.stat(path);
      if (stat && new Date(stat.lastModified).getTime() < cutoff) {
        await storage.remove(path);
        deleted++;
      }
    }
  }
  console.log(`cleanup: ${moved} orphans moved to trash, ${deleted} old files deleted`);
}

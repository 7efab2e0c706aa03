/**
 * Watches the app folder for `iac dev`: one non-recursive `fs.watch` per
 * folder (new folders are picked up as they appear). Per-folder watches see
 * editors' atomic saves (write a temp file, rename it over the original),
 * which Node 20's recursive mode on Linux loses after the first rename.
 * Code changes trigger a reload after a short debounce (editors write in
 * several steps; kept small because save-to-answer latency is a target);
 * `data.json` has its own callback; `static/` is served from disk, so it
 * needs nothing; state and dependencies (`.iac`, `node_modules`, `.git`,
 * `cdk.out`, `coverage`, `dist`) and dot-folders are not watched.
 */
import * as fs from "fs";
import * as path from "path";

export interface WatchCallbacks {
  onCode(): void;
  onDataJson(): void;
}

const IGNORED = new Set([".iac", "node_modules", ".git", "cdk.out", "coverage", "static", "dist"]);
const CODE = /\.(c|m)?(j|t)sx?$|\.json$/;
const DEBOUNCE_MS = 5;

export function watchApp(appDir: string, callbacks: WatchCallbacks): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers = new Map<string, fs.FSWatcher>();

  const onEvent = (dir: string, filename: string): void => {
    const full = path.join(dir, filename);
    if (full === path.join(appDir, "data.json")) return callbacks.onDataJson();
    if (!CODE.test(filename)) {
      // A new folder may hold code later: watch it. An editor's temp file can be gone by now (renamed over the original).
      if (isDirectory(full)) watchTree(full);
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(callbacks.onCode, DEBOUNCE_MS);
  };

  function watchTree(dir: string): void {
    if (watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (_event, filename) => {
        if (filename) onEvent(dir, filename.toString());
      });
    } catch {
      return; // removed meanwhile
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // removed meanwhile; its watcher reports the error and is closed
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !IGNORED.has(entry.name) && !entry.name.startsWith(".")) watchTree(path.join(dir, entry.name));
    }
  }

  watchTree(appDir);
  return () => {
    clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
}

/** Whether `file` is a folder now; false when it has gone (or cannot be read) in the meantime. */
function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

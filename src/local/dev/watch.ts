/**
 * Watches the app folder for `iac dev` (one recursive `fs.watch`, which Node
 * 20 supports on Linux, macOS and Windows). Code changes trigger a reload
 * after a short debounce (editors write a file in several steps; the delay
 * is kept small because save-to-answer latency is a target); `data.json`
 * has its own callback; `static/` is served from disk, so it needs nothing;
 * state and dependencies (`.iac`, `node_modules`, `.git`, `cdk.out`,
 * `coverage`) are ignored.
 */
import * as fs from "fs";

export interface WatchCallbacks {
  onCode(): void;
  onDataJson(): void;
}

const IGNORED_ROOTS = new Set([".iac", "node_modules", ".git", "cdk.out", "coverage", "static", "dist"]);
const DEBOUNCE_MS = 5;

export function watchApp(appDir: string, callbacks: WatchCallbacks): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = fs.watch(appDir, { recursive: true }, (_event, filename) => {
    if (!filename) return;
    const parts = filename.split(/[\\/]/);
    if (IGNORED_ROOTS.has(parts[0]) || parts.some((p) => p.startsWith(".") && p !== "." && p !== "..")) return;
    if (filename === "data.json") return callbacks.onDataJson();
    if (!/\.(c|m)?(j|t)sx?$|\.json$/.test(filename)) return;
    clearTimeout(timer);
    timer = setTimeout(callbacks.onCode, DEBOUNCE_MS);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

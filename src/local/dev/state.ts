/**
 * `.iac/<stage>/dev.json`: written by a running `iac dev` (its pid and URL),
 * removed when it stops, so other commands (`iac data`) reach the running
 * instance through its control endpoint instead of opening the store that
 * the dev server holds locked.
 */
import * as fs from "fs";
import * as path from "path";
import type { SeedItem } from "../../runtime/data/types";
import { stageDir } from "../app";
import { parseDataJson } from "../data-json";
import { CONTROL_PATH } from "./control";

interface DevState {
  pid: number;
  url: string;
}

export interface RunningDev {
  url: string;
  exportData(): Promise<SeedItem[]>;
  importData(items: SeedItem[], overwrite: boolean): Promise<number>;
}

function stateFile(appDir: string, stage: string): string {
  return path.join(stageDir(appDir, stage), "dev.json");
}

export function writeDevState(appDir: string, stage: string, url: string): () => void {
  const file = stateFile(appDir, stage);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const state: DevState = { pid: process.pid, url };
  fs.writeFileSync(file, JSON.stringify(state));
  return () => fs.rmSync(file, { force: true });
}

/** The running dev server of the stage, when there is one that answers. */
export async function readDevState(appDir: string, stage: string): Promise<RunningDev | undefined> {
  const file = stateFile(appDir, stage);
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const pid = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "pid") : undefined;
  const url = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "url") : undefined;
  if (typeof pid !== "number" || typeof url !== "string" || !isAlive(pid)) return undefined;
  const probe = await fetch(`${url}${CONTROL_PATH}`).catch(() => undefined);
  if (!probe?.ok) return undefined;
  return {
    url,
    async exportData() {
      const res = await fetch(`${url}${CONTROL_PATH}/data`);
      if (!res.ok) throw new Error(`the dev server answered ${res.status} to a data export: ${await res.text()}`);
      return parseDataJson(await res.text(), `${url}${CONTROL_PATH}/data`);
    },
    async importData(items, overwrite) {
      const res = await fetch(`${url}${CONTROL_PATH}/data?overwrite=${overwrite}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(items) });
      const body: unknown = await res.json();
      const written = typeof body === "object" && body !== null ? Reflect.get(body, "items") : undefined;
      if (!res.ok || typeof written !== "number") throw new Error(`the dev server refused the import: ${JSON.stringify(body)}`);
      return written;
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

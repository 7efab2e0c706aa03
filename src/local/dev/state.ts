/**
 * `.iac/<stage>/dev.json`: written by a running `iac dev` (its pid, URL and
 * the control endpoint's token), removed when it stops, so other commands
 * (`iac data`) reach the running instance through its control endpoint
 * instead of opening the store that the dev server holds locked. The token
 * opens that endpoint, so the file is readable by its owner only (0600).
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
  token: string;
}

export interface RunningDev {
  url: string;
  exportData(): Promise<SeedItem[]>;
  importData(items: SeedItem[], overwrite: boolean): Promise<number>;
}

function stateFile(appDir: string, stage: string): string {
  return path.join(stageDir(appDir, stage), "dev.json");
}

export function writeDevState(appDir: string, stage: string, url: string, token: string): () => void {
  const file = stateFile(appDir, stage);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const state: DevState = { pid: process.pid, url, token };
  // A new file created 0600 and renamed over the old one: the token is never readable by others, not even for a moment.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600, flag: "wx" });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return () => fs.rmSync(file, { force: true });
}

/** The running dev server of the stage, when there is one that answers. */
export async function readDevState(appDir: string, stage: string): Promise<RunningDev | undefined> {
  const file = stateFile(appDir, stage);
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const pid = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "pid") : undefined;
  const url = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "url") : undefined;
  const token = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "token") : undefined;
  if (typeof pid !== "number" || typeof url !== "string" || typeof token !== "string" || !isAlive(pid)) return undefined;
  const authorization = `Bearer ${token}`;
  const probe = await fetch(`${url}${CONTROL_PATH}`, { headers: { authorization } }).catch(() => undefined);
  if (!probe?.ok) return undefined;
  return {
    url,
    async exportData() {
      const res = await fetch(`${url}${CONTROL_PATH}/data`, { headers: { authorization } });
      if (!res.ok) throw new Error(`the dev server answered ${res.status} to a data export: ${await res.text()}`);
      return parseDataJson(await res.text(), `${url}${CONTROL_PATH}/data`);
    },
    async importData(items, overwrite) {
      const res = await fetch(`${url}${CONTROL_PATH}/data?overwrite=${overwrite}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify(items),
      });
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

/**
 * Evaluates one built app version as a fresh module: its own SDK instance,
 * handler registry and configuration, sharing only Node's module cache for
 * npm packages. Each version is written to its own file
 * (`.iac/<stage>/dev/app-<n>.js`) so stack traces and source maps name a
 * real file, and is dropped from `require.cache` at once: nothing but the
 * host's reference keeps an old version alive.
 */
import * as fs from "fs";
import * as path from "path";
import type { bootGuest } from "../guest";

export interface GuestModule {
  bootGuest: typeof bootGuest;
  loadApp(): void;
}

/** Versions kept on disk: the running one and the one before (its stacks may still print). */
const KEEP = 2;

export function loadVersion(devDir: string, version: number, code: string): GuestModule {
  fs.mkdirSync(devDir, { recursive: true });
  const file = path.join(devDir, `app-${version}.js`);
  fs.writeFileSync(file, code);
  pruneVersions(devDir, version);
  try {
    const loaded: unknown = require(file);
    if (!isGuestModule(loaded)) throw new Error(`internal: ${file} does not export bootGuest and loadApp`);
    return loaded;
  } finally {
    delete require.cache[file];
  }
}

function isGuestModule(value: unknown): value is GuestModule {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "bootGuest") === "function" &&
    typeof Reflect.get(value, "loadApp") === "function"
  );
}

function pruneVersions(devDir: string, current: number): void {
  for (const name of fs.readdirSync(devDir)) {
    const match = /^app-(\d+)\.js$/.exec(name);
    if (match && Number(match[1]) <= current - KEEP) fs.rmSync(path.join(devDir, name), { force: true });
  }
}

/**
 * Evaluates one app version for `iac dev`: a fresh instance of the SDK
 * bundle (its own handler registry and configuration), then the app bundle
 * against it. Each app version is written to its own file
 * (`.iac/<stage>/dev/app-<n>.cjs`) so stack traces and source maps name a
 * real file (`.cjs`: the folder is inside the app, whose package.json may
 * say `"type": "module"`); both are dropped from `require.cache` at once, so nothing but
 * the host's reference keeps an old version alive. npm packages are shared
 * through Node's module cache. An app with top-level `await` comes as an ES
 * module (`app-<n>.mjs`, see bundler.ts), evaluated by `import()`.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { bootGuest } from "../guest";
import { SDK_GLOBAL } from "./bundler";

export interface GuestModule {
  bootGuest: typeof bootGuest;
  loadApp(): Promise<void>;
}

/** App versions kept on disk: the running one and the one before (its stacks may still print). */
const KEEP = 2;
const SDK_KEY = Symbol.for(SDK_GLOBAL);

/** Writes the SDK bundle where every version will load it from. */
export function writeSdk(devDir: string, code: string): string {
  fs.mkdirSync(devDir, { recursive: true });
  const file = path.join(devDir, "sdk.cjs");
  fs.writeFileSync(file, code);
  return file;
}

/** `instrument`: what the app is handed instead of the SDK module (the dashboard's recording wrapper). */
export function loadVersion(
  sdkFile: string,
  devDir: string,
  version: number,
  appCode: string,
  format: "cjs" | "esm" = "cjs",
  instrument?: (sdk: object) => object,
): GuestModule {
  const appFile = path.join(devDir, `app-${version}.${format === "esm" ? "mjs" : "cjs"}`);
  fs.writeFileSync(appFile, appCode);
  pruneVersions(devDir, version);
  const sdkModule = requireFresh(sdkFile);
  const boot: unknown = Reflect.get(Object(sdkModule), "bootGuest");
  const sdk: unknown = Reflect.get(Object(sdkModule), "sdk");
  if (!isBoot(boot) || typeof sdk !== "object" || sdk === null) throw new Error(`internal: ${sdkFile} does not export bootGuest and sdk`);
  return {
    bootGuest: boot,
    async loadApp() {
      // The app's `iac` shim reads this while the app bundle evaluates (until its top-level awaits settle).
      Reflect.set(globalThis, SDK_KEY, { ...(instrument ? instrument(sdk) : sdk), __esModule: true });
      try {
        if (format === "esm") await importEsm(pathToFileURL(appFile).href);
        else requireFresh(appFile);
      } finally {
        Reflect.deleteProperty(globalThis, SDK_KEY);
      }
    },
  };
}

/**
 * A real `import()`: iac's own code is transpiled to CommonJS with dynamic
 * imports lowered to `require` (scripts/build.js), which cannot load an ES
 * module with top-level await; a function made at run time escapes that.
 */
const importEsm = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;

function requireFresh(file: string): unknown {
  delete require.cache[file];
  try {
    const loaded: unknown = require(file);
    return loaded;
  } finally {
    delete require.cache[file];
  }
}

function isBoot(value: unknown): value is typeof bootGuest {
  return typeof value === "function";
}

function pruneVersions(devDir: string, current: number): void {
  for (const name of fs.readdirSync(devDir)) {
    const match = /^app-(\d+)\.[cm]js$/.exec(name);
    if (match && Number(match[1]) <= current - KEEP) fs.rmSync(path.join(devDir, name), { force: true });
  }
}

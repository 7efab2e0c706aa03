/**
 * The local instance as the library offers it (`loadLocal()` in
 * src/compiler.ts): what `iac dev`, `iac test`, `iac init`, `iac data` and
 * `iac params --local` call. Loaded on first use, never with the library,
 * so `iac build` and an iac.config that imports `iac/compiler` load none of
 * it; the dev server, Jest and the embedded store load later still, when
 * they run (each costs from a tenth of a second to a few).
 */
export { LocalAppError, resolveLocalApp, resolveLocalStage } from "./local/app";
export { initApp, listTemplates } from "./local/init";
export { listLocalParams, localParamsFile, writeLocalParam } from "./local/params";
export { parseDataJson } from "./local/data-json";
/** Errors of a data.json item's key and value: the user's to fix, as the SDK reports them. */
export { DataKeyError } from "./runtime/data/keys";
export { DataValueError } from "./runtime/data/values";
export { jestFlagOptions, pickJestFlags, SHOWN_JEST_FLAGS } from "./local/test/jest-flags";
export { readCommands, TERMINAL_HELP } from "./local/dev/keys";

type DataIo = typeof import("./local/data-io");

/** Runs the app locally (`iac dev`): bundles, serves, reloads on save, and analyses each version. */
export async function startDevServer(options: import("./local/dev/server").DevOptions): Promise<import("./local/dev/server").DevServer> {
  return (await import("./local/dev/server")).startDevServer(options);
}

/** Runs the app's Jest tests against a fresh local instance per test file (`iac test`). */
export async function runAppTests(options: import("./local/test/run").TestOptions): Promise<import("./local/test/run").TestOutcome> {
  return (await import("./local/test/run")).runAppTests(options);
}

/** A local stage's data as data.json items (`iac data export`). */
export async function exportLocalData(...args: Parameters<DataIo["exportLocalData"]>): ReturnType<DataIo["exportLocalData"]> {
  return (await import("./local/data-io")).exportLocalData(...args);
}

/** Writes data.json items into a local stage (`iac data import`). */
export async function importLocalData(...args: Parameters<DataIo["importLocalData"]>): ReturnType<DataIo["importLocalData"]> {
  return (await import("./local/data-io")).importLocalData(...args);
}

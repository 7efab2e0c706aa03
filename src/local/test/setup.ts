/**
 * Runs in every test file of `iac test` (Jest's setupFilesAfterEnv), inside
 * the file's own module registry, so the SDK instance configured here is the
 * one the app and the test import as `iac` / `@serverless/cloud`.
 *
 * Each test file gets a fresh, isolated instance: its own table on the run's
 * in-memory data server (holding the app's `data.json` before the app
 * loads), its own temporary storage folder, its own event queue, its own
 * HTTP server on 127.0.0.1 (a free port) serving what `iac dev` serves
 * (signed storage URLs, `/public/*`, `static/`, the app; its URL is
 * `params.CLOUD_URL`), and the app's entry loaded once before the file's
 * tests, with every module's top-level `await` settled.
 *
 * Jest runs this file before the test file's body, and the body (with the
 * app modules it imports) before any `beforeAll`. So everything that can be
 * synchronous happens here, at this file's evaluation: the SDK's backends,
 * runtime settings and params (`CLOUD_URL` included: the server's port is
 * chosen now), so a test file may import the app at its top level, and the
 * app may read params and make clients at load. The rest happens in
 * `beforeAll`, before the tests: the table is created and seeded (data calls
 * made earlier wait for that), the server listens, and the entry loads
 * unless the test file already imported it (Jest's registry runs a module
 * once, so its routes register once).
 *
 * It also gives `expect` the matcher names Jest 30 removed, which tests
 * written for Jest 27 use (jest27-matchers.ts).
 */
import * as fs from "fs";
import type { Server } from "http";
import * as os from "os";
import * as path from "path";
import { randomUUID } from "crypto";
import { createDataApi } from "../../runtime/data/api";
import { createDynamoBackend } from "../../runtime/data/dynamo";
import { ensureDataTable, localDynamoClient } from "../../runtime/data/local";
import type { SeedItem } from "../../runtime/data/types";
import { parseDataJson } from "../data-json";
import { scanItems } from "../data-io";
import { createHostApp } from "../dev/http";
import { DevLogger } from "../dev/logger";
import { LocalEventQueue } from "../events-queue";
import { configureGuest, type Guest } from "../guest";
import { PENDING_MODULES_KEY, readTestEnv } from "./env";
import { installJest27Matchers } from "./jest27-matchers";
import { freePortSync } from "./port";

const HOST = "127.0.0.1";
const env = readTestEnv(process.env);
const table = `t-${randomUUID()}`;
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-test-storage-"));
const port = freePortSync(HOST);
let server: Server | undefined;

let tableCreated!: () => void;
let tableFailed!: (error: unknown) => void;
const tableReady = new Promise<void>((resolve, reject) => {
  tableCreated = resolve;
  tableFailed = reject;
});
// Data calls waiting on it get the rejection; this copy is nobody's to handle.
tableReady.catch(() => undefined);

const queue = new LocalEventQueue({
  deliver: (event) => guest.deliverEvent(event),
  backoffMs: 50,
  onGiveUp: (event, error) => console.error(`events.on ${event.name}: handler failed after retries`, error),
});

const guest: Guest = configureGuest({
  appDir: env.appDir,
  staticDir: path.join(env.appDir, "static"),
  dataEndpoint: env.dataEndpoint,
  dataTable: table,
  dataReady: tableReady,
  storageDir,
  baseUrl: urlOf(port),
  storageSecret: randomUUID(),
  onStorageListenerFailure: (error, event) => console.error(`storage.on ${event.name} ${event.path}: handler failed after retries`, error),
  params: { ...env.params, CLOUD_URL: urlOf(port) },
  events: queue,
  logger: { error: (message) => console.error(message) },
  onDataListenerFailure: (error, event) => console.error(`data.on ${event.name} ${event.item.key}: handler failed after retries`, error),
});

beforeAll(async () => {
  try {
    await createTable();
    tableCreated();
  } catch (error) {
    tableFailed(error);
    throw error;
  }
  server = await serveInstance();
  // Jest's require: the app joins this file's module registry (and its
  // transform); a no-op when the test file imported the entry already.
  require(env.entry);
  await settlePendingModules();
});

afterAll(async () => {
  await guest.dataIdle();
  await guest.storage.idle();
  queue.close();
  guest.close();
  await closeServer();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

/** The app's `data.json` (the data.json format), if it has one; a malformed file is an error naming it. */
function readAppDataJson(appDir: string): SeedItem[] | undefined {
  const file = path.join(appDir, "data.json");
  if (!fs.existsSync(file)) return undefined;
  try {
    return parseDataJson(fs.readFileSync(file, "utf8"), file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseDataJson names the file in its own errors; JSON.parse's do not.
    throw new Error(message.includes(file) ? `iac test: ${message}` : `iac test: ${file} is not valid JSON: ${message}`);
  }
}

function urlOf(listeningOn: number): string {
  return `http://${HOST}:${listeningOn}`;
}

/** The file's table, holding the app's `data.json`. */
async function createTable(): Promise<void> {
  const client = localDynamoClient(env.dataEndpoint);
  try {
    await ensureDataTable(client, table);
    // Through a backend without change events: seeding is the instance's
    // starting state, not writes for data.on.
    const seed = readAppDataJson(env.appDir);
    if (seed) await createDataApi(() => createDynamoBackend({ table, client })).seed(seed);
  } finally {
    client.destroy();
  }
}

/**
 * The instance's HTTP surface, the one `iac dev` serves (its control
 * endpoint included), on the port chosen at this file's start. Should
 * another socket have taken that port since, on a new one: signed URLs and
 * `params.CLOUD_URL` move to it; a `CLOUD_URL` read before (at the top level
 * of the test file or of a module it imported) still names the old port.
 */
async function serveInstance(): Promise<Server> {
  const app = createHostApp({
    staticDir: path.join(env.appDir, "static"),
    // Request lines would interleave with Jest's report: the test's own output is what matters.
    logger: new DevLogger(() => undefined),
    current: () => guest,
    control: {
      status: () => ({ app: env.appDir, schedules: guest.schedules().map((s) => s.expression), events: guest.eventNames(), pendingEvents: queue.list() }),
      runSchedule: (expression) => guest.runSchedule(expression),
      publish: async (name, body) => {
        const id = randomUUID();
        await queue.publish({ id, name, body, time: new Date().toISOString(), delay: 0 });
        return { id };
      },
      exportData: () => scanItems(env.dataEndpoint, table),
      importData: (items, overwrite) => guest.loadData(items, overwrite),
      reload: () => Promise.reject(new Error("iac test loads the app once per test file: there is nothing to reload")),
    },
  });
  const listen = (on: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const listening = app.listen(on, HOST, () => resolve(listening));
      listening.once("error", reject);
    });
  try {
    return await listen(port);
  } catch (error) {
    // Not instanceof Error: Node's errors come from outside the test file's realm.
    if (typeof error !== "object" || error === null || Reflect.get(error, "code") !== "EADDRINUSE") throw error;
  }
  const moved = await listen(0);
  const address = moved.address();
  if (!address || typeof address === "string") throw new Error("internal: the test instance's server has no port");
  guest.setBaseUrl(urlOf(address.port));
  return moved;
}

function closeServer(): Promise<void> {
  const open = server;
  server = undefined;
  if (!open) return Promise.resolve();
  return new Promise((resolve) => {
    open.close(() => resolve());
    // Keep-alive sockets of the test's own fetches would hold close() open.
    open.closeAllConnections();
  });
}

interface PendingModule {
  file: string;
  done: Promise<unknown>;
}

function isPendingModule(value: unknown): value is PendingModule {
  return typeof value === "object" && value !== null && "file" in value && typeof value.file === "string" && "done" in value && value.done instanceof Promise;
}

/**
 * Waits for the bodies of modules with top-level `await` (transform.ts puts
 * them in the global set); a module that awaited another can register more,
 * so until the set is empty. A rejection fails the file, naming the module.
 */
async function settlePendingModules(): Promise<void> {
  const set: unknown = Reflect.get(globalThis, Symbol.for(PENDING_MODULES_KEY));
  if (!(set instanceof Set)) return;
  while (set.size > 0) {
    const batch = [...set];
    set.clear();
    for (const entry of batch) {
      if (!isPendingModule(entry)) continue;
      try {
        await entry.done;
      } catch (error) {
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        throw new Error(`iac test: ${entry.file} failed in its top-level await: ${reason}`);
      }
    }
  }
}

installJest27Matchers();

/**
 * Runs in every test file of `iac test` (Jest's setupFilesAfterEnv), inside
 * the file's own module registry, so the SDK instance configured here is the
 * one the app and the test import as `iac` / `@serverless/cloud`.
 *
 * Each test file gets a fresh, isolated instance: its own table on the run's
 * in-memory data server, its own temporary storage folder, its own event
 * queue, and the app's entry loaded once before the file's tests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { randomUUID } from "crypto";
import { ensureDataTable, localDynamoClient } from "../../runtime/data/local";
import { LocalEventQueue } from "../events-queue";
import { bootGuest, type Guest } from "../guest";
import { readTestEnv } from "./env";

const env = readTestEnv(process.env);
let guest: Guest | undefined;
let queue: LocalEventQueue | undefined;
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-test-storage-"));

beforeAll(async () => {
  const table = `t-${randomUUID()}`;
  const client = localDynamoClient(env.dataEndpoint);
  try {
    await ensureDataTable(client, table);
  } finally {
    client.destroy();
  }
  const events = new LocalEventQueue({
    deliver: (event) => (guest ? guest.deliverEvent(event) : Promise.reject(new Error("the app is not loaded"))),
    backoffMs: 50,
    onGiveUp: (event, error) => console.error(`events.on ${event.name}: handler failed after retries`, error),
  });
  queue = events;
  guest = await bootGuest(
    {
      appDir: env.appDir,
      staticDir: path.join(env.appDir, "static"),
      dataEndpoint: env.dataEndpoint,
      dataTable: table,
      storageDir,
      storageSecret: randomUUID(),
      onStorageListenerFailure: (error, event) => console.error(`storage.on ${event.name} ${event.path}: handler failed after retries`, error),
      params: env.params,
      events,
      logger: { error: (message) => console.error(message) },
      onDataListenerFailure: (error, event) => console.error(`data.on ${event.name} ${event.item.key}: handler failed after retries`, error),
    },
    () => {
      // Jest's require: the app joins this file's module registry (and its transform).
      require(env.entry);
    },
  );
});

afterAll(async () => {
  await guest?.dataIdle();
  await guest?.storage.idle();
  queue?.close();
  guest?.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

/**
 * The embedded path: the local instance `iac dev` and `iac test` run,
 * in-process. The guest is configured by the product's own code
 * (`configureGuest`: data on an in-memory dynalite, files in a temp folder,
 * the in-process event queue, the local stage's params read by
 * `readLocalParams`), and served by `iac dev`'s host app on a loopback
 * port, which is `params.CLOUD_URL`: requests take the path a browser's do.
 */
import { randomUUID } from "crypto";
import * as fs from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { startLocalDynamo, localDynamoClient, LOCAL_TABLE } from "../../../src/runtime/data/local";
import { resolveLocalApp } from "../../../src/local/app";
import { createHostApp } from "../../../src/local/dev/http";
import { DevLogger } from "../../../src/local/dev/logger";
import { LocalEventQueue } from "../../../src/local/events-queue";
import { configureGuest, type Guest } from "../../../src/local/guest";
import { readLocalParams } from "../../../src/local/params";
import { recordCommands } from "../../support/data";
import { FIXTURE } from "../statements/fixture";
import type { PathHarness } from "./define";

export const EMBEDDED_STAGE = FIXTURE.localStage;

export async function startEmbedded(appDir: string): Promise<PathHarness> {
  const app = resolveLocalApp(appDir);
  const staticDir = path.join(app.dir, "static");
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-conformance-files-"));
  const dynamo = await startLocalDynamo();
  const client = localDynamoClient(dynamo.endpoint);
  const commands = recordCommands(client);
  const logs: string[] = [];
  const log = (message: string) => void logs.push(message);
  let guest: Guest | undefined;
  const queue = new LocalEventQueue({
    deliver: (event) => current().deliverEvent(event),
    backoffMs: 50,
    onGiveUp: (event, error) => log(`events.on ${event.name} gave up: ${String(error)}`),
  });
  const current = (): Guest => {
    if (!guest) throw new Error("the embedded instance is not configured yet");
    return guest;
  };
  const host = createHostApp({
    staticDir,
    logger: new DevLogger(() => undefined),
    current: () => guest,
    control: {
      status: () => ({}),
      runSchedule: (expression) => current().runSchedule(expression),
      publish: () => Promise.reject(new Error("not used by the suite")),
      exportData: () => Promise.reject(new Error("not used by the suite")),
      importData: (items, overwrite) => current().loadData(items, overwrite),
      reload: () => Promise.reject(new Error("not used by the suite")),
    },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = host.listen(0, "127.0.0.1", () => resolve(listening));
    listening.once("error", reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  guest = configureGuest({
    appDir: app.dir,
    staticDir,
    dataEndpoint: dynamo.endpoint,
    dataTable: LOCAL_TABLE,
    dataClient: client,
    storageDir,
    baseUrl: url,
    storageSecret: randomUUID(),
    onStorageListenerFailure: (error, event) => log(`storage.on ${event.name} ${event.path} gave up: ${String(error)}`),
    params: readLocalParams({ appDir: app.dir, appName: app.name, stage: EMBEDDED_STAGE, url }),
    events: queue,
    logger: { error: log },
    onDataListenerFailure: (error, event) => log(`data.on ${event.name} ${event.item.key} gave up: ${String(error)}`),
  });
  return {
    logs,
    ctx: {
      path: "embedded",
      stage: EMBEDDED_STAGE,
      // The host's control endpoint, as `iac dev` fires schedules.
      async fireSchedule(expression) {
        const res = await fetch(`${url}/_iac/schedules?expression=${encodeURIComponent(expression)}`, { method: "POST" });
        if (!res.ok) throw new Error(`firing ${expression}: ${res.status} ${await res.text()}`);
      },
      errorLogs: () => logs,
      dataCommands: () => commands,
    },
    async close() {
      await current().dataIdle();
      await current().storage.idle();
      queue.close();
      current().close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      client.destroy();
      await dynamo.close();
      fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

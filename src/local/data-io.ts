/**
 * `iac data export` / `import` for a local stage, in the data.json format
 * (`[{ key, value, label1?.., ttl? }]`). Export scans the embedded table (a
 * whole-table read is fine for a developer's instance and is never offered
 * for deployed stages); import writes through the SDK's data API (its
 * `loadItems`, `data.seed`'s loading without the clearing), so keys and
 * labels are validated as any write is, and `--overwrite` replaces the
 * imported keys only.
 *
 * The store is a LevelDB folder that one process opens at a time: while
 * `iac dev` runs for the stage, both go through its control endpoint
 * (`/_iac/data`); otherwise the store is opened here directly.
 */
import * as path from "path";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { createDataApi, loadItems } from "../runtime/data/api";
import { createDynamoBackend } from "../runtime/data/dynamo";
import { formatKey } from "../runtime/data/keys";
import { LOCAL_TABLE, localDynamoClient, startLocalDynamo } from "../runtime/data/local";
import { isExpired, itemToRecord } from "../runtime/data/records";
import { LABEL_NAMES, type SeedItem } from "../runtime/data/types";
import { LocalAppError, resolveLocalApp, stageDir } from "./app";
import { readDevState } from "./dev/state";

/** Every live item of the table at `endpoint`, sorted by key. */
export async function scanItems(endpoint: string, table = LOCAL_TABLE): Promise<SeedItem[]> {
  const base = localDynamoClient(endpoint);
  const client = DynamoDBDocumentClient.from(base);
  const now = Math.floor(Date.now() / 1000);
  const items: SeedItem[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const raw of page.Items ?? []) {
        const record = itemToRecord(raw);
        if (!record || isExpired(record, now)) continue;
        const item: SeedItem = { key: formatKey(record.key), value: record.value };
        for (const name of LABEL_NAMES) {
          const label = record.labels[name];
          if (label) item[name] = formatKey(label);
        }
        if (record.ttl !== undefined) item.ttl = record.ttl;
        items.push(item);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    base.destroy();
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Writes `items` to the table at `endpoint`, existing keys kept or with `overwrite` replaced; returns how many were written. */
export async function seedItems(endpoint: string, items: SeedItem[], overwrite: boolean, table = LOCAL_TABLE): Promise<number> {
  const client = localDynamoClient(endpoint);
  try {
    const api = createDataApi(() => createDynamoBackend({ table, client }));
    return await loadItems(api, items, overwrite);
  } finally {
    client.destroy();
  }
}

export interface DataIoOptions {
  dir: string;
  stage: string;
}

export async function exportLocalData(options: DataIoOptions): Promise<SeedItem[]> {
  const app = resolveLocalApp(options.dir);
  const running = await readDevState(app.dir, options.stage);
  if (running) return running.exportData();
  return withStore(app.dir, options.stage, (endpoint) => scanItems(endpoint));
}

export async function importLocalData(options: DataIoOptions & { items: SeedItem[]; overwrite: boolean }): Promise<number> {
  const app = resolveLocalApp(options.dir);
  const running = await readDevState(app.dir, options.stage);
  if (running) return running.importData(options.items, options.overwrite);
  return withStore(app.dir, options.stage, (endpoint) => seedItems(endpoint, options.items, options.overwrite));
}

async function withStore<T>(appDir: string, stage: string, use: (endpoint: string) => Promise<T>): Promise<T> {
  const dir = path.join(stageDir(appDir, stage), "data");
  let dynamo;
  try {
    dynamo = await startLocalDynamo(dir);
  } catch (error) {
    throw new LocalAppError(`cannot open the data of stage "${stage}" (${dir}): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await use(dynamo.endpoint);
  } finally {
    await dynamo.close();
  }
}

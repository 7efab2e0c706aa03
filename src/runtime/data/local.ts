/**
 * The embedded data backend of the local instance: the DynamoDB backend on an
 * in-process dynalite, persisted under a folder (`.iac/<stage>/data`), with
 * `data.on` delivered in-process (dynalite has no streams).
 *
 * Inputs: a folder (or none: in memory). Outputs: an endpoint and a backend
 * whose `events` queue delivers changes per namespace in order, with retries.
 * Invariant: the table is created with the deployed layout (pk/sk, five label
 * GSIs on labelNpk/labelNsk), so the same code path runs locally and on AWS.
 * Only the local instance imports this file: Lambda bundles never pull dynalite.
 */
// Its declaration of dynalite's types comes with it into any program that reaches this file
// (an ejected project type-checks iac's sources through `iac/compiler`'s types); an ambient
// module declaration cannot be imported.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./dynalite.d.ts" />
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, type GlobalSecondaryIndex } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import * as fs from "fs";
import type { AddressInfo } from "net";
import { createDynamoBackend } from "./dynamo";
import { LocalDataEvents, type LocalDeliveryOptions } from "./local-events";
import { labelAttributes } from "./records";
import { LABEL_NAMES, type DataBackend } from "./types";

/** The table name the local instance uses (dynalite needs at least 3 characters). */
export const LOCAL_TABLE = "iac-data";

/** Dummy credentials: dynalite ignores them, the SDK insists on some. */
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite on a random loopback port, persisting under `dir` (in memory without), with the data table created. */
export async function startLocalDynamo(dir?: string, table = LOCAL_TABLE): Promise<LocalDynamo> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address: AddressInfo | string | null = server.address();
  if (!address || typeof address === "string") throw new Error("dynalite did not report a TCP port");
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = localDynamoClient(endpoint);
  try {
    await ensureDataTable(client, table);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS });
}

/** Creates the data table with the deployed layout unless it exists (a restarted instance keeps its data). */
export async function ensureDataTable(client: DynamoDBClient, table: string): Promise<void> {
  const indexes: GlobalSecondaryIndex[] = LABEL_NAMES.map((name) => {
    const attrs = labelAttributes(name);
    return {
      IndexName: name,
      KeySchema: [
        { AttributeName: attrs.pk, KeyType: "HASH" },
        { AttributeName: attrs.sk, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    };
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        AttributeDefinitions: ["pk", "sk", ...LABEL_NAMES.flatMap((n) => [labelAttributes(n).pk, labelAttributes(n).sk])].map((AttributeName) => ({
          AttributeName,
          AttributeType: "S",
        })),
        GlobalSecondaryIndexes: indexes,
      }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: table }));
    if (out.Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${table} did not become ACTIVE`);
}

export interface LocalDataBackend extends DataBackend {
  /** Change delivery: `subscribe` to observe writes, `idle()` to wait for handlers. */
  events: LocalDataEvents;
}

export interface LocalDataOptions extends LocalDeliveryOptions {
  endpoint: string;
  table?: string;
  /** Use this client (tests record its commands); else one for `endpoint`. */
  client?: DynamoDBClient;
}

export function createLocalDataBackend(options: LocalDataOptions): LocalDataBackend {
  const events = new LocalDataEvents(options);
  const backend = createDynamoBackend({
    table: options.table ?? LOCAL_TABLE,
    client: options.client ?? localDynamoClient(options.endpoint),
    onChange: (change) => events.push(change),
  });
  return { ...backend, events };
}

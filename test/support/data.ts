/**
 * Data backends for the contract suite, each on a real DynamoDB protocol
 * server (dynalite in-process on a random loopback port).
 *
 * - `startDynamoHarness`: the DynamoDB backend as deployed. Its writes are
 *   turned into NEW_AND_OLD_IMAGES stream records, marshalled by the AWS SDK's
 *   own marshaller, and handed to `dispatchDataStream` as Lambda would.
 * - `startLocalHarness`: the embedded backend of the local instance, persisted
 *   in a temp folder, delivering `data.on` in-process.
 * Both record the name of every DynamoDB command they send.
 */
import { redeliveringQueue } from "./redelivery";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { marshall } from "@aws-sdk/util-dynamodb";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createDynamoBackend, dispatchDataStream, type DataBackend, type DataChange, type DynamoDBStreamRecordLike } from "../../src/runtime/data";
import { createLocalDataBackend, localDynamoClient, startLocalDynamo, LOCAL_TABLE } from "../../src/runtime/data/local";
import { recordToItem } from "../../src/runtime/data/records";

export interface DataHarness {
  backend: DataBackend;
  /** Command names sent to DynamoDB, e.g. `QueryCommand`. */
  commands: string[];
  /** Resolves when every change so far has reached the data.on handlers. Rejects if a handler threw (stream harness). */
  settle(): Promise<void>;
  /** True when the harness retries a throwing handler itself (the local instance); on AWS, Lambda's poller does. */
  retriesHandlers: boolean;
  close(): Promise<void>;
}

/** Records the name of every command the client sends (DynamoDB's or S3's), in order. */
export function recordCommands(client: DynamoDBClient | S3Client): string[] {
  const commands: string[] = [];
  // The two stacks differ only in their service's input and output types, which this middleware never reads.
  (client.middlewareStack as DynamoDBClient["middlewareStack"]).add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "recordCommandNames" },
  );
  return commands;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The stream record DynamoDB would emit for a change. */
export function toStreamRecord(change: DataChange, sequence: number): DynamoDBStreamRecordLike {
  const keys = marshall({ pk: change.key.pk, sk: change.key.sk });
  const image = (r: DataChange["record"]) => marshall(recordToItem(r), { removeUndefinedValues: true });
  const base = { ApproximateCreationDateTime: Math.floor(Date.now() / 1000), Keys: keys, SequenceNumber: String(sequence) };
  switch (change.name) {
    case "created":
      return { eventName: "INSERT", eventSource: "aws:dynamodb", dynamodb: { ...base, NewImage: image(change.record) } };
    case "updated":
      return {
        eventName: "MODIFY",
        eventSource: "aws:dynamodb",
        dynamodb: { ...base, NewImage: image(change.record), ...(change.previous ? { OldImage: image(change.previous) } : {}) },
      };
    case "deleted":
      return { eventName: "REMOVE", eventSource: "aws:dynamodb", dynamodb: { ...base, OldImage: image(change.record) } };
  }
}

export async function startDynamoHarness(): Promise<DataHarness> {
  const server = await startLocalDynamo(undefined, "iac-test-table");
  const client = localDynamoClient(server.endpoint);
  const commands = recordCommands(client);
  const stream = redeliveringQueue<DynamoDBStreamRecordLike>(dispatchDataStream);
  let sequence = 0;
  const backend = createDynamoBackend({ table: "iac-test-table", client, onChange: (c) => stream.push(toStreamRecord(c, sequence++)) });
  return {
    backend,
    commands,
    retriesHandlers: false,
    settle: stream.settle,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

export async function startLocalHarness(dir = tempDir("iac-data-")): Promise<DataHarness & { dir: string }> {
  const server = await startLocalDynamo(dir);
  const client = localDynamoClient(server.endpoint);
  const commands = recordCommands(client);
  const backend = createLocalDataBackend({ endpoint: server.endpoint, client, table: LOCAL_TABLE, backoffMs: 5, attempts: 4 });
  return {
    backend,
    commands,
    dir,
    retriesHandlers: true,
    settle: () => backend.events.idle(),
    async close() {
      await backend.events.idle();
      client.destroy();
      await server.close();
    },
  };
}

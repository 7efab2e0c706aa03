/**
 * Storage backends for the contract suite.
 *
 * - `startS3Harness`: the S3 backend against s3rver (in-process, random
 *   loopback port, temp folder). s3rver's own S3 event notifications are fed
 *   to `dispatchStorageNotifications`, as Lambda would receive them.
 * - `startLocalStorageHarness`: the local files backend in a temp folder,
 *   with an HTTP server serving its signed URLs, as the local instance does.
 */
import { redeliveringQueue } from "./redelivery";
import { S3Client } from "@aws-sdk/client-s3";
import * as http from "http";
import type { AddressInfo } from "net";
import S3rver from "s3rver";
import { dispatchStorageNotifications, type S3EventRecordLike, type StorageBackend } from "../../src/runtime/storage";
import { createLocalStorageBackend } from "../../src/runtime/storage/local";
import { createS3Backend } from "../../src/runtime/storage/s3";
import { recordCommands, tempDir } from "./data";

export interface StorageHarness {
  backend: StorageBackend;
  /** Resolves when every event so far reached storage.on handlers; rejects when one threw (S3 harness). */
  settle(): Promise<void>;
  retriesHandlers: boolean;
  /** False for s3rver, which checks URL expiry but not signatures. */
  checksSignatures: boolean;
  /** S3 harness: the name of every command the backend's client sent, in order. */
  commands?: string[];
  close(): Promise<void>;
}

export async function startS3Harness(): Promise<StorageHarness> {
  const bucket = "iac-test-bucket";
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: tempDir("iac-s3-"), configureBuckets: [{ name: bucket }] });
  const notifications = redeliveringQueue<S3EventRecordLike>(dispatchStorageNotifications);
  server.on("event", (e: { Records: S3EventRecordLike[] }) => notifications.push(...e.Records));
  const { port } = await server.run();
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const commands = recordCommands(client);
  return {
    backend: createS3Backend({ bucket, client }),
    commands,
    retriesHandlers: false,
    checksSignatures: false,
    settle: notifications.settle,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

export async function startLocalStorageHarness(): Promise<StorageHarness> {
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>) | undefined;
  const server = http.createServer((req, res) => {
    void (handle?.(req, res) ?? Promise.resolve(false)).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const backend = createLocalStorageBackend({ dir: tempDir("iac-files-"), baseUrl: `http://127.0.0.1:${port}/_iac/storage`, backoffMs: 5, attempts: 4 });
  handle = (req, res) => backend.handleSignedRequest(req, res);
  return {
    backend,
    retriesHandlers: true,
    checksSignatures: true,
    settle: () => backend.events.idle(),
    async close() {
      await backend.events.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

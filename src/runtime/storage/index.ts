/**
 * The `storage` SDK object apps import, and its wiring.
 *
 * Inputs: a backend set by `configureStorage` (the local instance, tests), or
 * else, lazily on first use, the S3 backend on the bucket named by
 * `IAC_BUCKET` (deployed functions). Outputs: `storage` (the contract's file
 * API) and `dispatchStorageNotifications` (S3 notification records to
 * `storage.on` handlers). Invariants: every path is normalised before a
 * backend sees it, so `..` can never escape the store; a call without any
 * backend throws instead of guessing a bucket.
 */
import { createStorageApi, type StorageApi } from "./api";
import { lazyBackend } from "./lazy";
import type { StorageBackend } from "./types";

let configured: StorageBackend | undefined;
let fromEnv: StorageBackend | undefined;

/** Sets the backend (undefined: back to the environment default). */
export function configureStorage(backend: StorageBackend | undefined): void {
  configured = backend;
  fromEnv = undefined;
}

function currentBackend(): StorageBackend {
  if (configured) return configured;
  if (!fromEnv) {
    const bucket = process.env.IAC_BUCKET;
    if (!bucket) throw new Error("storage is not available outside a running instance (no IAC_BUCKET, and no local backend configured)");
    fromEnv = lazyBackend(async () => (await import("./s3")).createS3Backend({ bucket }));
  }
  return fromEnv;
}

export const storage: StorageApi = createStorageApi(currentBackend);

export type { StorageApi, StorageBody } from "./api";
export { dispatchStorageNotifications, clearStorageListeners, type S3EventRecordLike } from "./listeners";
export type { S3BackendOptions } from "./s3";
export { StoragePathError } from "./paths";
export type * from "./types";

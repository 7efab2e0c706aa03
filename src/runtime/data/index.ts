/**
 * The `data` SDK object apps import, and its wiring.
 *
 * Inputs: a backend set by `configureData` (the local instance, tests), or
 * else, lazily on first use, the DynamoDB backend on the table named by
 * `IAC_TABLE` (deployed functions). Outputs: `data` (the contract's key-value
 * API), `dispatchDataStream` (Lambda's DynamoDB stream records to `data.on`
 * handlers). Invariants: the runtime never imports the analyzer or synth; a
 * call without any backend throws a clear error instead of guessing a table.
 */
import { createDataApi, type DataApi } from "./api";
import { createDynamoBackend } from "./dynamo";
import type { DataBackend } from "./types";

let configured: DataBackend | undefined;
let fromEnv: DataBackend | undefined;

/** Sets the backend (undefined: back to the environment default). */
export function configureData(backend: DataBackend | undefined): void {
  configured = backend;
  fromEnv = undefined;
}

function currentBackend(): DataBackend {
  if (configured) return configured;
  if (!fromEnv) {
    const table = process.env.IAC_TABLE;
    if (!table) throw new Error("data is not available outside a running instance (no IAC_TABLE, and no local backend configured)");
    fromEnv = createDynamoBackend({ table });
  }
  return fromEnv;
}

export const data: DataApi = createDataApi(currentBackend);

export type { DataApi, QueryExpression, ListQueryOptions } from "./api";
export { dispatchDataStream, type DynamoDBStreamRecordLike } from "./stream";
export { clearDataListeners, hasDataListeners } from "./listeners";
export { createDynamoBackend, type DynamoBackendOptions } from "./dynamo";
export { SIMPLE_PARTITION, DataKeyError } from "./keys";
export { DataValueError } from "./values";
export type * from "./types";

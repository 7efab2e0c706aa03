/**
 * Seeds an ephemeral stage's table from the app's `data.json` after a
 * deployment, through the runtime's own data API (`data.seed`) against the
 * deployed DynamoDB table: the same key parsing, labels and TTL handling the
 * app gets, and existing keys are left alone (seed without overwrite).
 *
 * Boundary: `seedStage` needs only the table name (the stack's `TableName`
 * output) and, for tests or a local stand-in, a DynamoDB endpoint or client. Long-lived
 * stages are never seeded; the caller decides that, this function does not.
 */
import * as fs from "fs";
import * as path from "path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDataApi } from "../runtime/data/api";
import { createDynamoBackend } from "../runtime/data/dynamo";

export const SEED_FILE = "data.json";

export interface SeedResult {
  /** Items written (keys already present are skipped). */
  items: number;
  file: string;
}

/** Undefined when the app has no data.json. */
export async function seedStage(options: { appDir: string; table: string; endpoint?: string; client?: DynamoDBClient }): Promise<SeedResult | undefined> {
  const file = path.join(options.appDir, SEED_FILE);
  if (!fs.existsSync(file)) return undefined;
  const backend = createDynamoBackend({
    table: options.table,
    ...(options.client ? { client: options.client } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const data = createDataApi(() => backend);
  const { items } = await data.seed(file);
  return { items, file };
}

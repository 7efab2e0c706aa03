/**
 * Storage for the guest: the runtime's local-files backend under the
 * stage's `storage/` folder. Signed URLs point at the host's reserved
 * `/_iac/storage` path; the host keeps one signing secret for its lifetime,
 * so a URL signed by one app version still works after a reload.
 */
import type { IncomingMessage, ServerResponse } from "http";
import type { Readable } from "stream";
import { configureStorage } from "../runtime/storage";
import { createLocalStorageBackend } from "../runtime/storage/local";
import { normalizeFilePath } from "../runtime/storage/paths";
import type { StorageEvent, StorageStat } from "../runtime/storage/types";
import type { LateWrites } from "./late-writes";

export const STORAGE_URL_PATH = "/_iac/storage";

export interface GuestStorageConfig {
  storageDir: string;
  /** The dev server's origin; tests have none and get `http://localhost`. */
  baseUrl?: string;
  storageSecret: string;
  onStorageListenerFailure(error: unknown, event: StorageEvent): void;
  /** Runs `fn` attributed to `label` in the logs (listeners get their own label, not the writer's). */
  trace?<T>(label: string, fn: () => T): T;
}

export interface GuestStorage {
  /** Answers a signed URL request; false when `req` is not one. */
  handleSigned(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** A file with its stat, for `/public/*`; undefined when absent. */
  open(path: string): Promise<{ stat: StorageStat; body: Readable } | undefined>;
  idle(): Promise<void>;
}

/** `late`: the writes are checked for requests that timed out (iac dev, late-writes.ts). */
export function configureLocalStorage(config: GuestStorageConfig, late?: LateWrites): GuestStorage {
  const backend = createLocalStorageBackend({
    dir: config.storageDir,
    baseUrl: `${config.baseUrl ?? "http://localhost"}${STORAGE_URL_PATH}`,
    secret: config.storageSecret,
    onFailure: config.onStorageListenerFailure,
    ...(config.trace ? { trace: config.trace } : {}),
  });
  configureStorage(late ? late.storage(backend) : backend);
  return {
    handleSigned: (req, res) => backend.handleSignedRequest(req, res),
    async open(raw) {
      let path: string;
      try {
        path = normalizeFilePath(raw);
      } catch {
        return undefined; // `..` and friends: not a file, whatever the URL says
      }
      const stat = await backend.stat(path);
      const body = stat && (await backend.read(path));
      return stat && body ? { stat, body } : undefined;
    },
    idle: () => backend.events.idle(),
  };
}

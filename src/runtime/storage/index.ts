/**
 * PLACEHOLDER (type-only), written by the runtime-core engineer so that the
 * SDK surface (`src/runtime/index.ts`) type-checks before the storage module
 * lands. The storage engineer owns this file and replaces it wholesale; the
 * core needs only `storage` (a `StorageApi`, whose `getDownloadUrl` backs
 * `res.sendFile`) and `dispatchStorageNotifications(records)`.
 */
export interface StorageApi {
  write(path: string, data: unknown, options?: { type?: string; metadata?: Record<string, string> }): Promise<unknown>;
  read(path: string, options?: { buffer?: boolean }): Promise<unknown>;
  readBuffer(path: string): Promise<Buffer | undefined>;
  exists(path: string): Promise<boolean>;
  remove(path: string): Promise<boolean>;
  getDownloadUrl(path: string, seconds?: number): Promise<string | undefined>;
  getUploadUrl(path: string, seconds?: number): Promise<string>;
  on(event: string, handler: (event: { name: string; path: string }) => unknown): unknown;
}

export declare const storage: StorageApi;
export declare function dispatchStorageNotifications(records: unknown[]): Promise<void>;

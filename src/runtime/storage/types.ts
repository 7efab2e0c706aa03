/**
 * Types of the storage SDK (what apps see) and of the backend interface (what
 * a file store implements). Backends receive normalised paths only (no
 * leading slash, no `.` or `..` segments); the core does the normalising.
 */
import type { Readable } from "stream";

export interface StorageStat {
  size: number;
  lastModified: Date;
  type: string;
  /** Keys in lower case, as S3 keeps them. */
  metadata: Record<string, string>;
}

export interface WriteOptions {
  type?: string;
  metadata?: Record<string, string>;
}

/** What `storage.write` answers. */
export interface WriteResult {
  path: string;
  size: number;
  type: string;
  metadata: Record<string, string>;
}

export interface ListOptions {
  recursive?: boolean;
  /** Paths per page, 1 to 1000; default 100. */
  pageSize?: number;
}

export type StorageEventName = "write" | "remove";

export interface StorageEvent {
  name: StorageEventName;
  path: string;
}

export type StorageHandler = (event: StorageEvent) => unknown;

export interface StorageBackend {
  write(path: string, body: Buffer, options: { type: string; metadata: Record<string, string> }): Promise<void>;
  /** undefined when the file does not exist. */
  read(path: string): Promise<Readable | undefined>;
  stat(path: string): Promise<StorageStat | undefined>;
  /** False when the source does not exist. */
  copy(from: string, to: string): Promise<boolean>;
  /** False when nothing was there. */
  remove(path: string): Promise<boolean>;
  /**
   * Pages of paths under `prefix` (`""` or ending in `/`), in key order.
   * Not recursive: files directly under the prefix, and sub-folders as `prefix/sub/`.
   */
  list(prefix: string, recursive: boolean, pageSize: number): AsyncIterable<string[]>;
  downloadUrl(path: string, seconds: number): Promise<string>;
  uploadUrl(path: string, seconds: number): Promise<string>;
}

/**
 * A StorageBackend that creates the real one on first use. Deployed
 * functions of apps without storage never touch it, and those with storage
 * only pay for loading the S3 client and presigner (about 55 ms of cold
 * start) when a handler first reads or writes a file.
 */
import { once } from "../core/once";
import type { StorageBackend } from "./types";

export function lazyBackend(create: () => Promise<StorageBackend>): StorageBackend {
  const get = once(create);
  return {
    write: async (path, body, options) => (await get()).write(path, body, options),
    read: async (path) => (await get()).read(path),
    stat: async (path) => (await get()).stat(path),
    copy: async (from, to) => (await get()).copy(from, to),
    remove: async (path) => (await get()).remove(path),
    async *list(prefix, recursive, pageSize) {
      yield* (await get()).list(prefix, recursive, pageSize);
    },
    downloadUrl: async (path, seconds) => (await get()).downloadUrl(path, seconds),
    uploadUrl: async (path, seconds) => (await get()).uploadUrl(path, seconds),
  };
}

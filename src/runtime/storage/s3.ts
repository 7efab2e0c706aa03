/**
 * The S3 storage backend: one bucket per stage (`IAC_BUCKET`), object key =
 * normalised path. Listing pages with ListObjects (v1) markers rather than
 * ListObjectsV2 continuation tokens: s3rver builds those tokens with the DES
 * cipher, which Node 20's OpenSSL refuses (a truncated list answers 500),
 * and markers work the same on S3.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "stream";
import type { StorageBackend, StorageStat } from "./types";

export interface S3BackendOptions {
  bucket: string;
  client?: S3Client;
  /** Used when no client is given (tests, custom endpoints). */
  config?: S3ClientConfig;
}

function isMissing(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status =
    "$metadata" in err && typeof err.$metadata === "object" && err.$metadata !== null && "httpStatusCode" in err.$metadata
      ? err.$metadata.httpStatusCode
      : undefined;
  return err.name === "NoSuchKey" || err.name === "NotFound" || status === 404;
}

/** S3 copy sources are `bucket/key` with the key URL-encoded, slashes kept. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

export function createS3Backend(options: S3BackendOptions): StorageBackend {
  const client = options.client ?? new S3Client(options.config ?? {});
  const Bucket = options.bucket;

  async function head(path: string): Promise<StorageStat | undefined> {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: path }));
      return {
        size: out.ContentLength ?? 0,
        lastModified: out.LastModified ?? new Date(0),
        type: out.ContentType ?? "application/octet-stream",
        metadata: out.Metadata ?? {},
      };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  return {
    async write(path, body, { type, metadata }) {
      await client.send(new PutObjectCommand({ Bucket, Key: path, Body: body, ContentType: type, Metadata: metadata }));
    },

    async read(path) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: path }));
        if (out.Body instanceof Readable) return out.Body;
        if (!out.Body) return Readable.from([]);
        return Readable.from([Buffer.from(await out.Body.transformToByteArray())]);
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },

    stat: head,

    async copy(from, to) {
      if (!(await head(from))) return false;
      await client.send(new CopyObjectCommand({ Bucket, Key: to, CopySource: copySource(Bucket, from), MetadataDirective: "COPY" }));
      return true;
    },

    async remove(path) {
      // S3 deletes answer 204 whether or not the key existed: ask first.
      if (!(await head(path))) return false;
      await client.send(new DeleteObjectCommand({ Bucket, Key: path }));
      return true;
    },

    async *list(prefix, recursive, pageSize) {
      let marker: string | undefined;
      let page: string[] = [];
      for (;;) {
        const out = await client.send(
          new ListObjectsCommand({ Bucket, Prefix: prefix || undefined, Delimiter: recursive ? undefined : "/", Marker: marker, MaxKeys: 1000 }),
        );
        const entries = [
          ...(out.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
          ...(out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
        ];
        entries.sort();
        for (const entry of entries) {
          page.push(entry);
          if (page.length === pageSize) {
            yield page;
            page = [];
          }
        }
        if (!out.IsTruncated || entries.length === 0) break;
        // After a folder, skip all of its keys: they sort below prefix + U+10FFFF, the largest code point.
        const last = out.NextMarker ?? entries[entries.length - 1];
        marker = last.endsWith("/") && !recursive ? `${last}\u{10FFFF}` : last;
      }
      if (page.length > 0) yield page;
    },

    downloadUrl: (path, seconds) => getSignedUrl(client, new GetObjectCommand({ Bucket, Key: path }), { expiresIn: seconds }),
    uploadUrl: (path, seconds) => getSignedUrl(client, new PutObjectCommand({ Bucket, Key: path }), { expiresIn: seconds }),
  };
}

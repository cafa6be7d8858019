/**
 * S3 adapter: the archive in a bucket (AWS S3 or an S3-compatible server), for production.
 *
 * Write-once. With `writeOnce: 'if-none-match'` (default) every PUT carries `If-None-Match: *`: the
 * server refuses (412) to replace an existing key, atomically. AWS S3 (since 2024), MinIO and Ceph RGW
 * honour it. Servers that ignore the header (s3rver, used in the tests) would silently overwrite, so
 * they need `writeOnce: 'head-then-put'`: a HEAD, then a plain PUT. That leaves a race: two writers that
 * both see "absent" both PUT, and the later one wins. For raw objects that is harmless (same key, same
 * bytes); for audit segments it could replace one writer's segment with another's, which `audit verify`
 * then reports. Do not run more than one audit writer against such a server.
 *
 * Production: enable S3 Object Lock (compliance mode, a default retention) on the bucket. Object Lock
 * needs versioning, and on a versioned bucket a PUT to an existing key adds a version rather than
 * failing, so Object Lock keeps old versions but does not stop a new "latest": the If-None-Match guard
 * (optionally enforced by a bucket policy on the `s3:if-none-match` condition key) does that.
 *
 * Checksums: `requestChecksumCalculation: 'WHEN_REQUIRED'` turns off the SDK's default CRC32 trailers
 * (aws-chunked encoding, SDK >= 3.729), which S3-compatible servers often store verbatim or reject.
 * Instead every PUT carries Content-MD5, which every server accepts, AWS verifies, and Object Lock
 * requires. Reads are not checksummed by the SDK: the core recomputes SHA-256 on every raw read.
 */
import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ArchiveError } from '../errors.js';
import type { ObjectStore } from '../port.js';

export interface S3StoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** An S3-compatible server's URL; omit for AWS S3. */
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** How write-once is enforced; see the comment above. */
  readonly writeOnce?: 'if-none-match' | 'head-then-put';
  /**
   * ListObjectsV2 by default. 'v1' (marker-based) for servers whose V2 paging is broken: s3rver 3.7
   * encrypts continuation tokens with DES, which OpenSSL 3 (Node >= 17) lacks, so any truncated V2 page
   * fails with a 500.
   */
  readonly listApi?: 'v2' | 'v1';
  /** Keys per list request (S3 caps it at 1000); small values let tests exercise paging. */
  readonly pageSize?: number;
  readonly maxAttempts?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** S3 answers 409 ConditionalRequestConflict while a concurrent conditional write to the key settles. */
const CONDITIONAL_CONFLICT_RETRIES = 3;

export const createS3Store = (options: S3StoreOptions): ObjectStore => {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts ?? 3,
    // Resolve each command's middleware stack once, not on every send (a sort per request, measurable at
    // hundreds of requests a second). Safe here: no per-command middleware is ever added.
    cacheMiddleware: true,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 60_000,
    },
  });
  const Bucket = options.bucket;
  const writeOnce = options.writeOnce ?? 'if-none-match';
  const pageSize = options.pageSize ?? 1000;

  const put = (Key: string, bytes: Uint8Array, conditional: boolean) =>
    client.send(
      new PutObjectCommand({
        Bucket,
        Key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
        ...(conditional ? { IfNoneMatch: '*' } : {}),
      }),
    );

  const head = async (Key: string) => {
    try {
      const answer = await client.send(new HeadObjectCommand({ Bucket, Key }));
      return { size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (status(error) === 404 && errorName(error) !== 'NoSuchBucket') return undefined;
      throw toArchiveError(error, Key);
    }
  };

  return {
    async putIfAbsent(key, bytes) {
      if (writeOnce === 'head-then-put') {
        if (await head(key)) return false;
        try {
          await put(key, bytes, false);
          return true;
        } catch (error) {
          throw toArchiveError(error, key);
        }
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          await put(key, bytes, true);
          return true;
        } catch (error) {
          if (status(error) === 412) return false;
          if (status(error) === 409 && attempt < CONDITIONAL_CONFLICT_RETRIES) continue;
          throw toArchiveError(error, key);
        }
      }
    },

    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!answer.Body) throw new ArchiveError('UNAVAILABLE', `Empty response body for ${key}.`);
        return await answer.Body.transformToByteArray();
      } catch (error) {
        throw toArchiveError(error, key);
      }
    },

    head,

    async *list(prefix) {
      let token: string | undefined;
      do {
        let keys: string[];
        try {
          if (options.listApi === 'v1') {
            const page = await client.send(
              new ListObjectsCommand({ Bucket, Prefix: prefix, MaxKeys: pageSize, Marker: token }),
            );
            keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
            // Without a delimiter V1 sends no NextMarker: the last key is the marker.
            token = page.IsTruncated ? keys.at(-1) : undefined;
          } else {
            const page = await client.send(
              new ListObjectsV2Command({
                Bucket,
                Prefix: prefix,
                MaxKeys: pageSize,
                ContinuationToken: token,
              }),
            );
            keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          }
        } catch (error) {
          throw toArchiveError(error, prefix);
        }
        yield* keys;
      } while (token);
    },

    async close() {
      client.destroy();
    },
  };
};

function status(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = error.$metadata as { httpStatusCode?: number } | undefined;
  return metadata?.httpStatusCode;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}

function toArchiveError(error: unknown, key: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const name = errorName(error);
  if (status(error) === 404 && name !== 'NoSuchBucket')
    return new ArchiveError('NOT_FOUND', key, { cause: error });
  // Everything else (network, throttling, 5xx after the SDK's retries, access, a missing bucket) is the
  // storage being unusable for now; the name and status say which without echoing any object data.
  const code = status(error);
  return new ArchiveError('UNAVAILABLE', `S3 ${name}${code ? ` (${code})` : ''} on ${key}.`, {
    cause: error,
  });
}

/**
 * An S3-compatible server for tests: s3rver on 127.0.0.1, an OS-chosen free port, a fresh temp directory.
 *
 * What s3rver 3.7.1 does with the current AWS SDK v3, and the settings that follow from it:
 * - It ignores `If-None-Match` on PUT and overwrites: the S3 store runs with `writeOnce: 'head-then-put'`.
 * - Its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 (Node >= 17) lacks: a truncated V2 page
 *   is a 500. The store runs with `listApi: 'v1'` (marker paging), which works.
 * - It stores the request body as sent: the SDK's default CRC32 trailers (aws-chunked) would corrupt
 *   streamed bodies, so the store sets `requestChecksumCalculation: 'WHEN_REQUIRED'`.
 * - It accepts any Content-MD5 without checking it, does not fsync, and has no Object Lock or versioning.
 * - Path-style URLs (`forcePathStyle: true`) avoid vhost-style bucket hostnames on 127.0.0.1.
 * - SigV4 signatures from the SDK verify against its fixed credentials (`S3RVER` / `S3RVER`).
 */
import { mustNotSkip } from './ci.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** The slice of s3rver's API we use; it ships no type declarations. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => S3rverInstance;

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3RVER_REGION = 'us-east-1';
const START_TIMEOUT_MS = 15_000;

export interface S3TestServer {
  readonly endpoint: string;
  /** A bucket created at start. */
  readonly bucket: string;
  /** A client for creating more buckets and for tampering behind the store's back. */
  readonly client: S3Client;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<S3TestServer> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'berichtenpoort-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  let address: AddressInfo;
  try {
    address = await withTimeout(server.run(), START_TIMEOUT_MS, 's3rver did not start');
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    endpoint,
    region: S3RVER_REGION,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const createBucket = async (name: string) => {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  };
  const stop = async () => {
    client.destroy();
    await withTimeout(server.close(), START_TIMEOUT_MS, 's3rver did not stop').catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  };
  const bucket = 'berichtenpoort-archive';
  try {
    await createBucket(bucket);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, bucket, client, createBucket, stop };
}

/**
 * Starts the server, or explains why not. On CI (`CI=true`) a server that cannot start is a failure the
 * caller must report, never a skipped suite; elsewhere the caller may skip with the reason.
 */
export async function startS3ServerOrReason(): Promise<
  { server: S3TestServer; reason?: undefined } | { server?: undefined; reason: string; mustFail: boolean }
> {
  try {
    return { server: await startS3Server() };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown';
    return { reason, mustFail: mustNotSkip() };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

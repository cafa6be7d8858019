import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArchiveContract } from '../../src/archive/contract.js';
import { createS3Store, type S3StoreOptions } from '../../src/archive/s3/index.js';
import {
  S3RVER_CREDENTIALS,
  S3RVER_REGION,
  startS3ServerOrReason,
  type S3TestServer,
} from '../support/s3-server.js';

const started = await startS3ServerOrReason();

if (started.server === undefined) {
  // On CI a missing S3 server is a failure, never a silently skipped adapter.
  const { reason, mustFail } = started;
  describe('archive contract: s3 (s3rver)', () => {
    it.skipIf(!mustFail)(`s3rver must start (${reason})`, () => {
      throw new Error(`s3rver did not start: ${reason}`);
    });
  });
} else {
  const server: S3TestServer = started.server;
  afterAll(() => server.stop());

  /** The settings s3rver needs (see test/support/s3-server.ts); small pages so paging is exercised. */
  const storeOptions = (bucket: string, overrides: Partial<S3StoreOptions> = {}): S3StoreOptions => ({
    bucket,
    region: S3RVER_REGION,
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
    writeOnce: 'head-then-put',
    listApi: 'v1',
    pageSize: 2,
    maxAttempts: 1,
    ...overrides,
  });

  runArchiveContract(
    's3 (s3rver)',
    async () => {
      // A bucket per test keeps tests independent without cleaning up.
      const bucket = `archive-${randomUUID()}`;
      await server.createBucket(bucket);
      return {
        open: () => createS3Store(storeOptions(bucket)),
        // A bucket that does not exist: S3 answers NoSuchBucket, which must not read as "object not found".
        openBroken: () => createS3Store(storeOptions(`missing-${randomUUID()}`)),
        async overwrite(key, bytes) {
          await server.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
        },
        async remove(key) {
          await server.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
        },
        dispose: async () => undefined,
      };
    },
    // head-then-put: two writers can both see "absent".
    { atomicPutIfAbsent: false },
  );

  describe('s3 adapter against s3rver specifics', () => {
    let bucket: string;
    beforeAll(async () => {
      bucket = `archive-${randomUUID()}`;
      await server.createBucket(bucket);
    });

    it('maps a refused connection to UNAVAILABLE', async () => {
      const store = createS3Store({ ...storeOptions(bucket), endpoint: 'http://127.0.0.1:1' });
      try {
        await expect(store.head('raw/x')).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      } finally {
        await store.close();
      }
    });

    // Documents why the tests run s3rver with head-then-put: if this starts failing, s3rver honours
    // If-None-Match and the default mode can be tested too.
    it('s3rver ignores If-None-Match, so if-none-match mode would overwrite there', async () => {
      const store = createS3Store(storeOptions(bucket, { writeOnce: 'if-none-match' }));
      try {
        const key = 'probe/if-none-match';
        expect(await store.putIfAbsent(key, new TextEncoder().encode('first'))).toBe(true);
        expect(await store.putIfAbsent(key, new TextEncoder().encode('second'))).toBe(true);
        const answer = await server.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        expect(await answer.Body?.transformToString()).toBe('second');
      } finally {
        await store.close();
      }
    });
  });
}

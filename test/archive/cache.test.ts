import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/archive.js';
import { withRawCache } from '../../src/archive/cache.js';
import type { ObjectStore } from '../../src/archive/port.js';
import { ArchiveError } from '../../src/archive/errors.js';

const encoder = new TextEncoder();

/** An in-memory store that counts the requests the archive makes. */
function countingStore() {
  const objects = new Map<string, Uint8Array>();
  const calls = { put: 0, get: 0, head: 0 };
  const store: ObjectStore = {
    async putIfAbsent(key, bytes) {
      calls.put++;
      if (objects.has(key)) return false;
      objects.set(key, new Uint8Array(bytes));
      return true;
    },
    async get(key) {
      calls.get++;
      const bytes = objects.get(key);
      if (!bytes) throw new ArchiveError('NOT_FOUND', key);
      return new Uint8Array(bytes);
    },
    async head(key) {
      calls.head++;
      const bytes = objects.get(key);
      return bytes ? { size: bytes.length } : undefined;
    },
    async *list() {},
    async close() {},
  };
  return { store, calls, objects };
}

describe('archive: raw read cache', () => {
  it('puts a new small object with one write and no HEAD', async () => {
    const { store, calls } = countingStore();
    const archive = await openArchive(store);
    expect((await archive.putRaw(encoder.encode('new'))).created).toBe(true);
    expect(calls).toEqual({ put: 1, get: 0, head: 0 });
    // The duplicate path checks the stored size with one HEAD.
    expect((await archive.putRaw(encoder.encode('new'))).created).toBe(false);
    expect(calls).toEqual({ put: 2, get: 0, head: 1 });
  });

  it('serves what was just archived without a GET, as a copy', async () => {
    const { store, calls } = countingStore();
    const archive = withRawCache(await openArchive(store));
    const bytes = encoder.encode('<Bericht>305</Bericht>');
    const { sha256 } = await archive.putRaw(bytes);
    bytes[0] = 0; // the caller's buffer is not the cache's
    const first = await archive.getRaw(sha256);
    expect(new TextDecoder().decode(first)).toBe('<Bericht>305</Bericht>');
    first[1] = 0; // nor is a reader's
    expect(new TextDecoder().decode(await archive.getRaw(sha256))).toBe('<Bericht>305</Bericht>');
    expect(calls.get).toBe(0);
  });

  it('reads through on a miss, keeps the verified bytes, and passes errors on', async () => {
    const { store, calls } = countingStore();
    const writer = await openArchive(store);
    const { sha256 } = await writer.putRaw(encoder.encode('stored by another process'));
    const archive = withRawCache(await openArchive(store));
    await archive.getRaw(sha256);
    await archive.getRaw(sha256);
    expect(calls.get).toBe(1);
    await expect(archive.getRaw('a'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stays within its byte budget, evicting the least recently used', async () => {
    const { store, calls } = countingStore();
    const archive = withRawCache(await openArchive(store), { maxBytes: 10, maxObjectBytes: 10 });
    const a = await archive.putRaw(encoder.encode('aaaa'));
    const b = await archive.putRaw(encoder.encode('bbbb'));
    await archive.getRaw(a.sha256); // a is now the most recent
    const c = await archive.putRaw(encoder.encode('cccc')); // 12 bytes: b goes
    const big = await archive.putRaw(encoder.encode('x'.repeat(11))); // never cached
    expect(calls.get).toBe(0);
    await archive.getRaw(a.sha256);
    await archive.getRaw(c.sha256);
    expect(calls.get).toBe(0);
    await archive.getRaw(b.sha256);
    expect(calls.get).toBe(1);
    await archive.getRaw(big.sha256);
    expect(calls.get).toBe(2);
  });

  it('refuses use after close, cache or not', async () => {
    const { store } = countingStore();
    const archive = withRawCache(await openArchive(store));
    const { sha256 } = await archive.putRaw(encoder.encode('x'));
    await archive.close();
    await expect(archive.getRaw(sha256)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

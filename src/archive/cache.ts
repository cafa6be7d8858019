/**
 * A read cache for raw objects in front of an `ArchivePort`. The outbox relay publishes bytes this process
 * archived milliseconds earlier (the back-office envelope, the retour); without the cache each publish is a
 * GET plus a SHA-256 check against the storage. Raw objects are content-addressed and written once, so an
 * entry can never be stale: the bytes under a hash are the bytes that hash to it.
 *
 * Only what `putRaw` stored successfully or `getRaw` read and verified goes in, so a hit never answers for
 * an object the storage does not hold. Entries are copies (a caller mutating its buffer cannot poison the
 * cache) and every hit hands out a copy of its own. Bounded by total bytes, least recently used out first.
 * `hasRaw` and the audit trail pass straight through: they are questions about the storage itself.
 */
import type { ArchivePort, PutRawResult } from './port.js';

export interface RawCacheOptions {
  /** Total bytes the cache may hold. */
  readonly maxBytes?: number;
  /** Objects larger than this are never cached (one 25 MB message must not flush everything else). */
  readonly maxObjectBytes?: number;
}

const DEFAULTS = { maxBytes: 32 * 1024 * 1024, maxObjectBytes: 1024 * 1024 } as const;

export function withRawCache(inner: ArchivePort, options: RawCacheOptions = {}): ArchivePort {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxObjectBytes = Math.min(options.maxObjectBytes ?? DEFAULTS.maxObjectBytes, maxBytes);
  /** Insertion order is recency order: a hit is moved to the end, eviction takes from the front. */
  const entries = new Map<string, Uint8Array>();
  let total = 0;

  const remember = (sha256: string, bytes: Uint8Array) => {
    if (bytes.length > maxObjectBytes) return;
    const old = entries.get(sha256);
    if (old) {
      entries.delete(sha256);
      total -= old.length;
    }
    entries.set(sha256, new Uint8Array(bytes));
    total += bytes.length;
    for (const [key, value] of entries) {
      if (total <= maxBytes) break;
      entries.delete(key);
      total -= value.length;
    }
  };

  return {
    async putRaw(bytes: Uint8Array): Promise<PutRawResult> {
      const result = await inner.putRaw(bytes);
      remember(result.sha256, bytes);
      return result;
    },
    async getRaw(sha256: string): Promise<Uint8Array> {
      const hit = entries.get(sha256);
      if (hit) {
        entries.delete(sha256);
        entries.set(sha256, hit);
        return hit.slice();
      }
      const bytes = await inner.getRaw(sha256);
      remember(sha256, bytes);
      return bytes;
    },
    hasRaw: (sha256) => inner.hasRaw(sha256),
    appendAudit: (events) => inner.appendAudit(events),
    flushAudit: () => inner.flushAudit(),
    readAudit: (fromSeq) => inner.readAudit(fromSeq),
    readAuditSegments: () => inner.readAuditSegments(),
    auditHead: () => inner.auditHead(),
    async close(): Promise<void> {
      entries.clear();
      total = 0;
      await inner.close();
    },
  };
}

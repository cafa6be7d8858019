/**
 * The archive's key layout, in one place; adapters store whatever key they are given and never build one.
 *
 *   raw/<aa>/<bb>/<sha256>                 raw message bytes, addressed by the SHA-256 of those bytes
 *   audit/segments/<first seq, 16 digits>.jsonl   sealed audit segments, one canonical JSON event per line
 *
 * The two-level fan-out keeps a filesystem directory small; the fixed-width sequence number makes the
 * lexicographic order of a listing the order of the chain (16 digits hold Number.MAX_SAFE_INTEGER).
 * Keys are plain ASCII without `..` or a leading `/`, so they are safe as a relative path on every adapter.
 */
import { ArchiveError } from './errors.js';

export const RAW_PREFIX = 'raw/';
export const SEGMENT_PREFIX = 'audit/segments/';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SEGMENT_KEY = /^audit\/segments\/(\d{16})\.jsonl$/;
const SEQ_DIGITS = 16;

/** Lower-case hex only: one spelling per hash, so one key per content. */
export function assertSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new ArchiveError('INVALID_INPUT', 'Expected a SHA-256 as 64 lower-case hex digits.');
  }
}

export function rawKey(sha256: string): string {
  assertSha256(sha256);
  return `${RAW_PREFIX}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function segmentKey(firstSeq: number): string {
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 1) {
    throw new ArchiveError('INVALID_INPUT', 'A segment starts at a positive sequence number.');
  }
  return `${SEGMENT_PREFIX}${String(firstSeq).padStart(SEQ_DIGITS, '0')}.jsonl`;
}

/** The first sequence number a segment key names, or undefined for a key that is not a segment. */
export function segmentFirstSeq(key: string): number | undefined {
  const match = SEGMENT_KEY.exec(key);
  if (!match?.[1]) return undefined;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : undefined;
}

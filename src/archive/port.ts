/**
 * The archive port: the claim check for raw messages and the tamper-evident copy of the audit trail.
 *
 * Two interfaces. `ArchivePort` is what the gateway uses; `openArchive(store)` in `archive.ts` builds it
 * once, over any `ObjectStore`. `ObjectStore` is what an adapter implements (`fs/`, `s3/`); it only moves
 * bytes. Hashing, the key layout (`keys.ts`), the chain rules (`chain.ts`) and all policy live in the core,
 * so the adapters cannot drift apart. `contract.ts` holds the one test suite both adapters must pass.
 *
 * RAW MESSAGES
 * - `putRaw(bytes)` stores the bytes under `raw/<aa>/<bb>/<sha256>` and answers their SHA-256 (lower-case
 *   hex) and size. Written once, never overwritten: a second put of the same bytes writes nothing and
 *   answers `created: false`. Safe to retry after any failure, including one after the write landed.
 * - `getRaw(sha256)` reads the bytes back and recomputes the hash: a mismatch is `INTEGRITY`, a missing
 *   object `NOT_FOUND`, a malformed hash `INVALID_INPUT`.
 * - `hasRaw(sha256)` answers whether the object exists, without reading or verifying it.
 *
 * AUDIT TRAIL
 * - Every event is chained: `seq` counts from 1 without gaps, `prevHash` is the previous event's `hash`
 *   (64 zeros before the first), and `hash` = SHA-256 of the canonical JSON of the event without `hash`
 *   (keys sorted, no whitespace, RFC 8785 style; see `chain.ts`). Editing, removing or reordering an event
 *   breaks the chain at that event, which `verifyAuditChain` (`audit-verify.ts`) reports.
 * - `appendAudit(events)` assigns seq, prevHash and hash to the batch, in order and contiguously, and
 *   answers the chained events. Appends are serialized inside the archive, so concurrent callers get one
 *   linear chain. It resolves once the events are in the chain in memory; it rejects (`UNAVAILABLE`,
 *   nothing assigned) only when too many events wait for a storage that is down, or with `CONFLICT`
 *   after another writer took the chain (below).
 * - Events are written in segments (`audit/segments/<first seq>.jsonl`, one canonical JSON event per
 *   line). A segment is sealed when `segmentEvents` events wait, or on `flushAudit()`; each segment object
 *   is written once and never overwritten. `flushAudit()` resolves when every appended event is in a
 *   sealed segment and rejects with the storage's error otherwise; a later call retries the same segment
 *   with the same bytes, so a write whose acknowledgement was lost is recognised, not duplicated.
 *   The composition root calls `flushAudit()` on an interval and at shutdown (`close()` does it too).
 * - `readAudit(fromSeq)` yields sealed events in order from `fromSeq` (default 1). Unsealed events are
 *   not visible. `readAuditSegments()` yields the raw segment objects for the verifier.
 * - `auditHead()` answers the last SEALED event ({ seq, hash }), or undefined for an empty chain. The
 *   ledger keeps it as the external anchor `verifyAuditChain(archive, { expectedHead })` needs to detect a
 *   truncated tail, which no hash chain can see on its own.
 *
 * CRASHES AND RESTARTS
 * - Writes are atomic per object (temp file + link, or one S3 PUT), so a sealed segment is complete or
 *   absent. `openArchive` recovers the chain head from the last sealed segment, after checking that
 *   segment parses and its last hash recomputes (otherwise `INTEGRITY`: the archive refuses to extend a
 *   damaged chain; run `audit verify`).
 * - Events appended but not sealed when the process dies are NOT in the archive: the recovered chain
 *   continues from the last sealed event and reuses their sequence numbers. The ledger holds every audit
 *   event in its own transaction; after a restart it re-appends those whose seq is above `auditHead()`.
 *   The archive segments are the tamper-evident copy, the ledger the complete one.
 * - One writer per chain. A second writer (another process on the same bucket or directory) cannot fork
 *   the chain: its segment key is already taken by other bytes, the seal fails with `CONFLICT`, and the
 *   archive instance then refuses further appends until it is reopened (which recovers the other
 *   writer's head). Deployments with several gateway processes give each its own archive location for
 *   the audit trail, or route audit appends through one writer.
 *
 * PRIVACY
 * - An audit event carries identifiers and codes only: message ids, party codes (AGB, gemeentecode),
 *   retourcodes, rule codes, hashes. Never a BSN, a name, an address, a birth date or message content:
 *   segments are write-once and cannot be cleaned up later. The archive cannot recognise personal data
 *   reliably, so this is the caller's duty.
 *
 * ERRORS
 * - Every rejection is an `ArchiveError` (`errors.ts`) with a code from a closed set (`NOT_FOUND`,
 *   `INTEGRITY`, `UNAVAILABLE`, `CONFLICT`, `INVALID_INPUT`), a `retryable` flag and the native error as
 *   `cause`.
 */

export interface PutRawResult {
  /** SHA-256 of the bytes, 64 lower-case hex digits: the message's archive reference. */
  readonly sha256: string;
  readonly size: number;
  /** False when the same bytes were already archived: nothing was written. */
  readonly created: boolean;
}

export interface AuditEvent {
  /** 1, 2, 3, ... without gaps over the whole chain. */
  readonly seq: number;
  /** ISO-8601 timestamp with offset, e.g. `2025-03-01T10:15:00.000Z`. */
  readonly at: string;
  /** What happened, e.g. `message.received`, `message.rejected`, `operator.replay`. */
  readonly type: string;
  /** The message id the event is about. */
  readonly subject?: string;
  /** Who caused it: a party code, an operator id, `system`. */
  readonly actor?: string;
  /** Ids and codes only, never personal data; plain JSON values. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The previous event's hash; 64 zeros for seq 1. */
  readonly prevHash: string;
  /** SHA-256 of the canonical JSON of this event without `hash`. */
  readonly hash: string;
}

/** What a caller appends; the archive assigns the chain fields. */
export type AuditInput = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** One stored segment object, as the verifier reads it. */
export interface AuditSegment {
  readonly key: string;
  /** The first seq the key names; undefined when the object under the audit prefix is not a segment. */
  readonly firstSeq: number | undefined;
  readonly bytes: Uint8Array;
}

export interface ArchivePort {
  putRaw(bytes: Uint8Array): Promise<PutRawResult>;
  getRaw(sha256: string): Promise<Uint8Array>;
  hasRaw(sha256: string): Promise<boolean>;

  appendAudit(events: readonly AuditInput[]): Promise<readonly AuditEvent[]>;
  flushAudit(): Promise<void>;
  readAudit(fromSeq?: number): AsyncIterable<AuditEvent>;
  readAuditSegments(): AsyncIterable<AuditSegment>;
  auditHead(): Promise<AuditHead | undefined>;

  /** Flushes the audit trail and releases the store; the instance is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The storage an adapter implements. Keys come from `keys.ts` only. Every failure is an `ArchiveError`
 * with the native error as `cause`.
 */
export interface ObjectStore {
  /**
   * Writes `bytes` at `key` unless an object exists there; answers true when this call wrote it, false
   * when the key was taken (the stored object is left untouched). A reader never sees a partial object.
   * Where the backend allows, the check and the write are one atomic step; an adapter that cannot do
   * that says so in its doc comment, and the contract suite is told (`atomicPutIfAbsent`).
   */
  putIfAbsent(key: string, bytes: Uint8Array): Promise<boolean>;
  /** The object's bytes; `NOT_FOUND` when absent. */
  get(key: string): Promise<Uint8Array>;
  /** The object's size, or undefined when absent. */
  head(key: string): Promise<{ readonly size: number } | undefined>;
  /** Every key starting with `prefix`, in ascending byte order. Meant for the audit prefix, not `raw/`. */
  list(prefix: string): AsyncIterable<string>;
  /** Releases connections and handles. */
  close(): Promise<void>;
}

/**
 * The archive core: the one implementation of `ArchivePort` over any `ObjectStore`. The contract is the
 * doc comment in `port.ts`; this file says why it is built the way it is.
 */
import { ArchiveError, asArchiveError } from './errors.js';
import { GENESIS_HASH, chainEvent, decodeSegment, encodeSegment, eventHash, sha256Hex } from './chain.js';
import { SEGMENT_PREFIX, rawKey, segmentFirstSeq, segmentKey } from './keys.js';
import type {
  ArchivePort,
  AuditEvent,
  AuditHead,
  AuditInput,
  AuditSegment,
  ObjectStore,
  PutRawResult,
} from './port.js';

export interface ArchiveOptions {
  /** Events per sealed segment. Smaller loses less on a crash; larger means fewer objects. */
  readonly segmentEvents?: number;
  /** Events that may wait in memory while the storage is down before appends are refused. */
  readonly maxPendingEvents?: number;
}

const DEFAULTS = { segmentEvents: 1000, maxPendingEvents: 100_000 } as const;

/** From this size on, putRaw HEADs before writing: re-sending 1 MiB costs more than a round trip. */
const HEAD_FIRST_BYTES = 1024 * 1024;

/** Opens the archive and recovers the audit chain's head from the last sealed segment. */
export async function openArchive(store: ObjectStore, options: ArchiveOptions = {}): Promise<ArchivePort> {
  const segmentEvents = options.segmentEvents ?? DEFAULTS.segmentEvents;
  const maxPendingEvents = options.maxPendingEvents ?? DEFAULTS.maxPendingEvents;
  if (!Number.isSafeInteger(segmentEvents) || segmentEvents < 1) {
    throw new ArchiveError('INVALID_INPUT', 'segmentEvents must be a positive integer.');
  }
  if (!Number.isSafeInteger(maxPendingEvents) || maxPendingEvents < segmentEvents) {
    throw new ArchiveError('INVALID_INPUT', 'maxPendingEvents must be at least segmentEvents.');
  }
  const head = await recoverHead(store);
  return new Archive(store, segmentEvents, maxPendingEvents, head);
}

/** Sorted segment keys with their first seq; objects under the prefix that are not segments are skipped. */
async function listSegments(store: ObjectStore): Promise<{ key: string; firstSeq: number }[]> {
  const segments: { key: string; firstSeq: number }[] = [];
  for await (const key of store.list(SEGMENT_PREFIX)) {
    const firstSeq = segmentFirstSeq(key);
    if (firstSeq !== undefined) segments.push({ key, firstSeq });
  }
  return segments.sort((a, b) => a.firstSeq - b.firstSeq);
}

async function recoverHead(store: ObjectStore): Promise<AuditHead | undefined> {
  const last = (await listSegments(store)).at(-1);
  if (!last) return undefined;
  const events = parseSealed(last.key, await store.get(last.key));
  const tail = events.at(-1);
  // A damaged tail would anchor every new event on a hash nobody can check: refuse, and let `audit verify` say where.
  if (
    !tail ||
    tail.seq !== last.firstSeq + events.length - 1 ||
    events.some((event, i) => event.seq !== last.firstSeq + i) ||
    eventHash(tail) !== tail.hash
  ) {
    throw new ArchiveError('INTEGRITY', `Last audit segment ${last.key} is damaged; run audit verify.`);
  }
  return { seq: tail.seq, hash: tail.hash };
}

function parseSealed(key: string, bytes: Uint8Array): AuditEvent[] {
  const lines = decodeSegment(bytes);
  if (!lines) throw new ArchiveError('INTEGRITY', `Audit segment ${key} is not UTF-8.`);
  return lines.map((line, i) => {
    if (!line.ok) throw new ArchiveError('INTEGRITY', `Audit segment ${key}, line ${i + 1}: ${line.reason}.`);
    return line.event;
  });
}

/** A segment whose write was attempted; retried with exactly these bytes until it is confirmed. */
interface InFlight {
  readonly key: string;
  readonly events: readonly AuditEvent[];
  readonly bytes: Uint8Array;
}

class Archive implements ArchivePort {
  /** The chain head including unsealed events: the next event links to this. */
  private head: AuditHead | undefined;
  private sealedHead: AuditHead | undefined;
  private pending: AuditEvent[] = [];
  private inFlight: InFlight | undefined;
  /** Set once another writer took our segment key; the chain in memory is then stale for good. */
  private conflict: ArchiveError | undefined;
  private closed = false;
  /** Every chain mutation runs through this queue, so concurrent callers get one linear chain. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    private readonly segmentEvents: number,
    private readonly maxPendingEvents: number,
    recovered: AuditHead | undefined,
  ) {
    this.head = recovered;
    this.sealedHead = recovered;
  }

  async putRaw(bytes: Uint8Array): Promise<PutRawResult> {
    if (!(bytes instanceof Uint8Array)) throw new ArchiveError('INVALID_INPUT', 'putRaw takes a Uint8Array.');
    this.assertOpen();
    const sha256 = sha256Hex(bytes);
    const key = rawKey(sha256);
    try {
      // A large duplicate (the deduplicate stage runs after archive) is cheaper to HEAD than to re-send.
      // A small object goes straight to the write-once put, which answers `created` itself: a HEAD first
      // would be a second round trip on every new message (and the head-then-put S3 mode HEADs anyway).
      if (bytes.length >= HEAD_FIRST_BYTES) {
        const existing = await this.store.head(key);
        if (existing)
          return { sha256, size: this.checkSize(key, existing.size, bytes.length), created: false };
      }
      const created = await this.store.putIfAbsent(key, bytes);
      if (!created) {
        // Taken: the rare duplicate path pays the HEAD that checks the stored size (damage shows as a mismatch).
        const existing = await this.store.head(key);
        if (existing) this.checkSize(key, existing.size, bytes.length);
      }
      return { sha256, size: bytes.length, created };
    } catch (error) {
      throw asArchiveError(error);
    }
  }

  /** The size is the one fact about the stored bytes known without reading them; a mismatch is damage. */
  private checkSize(key: string, stored: number, expected: number): number {
    if (stored !== expected) {
      throw new ArchiveError(
        'INTEGRITY',
        `Stored object ${key} has ${stored} bytes, its content ${expected}.`,
      );
    }
    return stored;
  }

  async getRaw(sha256: string): Promise<Uint8Array> {
    this.assertOpen();
    const key = rawKey(sha256);
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(key);
    } catch (error) {
      throw asArchiveError(error);
    }
    if (sha256Hex(bytes) !== sha256) {
      throw new ArchiveError('INTEGRITY', `Stored object ${key} does not hash to its address.`);
    }
    return bytes;
  }

  async hasRaw(sha256: string): Promise<boolean> {
    this.assertOpen();
    const key = rawKey(sha256);
    try {
      return (await this.store.head(key)) !== undefined;
    } catch (error) {
      throw asArchiveError(error);
    }
  }

  appendAudit(events: readonly AuditInput[]): Promise<readonly AuditEvent[]> {
    return this.serialized(async () => {
      this.assertOpen();
      this.assertNoConflict();
      if (events.length > this.maxPendingEvents) {
        throw new ArchiveError('INVALID_INPUT', 'An audit batch may not exceed maxPendingEvents.');
      }
      const overfull = () => this.pending.length + events.length > this.maxPendingEvents;
      if (overfull()) {
        // Backpressure: try to make room; if the storage is still down, refuse the batch whole.
        try {
          await this.sealWhile(() => this.pending.length > 0);
        } catch (error) {
          if (overfull()) throw error;
        }
      }
      // Chain into a copy first, so an invalid event in the batch leaves the chain untouched.
      const chained: AuditEvent[] = [];
      let prev = this.head;
      for (const input of events) {
        const event = chainEvent(input, (prev?.seq ?? 0) + 1, prev?.hash ?? GENESIS_HASH);
        chained.push(event);
        prev = { seq: event.seq, hash: event.hash };
      }
      this.pending.push(...chained);
      this.head = prev;
      try {
        await this.sealWhile(() => this.pending.length >= this.segmentEvents);
      } catch (error) {
        // The events are in the chain; a failed seal is retried by the next append or flush.
        if (error instanceof ArchiveError && error.code === 'CONFLICT') throw error;
      }
      return chained;
    });
  }

  flushAudit(): Promise<void> {
    return this.serialized(async () => {
      this.assertOpen();
      this.assertNoConflict();
      await this.sealWhile(() => this.pending.length > 0);
    });
  }

  private async sealWhile(condition: () => boolean): Promise<void> {
    while (condition()) await this.sealOne();
  }

  private async sealOne(): Promise<void> {
    if (!this.inFlight) {
      const events = this.pending.slice(0, this.segmentEvents);
      const first = events[0];
      if (!first) return;
      this.inFlight = { key: segmentKey(first.seq), events, bytes: encodeSegment(events) };
    }
    const { key, events, bytes } = this.inFlight;
    try {
      const created = await this.store.putIfAbsent(key, bytes);
      // Not created: either our earlier attempt landed and only its answer was lost, or another writer.
      if (!created && !sameBytes(await this.store.get(key), bytes)) {
        this.conflict = new ArchiveError('CONFLICT', `Audit segment ${key} was written by another writer.`);
        throw this.conflict;
      }
    } catch (error) {
      throw asArchiveError(error);
    }
    this.pending.splice(0, events.length);
    this.inFlight = undefined;
    const last = events.at(-1);
    if (last) this.sealedHead = { seq: last.seq, hash: last.hash };
  }

  async *readAudit(fromSeq = 1): AsyncIterable<AuditEvent> {
    this.assertOpen();
    const segments = await this.guard(() => listSegments(this.store));
    // Start at the last segment beginning at or before fromSeq; earlier ones cannot hold it.
    let start = 0;
    segments.forEach((segment, i) => {
      if (segment.firstSeq <= fromSeq) start = i;
    });
    for (const segment of segments.slice(start)) {
      const bytes = await this.guard(() => this.store.get(segment.key));
      for (const event of parseSealed(segment.key, bytes)) {
        if (event.seq >= fromSeq) yield event;
      }
    }
  }

  async *readAuditSegments(): AsyncIterable<AuditSegment> {
    this.assertOpen();
    const keys: string[] = [];
    await this.guard(async () => {
      for await (const key of this.store.list(SEGMENT_PREFIX)) keys.push(key);
    });
    for (const key of keys) {
      const bytes = await this.guard(() => this.store.get(key));
      yield { key, firstSeq: segmentFirstSeq(key), bytes };
    }
  }

  async auditHead(): Promise<AuditHead | undefined> {
    return this.sealedHead;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.conflict) await this.flushAudit();
    } finally {
      this.closed = true;
      await this.store.close();
    }
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async guard<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      throw asArchiveError(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ArchiveError('UNAVAILABLE', 'The archive is closed.');
  }

  private assertNoConflict(): void {
    if (this.conflict) throw this.conflict;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * The archive contract: one suite every `ObjectStore` adapter runs (`test/archive/<adapter>.test.ts`).
 * It drives the real core (`openArchive`) over the adapter, so a passing adapter behaves like the others
 * in everything the gateway relies on, failures included: duplicates, tampering, a crash between segments,
 * a write whose acknowledgement was lost, a storage that is down, a second writer.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveOptions } from './archive.js';
import { verifyAuditChain } from './audit-verify.js';
import { canonicalJson, eventHash } from './chain.js';
import { ArchiveError } from './errors.js';
import { rawKey, segmentKey } from './keys.js';
import type { ArchivePort, AuditEvent, AuditInput, ObjectStore } from './port.js';

export interface StoreFixture {
  /** A new store instance on this fixture's data: calling it again is a process restart. */
  open(): ObjectStore;
  /** A store whose storage cannot be used (missing directory parent, unreachable server). */
  openBroken(): ObjectStore;
  /** Replaces the object at `key` behind the store's back, as an attacker or a disk fault would. */
  overwrite(key: string, bytes: Uint8Array): Promise<void>;
  /** Deletes the object at `key` behind the store's back. */
  remove(key: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface ArchiveContractOptions {
  /** True when the adapter's put-if-absent is one atomic step (see `ObjectStore.putIfAbsent`). */
  readonly atomicPutIfAbsent: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function event(i: number, extra: Partial<AuditInput> = {}): AuditInput {
  return {
    at: '2025-03-01T10:00:00.000Z',
    type: 'message.received',
    subject: `msg-${i}`,
    actor: 'system',
    data: { retourcode: '0001', index: i },
    ...extra,
  };
}

const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function rejection(promise: Promise<unknown>): Promise<ArchiveError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  }
  throw new Error('expected a rejection');
}

/** A store that fails on demand: down (nothing written), or after the write landed (answer lost). */
function faulty(inner: ObjectStore) {
  const state = { down: false, loseNextPutAnswer: false };
  const unavailable = () => new ArchiveError('UNAVAILABLE', 'injected', { cause: new Error('ECONNRESET') });
  const store: ObjectStore = {
    async putIfAbsent(key, bytes) {
      if (state.down) throw unavailable();
      const created = await inner.putIfAbsent(key, bytes);
      if (state.loseNextPutAnswer) {
        state.loseNextPutAnswer = false;
        throw unavailable();
      }
      return created;
    },
    get: (key) => (state.down ? Promise.reject(unavailable()) : inner.get(key)),
    head: (key) => (state.down ? Promise.reject(unavailable()) : inner.head(key)),
    list: (prefix) => inner.list(prefix),
    close: () => inner.close(),
  };
  return { store, state };
}

export function runArchiveContract(
  name: string,
  makeStore: () => Promise<StoreFixture>,
  contract: ArchiveContractOptions,
): void {
  describe(`archive contract: ${name}`, () => {
    let fixture: StoreFixture;
    let stores: ObjectStore[];

    /** Every store a test opens is closed afterwards, even the ones a simulated crash abandons. */
    const store = (): ObjectStore => {
      const opened = fixture.open();
      stores.push(opened);
      return opened;
    };
    const archive = (options?: ArchiveOptions, on: ObjectStore = store()) => openArchive(on, options);

    const readSegment = async (firstSeq: number) =>
      decoder
        .decode(await store().get(segmentKey(firstSeq)))
        .split('\n')
        .filter(Boolean);
    const writeSegment = (firstSeq: number, lines: string[]) =>
      fixture.overwrite(segmentKey(firstSeq), encoder.encode(lines.map((l) => `${l}\n`).join('')));

    /** Nine events in three sealed segments: 1-3, 4-6, 7-9. */
    const nineInThree = async (): Promise<ArchivePort> => {
      const a = await archive({ segmentEvents: 3 });
      await a.appendAudit(events(1, 9));
      await a.flushAudit();
      return a;
    };

    beforeEach(async () => {
      fixture = await makeStore();
      stores = [];
    });
    afterEach(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await fixture.dispose();
    });

    describe('raw messages', () => {
      it('round-trips bytes under their SHA-256', async () => {
        const a = await archive();
        const bytes = encoder.encode('<Bericht>301</Bericht>');
        const put = await a.putRaw(bytes);
        expect(put).toEqual({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: bytes.length,
          created: true,
        });
        expect(await a.getRaw(put.sha256)).toEqual(bytes);
        expect(await a.hasRaw(put.sha256)).toBe(true);
      });

      it('stores the same bytes once: a second put is a no-op', async () => {
        const a = await archive();
        const bytes = encoder.encode('twice');
        const first = await a.putRaw(bytes);
        const second = await a.putRaw(bytes);
        expect(second).toEqual({ ...first, created: false });
      });

      it('answers NOT_FOUND for an unknown hash and INVALID_INPUT for a malformed one', async () => {
        const a = await archive();
        const unknown = 'a'.repeat(64);
        expect(await a.hasRaw(unknown)).toBe(false);
        expect((await rejection(a.getRaw(unknown))).code).toBe('NOT_FOUND');
        expect((await rejection(a.getRaw('../../etc/passwd'))).code).toBe('INVALID_INPUT');
        expect((await rejection(a.getRaw('A'.repeat(64)))).code).toBe('INVALID_INPUT');
      });

      it('never overwrites: put-if-absent on a taken key leaves the object as it was', async () => {
        const s = store();
        const key = rawKey('b'.repeat(64));
        expect(await s.putIfAbsent(key, encoder.encode('first'))).toBe(true);
        expect(await s.putIfAbsent(key, encoder.encode('second'))).toBe(false);
        expect(decoder.decode(await s.get(key))).toBe('first');
        expect(await s.head(key)).toEqual({ size: 5 });
      });

      it('keeps one object when the same bytes are put concurrently', async () => {
        const a = await archive();
        const bytes = encoder.encode('concurrent');
        const results = await Promise.all(Array.from({ length: 5 }, () => a.putRaw(bytes)));
        const created = results.filter((r) => r.created).length;
        if (contract.atomicPutIfAbsent) expect(created).toBe(1);
        else expect(created).toBeGreaterThanOrEqual(1);
        expect(await a.getRaw(results[0]!.sha256)).toEqual(bytes);
      });

      it('reports INTEGRITY when the stored bytes were altered', async () => {
        const a = await archive();
        const { sha256 } = await a.putRaw(encoder.encode('original'));
        await fixture.overwrite(rawKey(sha256), encoder.encode('tampered'));
        const error = await rejection(a.getRaw(sha256));
        expect(error.code).toBe('INTEGRITY');
        expect(error.retryable).toBe(false);
      });

      it('reports INTEGRITY on a re-put when the stored object has the wrong size', async () => {
        const a = await archive();
        const bytes = encoder.encode('original');
        const { sha256 } = await a.putRaw(bytes);
        await fixture.overwrite(rawKey(sha256), encoder.encode('cut'));
        expect((await rejection(a.putRaw(bytes))).code).toBe('INTEGRITY');
      });

      it('round-trips a 5 MB message', async () => {
        const a = await archive();
        const bytes = new Uint8Array(5 * 1024 * 1024);
        for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31 + (i >> 12)) & 0xff;
        const put = await a.putRaw(bytes);
        expect(put.size).toBe(bytes.length);
        const back = await a.getRaw(put.sha256);
        expect(back.length).toBe(bytes.length);
        expect(Buffer.from(back).equals(bytes)).toBe(true);
      });

      it('maps an unusable storage to UNAVAILABLE, keeping the native error as cause', async () => {
        const broken = fixture.openBroken();
        stores.push(broken);
        const error = await rejection(broken.putIfAbsent(rawKey('c'.repeat(64)), encoder.encode('x')));
        expect(error.code).toBe('UNAVAILABLE');
        expect(error.retryable).toBe(true);
        expect(error.cause).toBeDefined();
      });
    });

    describe('audit trail', () => {
      it('chains appended events from the genesis hash and reads them back once sealed', async () => {
        const a = await archive({ segmentEvents: 3 });
        const chained = await a.appendAudit(events(1, 4));
        expect(chained.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect(chained[0]!.prevHash).toBe('0'.repeat(64));
        chained.forEach((e, i) => {
          expect(e.hash).toBe(eventHash(e));
          if (i > 0) expect(e.prevHash).toBe(chained[i - 1]!.hash);
        });
        // 1-3 sealed on reaching segmentEvents; 4 waits for the next seal.
        expect((await collect(a.readAudit())).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await a.auditHead()).toEqual({ seq: 3, hash: chained[2]!.hash });
        await a.flushAudit();
        expect(await collect(a.readAudit())).toEqual(chained);
        expect((await collect(a.readAudit(3))).map((e) => e.seq)).toEqual([3, 4]);
        expect((await collect(a.readAuditSegments())).map((s) => s.key)).toEqual([
          segmentKey(1),
          segmentKey(4),
        ]);
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 4 });
      });

      it('verifies an empty chain and a flush with nothing pending', async () => {
        const a = await archive();
        await a.flushAudit();
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 0 });
        expect(await a.auditHead()).toBeUndefined();
      });

      it('refuses an invalid event without touching the chain', async () => {
        const a = await archive();
        const bad = [event(1), { ...event(2), at: 'yesterday' }];
        expect((await rejection(a.appendAudit(bad))).code).toBe('INVALID_INPUT');
        const notJson = { ...event(3), data: { big: 10n } };
        expect((await rejection(a.appendAudit([notJson]))).code).toBe('INVALID_INPUT');
        const [first] = await a.appendAudit([event(4)]);
        expect(first?.seq).toBe(1);
      });

      it("hashes a copy: changing the caller's data afterwards changes nothing", async () => {
        const a = await archive();
        const input = event(1);
        const [chained] = await a.appendAudit([input]);
        (input.data as Record<string, unknown>).index = 99;
        await a.flushAudit();
        expect((await collect(a.readAudit()))[0]).toEqual(chained);
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 1 });
      });

      it('keeps one linear chain under concurrent appends', async () => {
        const a = await archive({ segmentEvents: 4 });
        const batches = await Promise.all(
          Array.from({ length: 20 }, (_, b) => a.appendAudit(events(b * 3, 3))),
        );
        for (const batch of batches) {
          expect(batch.map((e) => e.seq - batch[0]!.seq)).toEqual([0, 1, 2]);
        }
        const seqs = batches
          .flat()
          .map((e) => e.seq)
          .sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        await a.flushAudit();
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 60 });
      });

      it('pages through many segments', async () => {
        const a = await archive({ segmentEvents: 1 });
        await a.appendAudit(events(1, 7));
        await a.flushAudit();
        expect((await collect(a.readAudit())).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect((await collect(a.readAudit(5))).map((e) => e.seq)).toEqual([5, 6, 7]);
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 7 });
      });

      it('lists only the prefix asked for, in byte order', async () => {
        const s = store();
        for (const key of [segmentKey(10), rawKey('d'.repeat(64)), segmentKey(2), 'audit/other']) {
          await s.putIfAbsent(key, encoder.encode('x'));
        }
        expect(await collect(s.list('audit/segments/'))).toEqual([segmentKey(2), segmentKey(10)]);
      });
    });

    describe('verify finds the first break', () => {
      it('after an event in a sealed segment was edited', async () => {
        const a = await nineInThree();
        const lines = await readSegment(4);
        const edited = (line: string) => line.replace('"retourcode":"0001"', '"retourcode":"8001"');
        await writeSegment(4, [lines[0]!, edited(lines[1]!), lines[2]!]);
        const later = await readSegment(7);
        await writeSegment(7, [edited(later[0]!), later[1]!, later[2]!]);
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 5, segment: segmentKey(4), reason: 'hash-mismatch' },
        });
      });

      it('after an event was edited and its hash recomputed', async () => {
        const a = await nineInThree();
        const lines = await readSegment(4);
        const event5 = JSON.parse(lines[1]!) as AuditEvent;
        const forged = { ...event5, data: { retourcode: '8001', index: 5 } };
        const rehashed = { ...forged, hash: eventHash(forged) };
        await writeSegment(4, [lines[0]!, canonicalJson(rehashed), lines[2]!]);
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 6, segment: segmentKey(4), reason: 'prev-hash-mismatch' },
        });
      });

      it('after an event was removed', async () => {
        const a = await nineInThree();
        const lines = await readSegment(4);
        await writeSegment(4, [lines[0]!, lines[2]!]);
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 5, segment: segmentKey(4), reason: 'seq-gap' },
        });
      });

      it('after two events were swapped', async () => {
        const a = await nineInThree();
        const lines = await readSegment(4);
        await writeSegment(4, [lines[1]!, lines[0]!, lines[2]!]);
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 4, segment: segmentKey(4), reason: 'seq-gap' },
        });
      });

      it('after a whole segment was removed', async () => {
        const a = await nineInThree();
        await fixture.remove(segmentKey(4));
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 4, segment: segmentKey(7), reason: 'seq-gap' },
        });
      });

      it('after a line was garbled', async () => {
        const a = await nineInThree();
        const lines = await readSegment(1);
        await writeSegment(1, [lines[0]!, '{"seq":2,', lines[2]!]);
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 2, segment: segmentKey(1), reason: 'malformed' },
        });
      });

      it('after the tail was cut off, given the head the ledger recorded', async () => {
        const a = await nineInThree();
        const head = await a.auditHead();
        expect(head?.seq).toBe(9);
        await fixture.remove(segmentKey(7));
        // The chain alone cannot see a cut tail; the recorded head can.
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 6 });
        expect(await verifyAuditChain(a, { expectedHead: head! })).toMatchObject({
          ok: false,
          firstBreak: { seq: 7, segment: segmentKey(4), reason: 'head-mismatch' },
        });
      });

      it('when a foreign object sits among the segments', async () => {
        const a = await nineInThree();
        await fixture.overwrite('audit/segments/zz-notes.txt', encoder.encode('hello'));
        expect(await verifyAuditChain(a)).toMatchObject({
          ok: false,
          firstBreak: { seq: 10, segment: 'audit/segments/zz-notes.txt', reason: 'unexpected-object' },
        });
      });
    });

    describe('restarts, crashes and failures', () => {
      it('continues the chain in a new instance after a clean restart', async () => {
        const first = await archive({ segmentEvents: 3 });
        const before = await first.appendAudit(events(1, 5));
        await first.close();
        const second = await archive({ segmentEvents: 3 });
        expect(await second.auditHead()).toEqual({ seq: 5, hash: before[4]!.hash });
        const [next] = await second.appendAudit([event(6)]);
        expect(next).toMatchObject({ seq: 6, prevHash: before[4]!.hash });
        await second.flushAudit();
        expect(await verifyAuditChain(second)).toEqual({ ok: true, events: 6 });
      });

      it('loses only unsealed events in a crash and continues from the last sealed segment', async () => {
        const crashed = await archive({ segmentEvents: 3 });
        const sealed = await crashed.appendAudit(events(1, 3));
        await crashed.appendAudit(events(4, 2)); // pending: never sealed, the process dies here
        const restarted = await archive({ segmentEvents: 3 });
        expect(await restarted.auditHead()).toEqual({ seq: 3, hash: sealed[2]!.hash });
        const [next] = await restarted.appendAudit([event(100)]);
        expect(next).toMatchObject({ seq: 4, prevHash: sealed[2]!.hash, subject: 'msg-100' });
        await restarted.flushAudit();
        expect(await verifyAuditChain(restarted)).toEqual({ ok: true, events: 4 });
      });

      it('refuses to open on a damaged last segment', async () => {
        const a = await nineInThree();
        const lines = await readSegment(7);
        await writeSegment(7, [lines[0]!, lines[1]!, lines[2]!.replace('msg-9', 'msg-X')]);
        expect((await rejection(archive())).code).toBe('INTEGRITY');
        expect((await verifyAuditChain(a)).ok).toBe(false);
      });

      it('recognises its own segment when the write landed but the answer was lost', async () => {
        const { store: s, state } = faulty(store());
        const a = await archive({ segmentEvents: 2 }, s);
        state.loseNextPutAnswer = true;
        await a.appendAudit(events(1, 2)); // the seal's answer is lost; the events stay in the chain
        await a.flushAudit(); // retries the same segment with the same bytes
        expect((await collect(a.readAuditSegments())).map((x) => x.key)).toEqual([segmentKey(1)]);
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 2 });
      });

      it('keeps appending while the storage is down and seals once it is back', async () => {
        const { store: s, state } = faulty(store());
        const a = await archive({ segmentEvents: 2, maxPendingEvents: 4 }, s);
        state.down = true;
        await a.appendAudit(events(1, 4));
        const down = await rejection(a.flushAudit());
        expect(down.code).toBe('UNAVAILABLE');
        expect(down.cause).toBeInstanceOf(Error);
        // Full: the next batch is refused whole, and gets no sequence numbers.
        expect((await rejection(a.appendAudit([event(5)]))).code).toBe('UNAVAILABLE');
        state.down = false;
        const [next] = await a.appendAudit([event(6)]);
        expect(next?.seq).toBe(5);
        await a.flushAudit();
        expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 5 });
      });

      it('stops a second writer with CONFLICT instead of forking the chain', async () => {
        const one = await archive();
        const two = await archive();
        await one.appendAudit([event(1)]);
        await one.flushAudit();
        await two.appendAudit([event(2)]);
        expect((await rejection(two.flushAudit())).code).toBe('CONFLICT');
        expect((await rejection(two.appendAudit([event(3)]))).code).toBe('CONFLICT');
        expect(await verifyAuditChain(one)).toEqual({ ok: true, events: 1 });
        const reopened = await archive();
        expect((await reopened.auditHead())?.seq).toBe(1);
      });

      it('refuses use after close', async () => {
        const a = await archive();
        await a.close();
        expect((await rejection(a.putRaw(encoder.encode('late')))).code).toBe('UNAVAILABLE');
        expect((await rejection(a.appendAudit([event(1)]))).code).toBe('UNAVAILABLE');
      });
    });
  });
}

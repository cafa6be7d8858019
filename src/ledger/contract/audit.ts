/** The audit mirror: append, read back exactly, replay, refuse a broken chain. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import type { AuditEvent } from '../port.js';
import { sha256Of } from './fixtures.js';

/** A well-formed chain; the hashing is the archive's business, any function will do here. */
function chain(count: number, from = 1, prevHash = '0'.repeat(64)): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = prevHash;
  for (let seq = from; seq < from + count; seq++) {
    const body = {
      seq,
      at: new Date(Date.UTC(2024, 2, 1, 12, 0, seq)).toISOString(),
      type: seq % 2 ? 'message.recorded' : 'message.transitioned',
      subject: `subject-${seq % 3}`,
      actor: 'pipeline',
      // Key order on purpose not alphabetical: the mirror must return it as given.
      data: { z: seq, a: ['x', { nested: true }], m: null },
      prevHash: prev,
    };
    const hash = sha256Of(JSON.stringify(body));
    events.push({ ...body, hash });
    prev = hash;
  }
  return events;
}

export function auditContract(ctx: ContractContext): void {
  describe('audit mirror', () => {
    it('returns appended events exactly, in seq order, filtered and paged', async () => {
      const ledger = await ctx.fresh();
      expect(await ledger.auditHead()).toBeUndefined();
      const events = chain(6);
      await ledger.appendAuditEvents(events.slice(0, 4));
      await ledger.appendAuditEvents(events.slice(4));
      const read = await ledger.listAuditEvents({ limit: 100 });
      expect(read).toEqual(events);
      expect(JSON.stringify(read[0]?.data)).toBe(JSON.stringify(events[0]?.data));
      expect(await ledger.listAuditEvents({ limit: 2, afterSeq: 3 })).toEqual(events.slice(3, 5));
      expect(await ledger.listAuditEvents({ limit: 100, subject: 'subject-1' })).toEqual(
        events.filter((e) => e.subject === 'subject-1'),
      );
      expect(await ledger.auditHead()).toEqual({ seq: 6, hash: events[5]?.hash });
    });

    it('orders by seq as a number, also past 9, 99, 999 (seq is read as text)', async () => {
      const ledger = await ctx.fresh();
      const events = chain(120);
      await ledger.appendAuditEvents(events);
      const read = await ledger.listAuditEvents({ limit: 500 });
      expect(read.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
      expect(await ledger.auditHead()).toEqual({ seq: 120, hash: events[119]?.hash });
    });

    it('treats a replay as a no-op and refuses a different event at a stored seq', async () => {
      const ledger = await ctx.fresh();
      const events = chain(3);
      await ledger.appendAuditEvents(events);
      await ledger.appendAuditEvents(events);
      await ledger.appendAuditEvents([...events.slice(1), ...chain(1, 4, events[2]?.hash)]);
      expect((await ledger.listAuditEvents({ limit: 100 })).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      const forged = { ...events[1]!, data: { forged: true }, hash: sha256Of('forged') };
      await expect(ledger.appendAuditEvents([forged])).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses an event that does not chain to its stored neighbour, atomically', async () => {
      const ledger = await ctx.fresh();
      const events = chain(2);
      await ledger.appendAuditEvents(events);
      const next = chain(2, 3, events[1]?.hash);
      const broken = { ...next[1]!, prevHash: sha256Of('elsewhere') };
      await expect(ledger.appendAuditEvents([next[0]!, broken])).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await ledger.auditHead()).toEqual({ seq: 2, hash: events[1]?.hash });
      await expect(ledger.appendAuditEvents([{ ...events[0]!, seq: 0 }])).rejects.toMatchObject({
        code: 'INVALID',
      });
      await expect(ledger.appendAuditEvents([{ ...next[0]!, at: '2024-03-01 12:00' }])).rejects.toMatchObject(
        { code: 'INVALID' },
      );
    });
  });
}

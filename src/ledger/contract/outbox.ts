/** The outbox: claim, lease, retry, publish, give up, and claimers that race. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import type { Ledger, OutboxEntry } from '../port.js';
import { heen, sleep } from './fixtures.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

async function withOutbox(ledger: Ledger, count: number): Promise<string> {
  const m = await ledger.recordMessage(
    heen({
      state: 'routed',
      outbox: Array.from({ length: count }, (_, i) => ({
        destination: `dest-${i}`,
        payloadRef: `sha256:${i}`,
        headers: { 'x-index': String(i) },
      })),
    }),
  );
  return m.id;
}

export function outboxContract(ctx: ContractContext): void {
  describe('outbox', () => {
    it('claims due rows once per lease, retries them, and publishes them', async () => {
      const ledger = await ctx.fresh();
      const messageId = await withOutbox(ledger, 3);
      const claimed = await ledger.claimOutbox(2, 60_000);
      expect(claimed).toHaveLength(2);
      expect(claimed[0]).toMatchObject({ messageId, state: 'pending', attempts: 1, lastError: null });
      expect(claimed[0]?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      const rest = await ledger.claimOutbox(10, 60_000);
      expect(rest).toHaveLength(1);
      expect(await ledger.claimOutbox(10, 60_000)).toEqual([]);

      const [first, second] = claimed as [OutboxEntry, OutboxEntry];
      await ledger.markOutboxRetry(first.id, new Date(Date.now() - 1000), 'HTTP 503 from partner');
      await ledger.markPublished([second.id, rest[0]!.id]);
      await ledger.markPublished([second.id]);
      const again = await ledger.claimOutbox(10, 60_000);
      expect(again).toMatchObject([{ id: first.id, attempts: 2, lastError: 'HTTP 503 from partner' }]);
      await ledger.markPublished([first.id]);
      expect(await ledger.claimOutbox(10, 1)).toEqual([]);

      const rows = await ledger.listOutbox(messageId);
      expect(rows.map((r) => r.state)).toEqual(['published', 'published', 'published']);
      expect(rows.every((r) => r.publishedAt instanceof Date)).toBe(true);
      expect(rows.map((r) => r.headers['x-index'])).toEqual(['0', '1', '2']);
    });

    it('gives a row back when its lease runs out (the claimer died before publishing)', async () => {
      const ledger = await ctx.fresh();
      await withOutbox(ledger, 1);
      const [row] = await ledger.claimOutbox(1, 200);
      expect(await ledger.claimOutbox(1, 200)).toEqual([]);
      await sleep(400);
      const [again] = await ledger.claimOutbox(1, 60_000);
      expect(again).toMatchObject({ id: row?.id, attempts: 2 });
    });

    it('never claims a failed row again, and refuses to settle a settled row', async () => {
      const ledger = await ctx.fresh();
      await withOutbox(ledger, 2);
      const [a, b] = (await ledger.claimOutbox(2, 60_000)) as [OutboxEntry, OutboxEntry];
      await ledger.markOutboxFailed(a.id, 'CPA unknown: configuration error, not retried');
      await ledger.markPublished([b.id]);
      await ledger.markPublished([a.id]);
      await expect(ledger.markOutboxRetry(a.id, new Date(), 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(ledger.markOutboxRetry(b.id, new Date(), 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(ledger.markOutboxFailed(UNKNOWN, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ledger.markOutboxRetry(UNKNOWN, new Date(), 'x')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(ledger.claimOutbox(0, 1000)).rejects.toMatchObject({ code: 'INVALID' });
      await expect(ledger.claimOutbox(1, 0)).rejects.toMatchObject({ code: 'INVALID' });
      const rows = await ledger.listOutbox(a.messageId);
      expect(rows.find((r) => r.id === a.id)).toMatchObject({
        state: 'failed',
        lastError: expect.stringMatching(/CPA/),
      });
      expect(await ledger.claimOutbox(10, 1)).toEqual([]);
    });

    it('never hands one row to two concurrent claimers', async () => {
      const store = await ctx.newStore();
      const claimers = ctx.concurrent
        ? await Promise.all([ctx.open(store), ctx.open(store), ctx.open(store)])
        : [await ctx.open(store)];
      const owner = claimers[0]!;
      for (let i = 0; i < 4; i++) await withOutbox(owner, 10);
      const claimedBy = claimers.map(() => [] as string[]);
      await Promise.all(
        claimers.flatMap((ledger, i) =>
          [0, 1].map(async () => {
            for (;;) {
              const batch = await ledger.claimOutbox(3, 60_000);
              if (batch.length === 0) return;
              claimedBy[i]!.push(...batch.map((r) => r.id));
              await ledger.markPublished(batch.map((r) => r.id));
            }
          }),
        ),
      );
      const all = claimedBy.flat();
      expect(all).toHaveLength(40);
      expect(new Set(all).size).toBe(40);
    });
  });
}

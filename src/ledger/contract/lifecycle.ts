/** Opening, migrating, health and closing. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { LedgerError } from '../errors.js';
import { loadMigrations } from '../migrations.js';
import { heen } from './fixtures.js';

export function lifecycleContract(ctx: ContractContext): void {
  const latest = loadMigrations().at(-1)?.version;

  describe('migrations and lifecycle', () => {
    it('migrates a new store and reports the schema version', async () => {
      const ledger = await ctx.fresh();
      const health = await ledger.health();
      expect(health).toMatchObject({ ok: true, schemaVersion: latest });
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('opens the same store again without re-applying migrations, and keeps the data', async () => {
      const store = await ctx.newStore();
      const first = await ctx.open(store);
      const recorded = await first.recordMessage(heen());
      await first.close();
      const second = await ctx.open(store);
      expect(await second.health()).toMatchObject({ ok: true, schemaVersion: latest });
      expect(await second.getMessage(recorded.id)).toEqual(recorded);
    });

    // Only where several processes can share a store: PGlite admits one process per data directory, which
    // test/ledger/pglite.test.ts proves instead ("keeps a second ledger off an open data directory").
    if (ctx.concurrent)
      it('lets processes that start at once migrate one new store safely', async () => {
        const store = await ctx.newStore();
        const ledgers = await Promise.all([ctx.open(store), ctx.open(store), ctx.open(store)]);
        for (const l of ledgers) expect(await l.health()).toMatchObject({ ok: true, schemaVersion: latest });
        const m = await ledgers[0]!.recordMessage(heen());
        expect(await ledgers[2]!.getMessage(m.id)).toEqual(m);
      });

    it('refuses a store whose applied migration was edited since', async () => {
      const store = await ctx.newStore();
      await (await ctx.open(store)).close();
      const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
      await expect(ctx.open(store, { migrations: edited })).rejects.toMatchObject({ code: 'MIGRATION' });
    });

    it('refuses a store migrated by a newer version of the code', async () => {
      const store = await ctx.newStore();
      await (await ctx.open(store)).close();
      const older = loadMigrations().slice(0, -1);
      await expect(ctx.open(store, { migrations: older })).rejects.toMatchObject({ code: 'MIGRATION' });
    });

    it('after close answers every call with UNAVAILABLE and health with ok: false', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen());
      await ledger.close();
      await ledger.close();
      const error = await ledger.getMessage(m.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      await expect(ledger.recordMessage(heen())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(ledger.claimOutbox(1, 1000)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      expect(await ledger.health()).toMatchObject({ ok: false, error: 'UNAVAILABLE' });
    });
  });
}

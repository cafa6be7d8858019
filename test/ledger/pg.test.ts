/**
 * The ledger contract against PostgreSQL, in a database created for this run (see support/postgres.ts).
 * Each store is a schema of its own, so tests are isolated and several ledgers on one store race for real.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runLedgerContract } from '../../src/ledger/contract.js';
import { openLedger } from '../../src/ledger/core.js';
import { createPgDb, createPgLedger } from '../../src/ledger/pg/index.js';
import { startTestPostgres } from '../support/postgres.js';

const postgres = await startTestPostgres();

if (postgres) {
  afterAll(async () => {
    await postgres.drop();
  });

  runLedgerContract('postgres', {
    concurrent: true,
    newStore: async () => {
      const schema = await postgres.createSchema();
      return {
        open: async (options) => openLedger(createPgDb({ connectionString: postgres.url, schema }), options),
      };
    },
  });

  describe('postgres adapter', () => {
    it('answers UNAVAILABLE, not a driver error, when the server cannot be reached', async () => {
      const url = new URL(postgres.url);
      url.port = '1';
      await expect(
        createPgLedger({ connectionString: url.toString(), connectTimeoutMs: 2000 }),
      ).rejects.toMatchObject({ name: 'LedgerError', code: 'UNAVAILABLE', retryable: true });
    });

    it('prepares each parameterised statement once per connection, and at most 500 texts', async () => {
      const db = createPgDb({ connectionString: postgres.url, poolSize: 1 });
      try {
        const prepared = async () =>
          Number(
            (
              await db.query<{ n: string }>(
                `SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE $1`,
                ['bp\\_%'],
              )
            ).rows[0]!.n,
          );
        await db.query('SELECT $1::int AS x', [1]);
        const once = await prepared();
        await db.query('SELECT $1::int AS x', [2]);
        expect(await prepared()).toBe(once);
        // Distinct texts beyond the cap run unnamed: the connection never holds more than 500.
        for (let i = 0; i < 510; i++) await db.query(`SELECT $1::int AS x${i}`, [i]);
        const after = await prepared();
        expect(after).toBeGreaterThan(once);
        expect(after).toBeLessThanOrEqual(500);
      } finally {
        await db.close();
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(
        createPgLedger({ connectionString: postgres.url, schema: 'x; DROP TABLE messages' }),
      ).rejects.toMatchObject({ code: 'INVALID' });
    });
  });
} else {
  describe.skip('ledger contract: postgres (PostgreSQL unreachable, see the warning above)', () => {
    it('needs PostgreSQL', () => undefined);
  });
}

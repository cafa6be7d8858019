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

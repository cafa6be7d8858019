/**
 * The ledger contract against PGlite. Running initdb takes seconds, so one freshly initialised data
 * directory is dumped once and every store starts from a copy of it (the migrations still run per store).
 * Stores are file-backed, as `npm start` uses them; `fresh()` ledgers are in memory, which runs the same
 * SQL and only saves time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedgerContract } from '../../src/ledger/contract.js';
import { openLedger } from '../../src/ledger/core.js';
import { createPgliteDb, createPgliteLedger } from '../../src/ledger/pglite/index.js';
import { heen } from '../../src/ledger/contract/fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'berichtenpoort-ledger-'));
let template: Blob;
let stores = 0;

beforeAll(async () => {
  const initialised = await PGlite.create();
  template = await initialised.dumpDataDir('none');
  await initialised.close();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function newDataDir(): string {
  stores += 1;
  return path.join(root, `store-${stores}`, 'data');
}

runLedgerContract('pglite', {
  concurrent: false,
  newStore: async () => {
    const dataDir = newDataDir();
    return {
      open: async (options) => openLedger(await createPgliteDb({ dataDir, loadDataDir: template }), options),
    };
  },
  fresh: async () => createPgliteLedger({ loadDataDir: template }),
});

describe('pglite adapter', () => {
  it('keeps a second ledger off an open data directory, and lets it in after close', async () => {
    const dataDir = newDataDir();
    const first = await createPgliteLedger({ dataDir, loadDataDir: template });
    await expect(createPgliteLedger({ dataDir })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const m = await first.recordMessage(heen());
    await first.close();
    const second = await createPgliteLedger({ dataDir });
    expect(await second.getMessage(m.id)).toEqual(m);
    await second.close();
  });

  it('creates a data directory from scratch (initdb) when given no template', async () => {
    const ledger = await createPgliteLedger({ dataDir: newDataDir() });
    expect(await ledger.health()).toMatchObject({ ok: true, engine: 'pglite', schemaVersion: 1 });
    await ledger.close();
  });
});

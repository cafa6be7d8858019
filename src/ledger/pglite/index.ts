/**
 * The embedded ledger: PGlite (PostgreSQL compiled to WebAssembly) in this process, file-backed under a
 * data directory, or in memory for tests and demos. It runs the very SQL the PostgreSQL adapter runs.
 * PGlite has one connection and serialises every query and transaction behind one mutex, which is what
 * makes it a single writer; the lock file keeps other instances off the same directory.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { openLedger } from '../core.js';
import type { Db, DbResult, DbSession } from '../db.js';
import type { LedgerFactory } from '../port.js';
import { fromPgliteError } from './errors.js';
import { lockDataDir, type DataDirLock } from './lock.js';

export interface PgliteLedgerOptions {
  /** Directory of the database files, created on first use. Omit for an in-memory ledger. */
  readonly dataDir?: string;
  /**
   * A data-directory tarball (PGlite `dumpDataDir`) to start a new store from instead of running initdb,
   * which takes seconds. Ignored when `dataDir` already holds a database.
   */
  readonly loadDataDir?: Blob;
}

export const createPgliteLedger: LedgerFactory<PgliteLedgerOptions> = async (options) =>
  openLedger(await createPgliteDb(options));

export async function createPgliteDb(options: PgliteLedgerOptions = {}): Promise<Db> {
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  try {
    if (dataDir) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      lock = lockDataDir(dataDir);
    }
    const fresh = !dataDir || !existsSync(path.join(dataDir, 'PG_VERSION'));
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(fresh && options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    lock?.release();
    throw fromPgliteError(error);
  }
  return wrap(pglite, lock);
}

function wrap(pglite: PGlite, lock: DataDirLock | undefined): Db {
  return {
    engine: 'pglite',
    ...session(pglite),
    transaction: async (fn) => {
      try {
        return await pglite.transaction(async (tx) => fn(session(tx)));
      } catch (error) {
        throw fromPgliteError(error);
      }
    },
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function session(target: PGlite | Transaction): DbSession {
  return {
    query: async <Row>(text: string, params?: readonly unknown[]): Promise<DbResult<Row>> => {
      try {
        const r = await target.query<Row>(text, params ? [...params] : undefined);
        return { rows: r.rows, rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length };
      } catch (error) {
        throw fromPgliteError(error);
      }
    },
    exec: async (script) => {
      try {
        await target.exec(script);
      } catch (error) {
        throw fromPgliteError(error);
      }
    },
  };
}

/**
 * The production ledger: PostgreSQL through a node-postgres pool. This file only hands out connections
 * and translates errors; every statement comes from the core.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { openLedger } from '../core.js';
import type { Db, DbResult, DbSession } from '../db.js';
import { LedgerError } from '../errors.js';
import type { LedgerFactory } from '../port.js';
import { connectionBroken, fromPgError } from './errors.js';

export interface PgLedgerOptions {
  /** `DATABASE_URL`, e.g. `postgres://user:pass@host:5432/berichtenpoort`. */
  readonly connectionString: string;
  /** Connections in the pool; default 10. */
  readonly poolSize?: number;
  /** Schema to use instead of `public` (set as search_path); it must exist. */
  readonly schema?: string;
  /** How long to wait for a connection before UNAVAILABLE; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Server-side limit per statement, so a stuck lock cannot hang a stage forever; default 30 s. */
  readonly statementTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const createPgLedger: LedgerFactory<PgLedgerOptions> = async (options) =>
  openLedger(createPgDb(options));

export function createPgDb(options: PgLedgerOptions): Db {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new LedgerError('INVALID', 'schema must be a lower-case SQL identifier.');
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: 'berichtenpoort',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection that dies (server restart) is reported here; without a listener Node would crash
  // the process. The pool has already dropped it and the next query connects afresh.
  pool.on('error', () => undefined);

  return {
    engine: 'postgres',
    query: async (text, params) => run(pool, text, params),
    exec: async (script) => {
      await run(pool, script);
    },
    transaction: async (fn) => {
      const client = await pool.connect().catch((error: unknown) => {
        throw fromPgError(error);
      });
      let broken = false;
      try {
        await run(client, 'BEGIN');
        const result = await fn(session(client));
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        const mapped = fromPgError(error);
        broken = connectionBroken(mapped);
        if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
        throw mapped;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}

function session(client: pg.PoolClient): DbSession {
  return {
    query: async (text, params) => run(client, text, params),
    exec: async (script) => {
      await run(client, script);
    },
  };
}

async function run<Row>(
  target: pg.Pool | pg.PoolClient,
  text: string,
  params?: readonly unknown[],
): Promise<DbResult<Row>> {
  try {
    // Without parameters pg uses the simple protocol, which is what lets a migration script hold many statements.
    const result = params
      ? await target.query({ name: statementName(text), text, values: [...params] })
      : await target.query(text);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw fromPgError(error);
  }
}

/**
 * Parameterised statements run as named (prepared) statements: PostgreSQL parses and plans each once per
 * connection instead of on every call, which matters for the ledger's larger writes (a message with its
 * transition, links, keys and outbox rows is one statement of several CTEs). The core's SQL is a bounded
 * set of templates (well under a hundred texts); past MAX_PREPARED distinct texts the rest run unnamed, so
 * a statement built from unbounded input could never grow the server's per-connection memory.
 */
const MAX_PREPARED = 500;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED) {
    name = `bp_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

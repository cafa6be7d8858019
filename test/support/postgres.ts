/**
 * A throw-away PostgreSQL database for one test run: `berichtenpoort_test_<unix seconds>_<random>`,
 * created through the server's maintenance database and dropped afterwards, so parallel runs and
 * developers' own databases never collide. Inside it each store gets its own schema.
 *
 * Where: `TEST_POSTGRES_URL`, else `DATABASE_URL`, else `postgres://postgres@127.0.0.1:5432/postgres`
 * (any database on the server will do; the test database is created beside it).
 * Unreachable: in CI (`CI=true`) that is a failure, never a skip, because a skipped production adapter
 * would leave CI green without proof; on a developer machine the suite is skipped with a loud warning.
 */
import { mustNotSkip } from './ci.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestPostgres {
  /** Connection string of the fresh database. */
  readonly url: string;
  /** A new empty schema in it; its name. */
  createSchema(): Promise<string>;
  /** Drops the database (closing whatever is still connected). */
  drop(): Promise<void>;
}

const PREFIX = 'berichtenpoort_test_';
/** Databases left by runs that crashed more than this long ago are removed. */
const STALE_AFTER_SECONDS = 24 * 60 * 60;

export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const adminUrl =
    process.env.TEST_POSTGRES_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const where = describeServer(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  // A connection the server drops is reported as an 'error' event; unheard, Node would crash the worker.
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    if (mustNotSkip()) {
      throw new Error(
        `PostgreSQL at ${where} is unreachable (${reason}); CI must run the pg ledger contract.`,
        {
          cause: error,
        },
      );
    }
    console.warn(
      `\n${'!'.repeat(78)}\n!! SKIPPING the PostgreSQL ledger contract: ${where} is unreachable (${reason}).\n` +
        `!! Start PostgreSQL or set TEST_POSTGRES_URL; in CI this is a failure.\n${'!'.repeat(78)}\n`,
    );
    return undefined;
  }
  try {
    await dropStale(admin);
    const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return handle(admin, name, url.toString());
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw error;
  }
}

function handle(admin: pg.Client, name: string, url: string): TestPostgres {
  const schemas = new pg.Pool({ connectionString: url, max: 1 });
  schemas.on('error', () => undefined);
  let count = 0;
  return {
    url,
    createSchema: async () => {
      count += 1;
      const schema = `store_${count}`;
      await schemas.query(`CREATE SCHEMA ${schema}`);
      return schema;
    },
    drop: async () => {
      await schemas.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function dropStale(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`,
  );
  const cutoff = Date.now() / 1000 - STALE_AFTER_SECONDS;
  for (const { datname } of rows) {
    const created = Number(/^berichtenpoort_test_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (created && created < cutoff) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** host:port/database, without credentials, for messages. */
function describeServer(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

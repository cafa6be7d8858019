/**
 * Versioned migrations: `migrations/NNN_name.sql`, applied in order when a ledger opens, all pending ones
 * in one transaction, each recorded in `schema_migrations` with a checksum. A transaction-scoped advisory
 * lock makes two processes that start at once take turns (the second finds the work done); on PGlite the
 * lock is trivially free and the same SQL runs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { LedgerError } from './errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the script with line endings normalised, so a checkout with CRLF is not "edited". */
  readonly checksum: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** Arbitrary but fixed: the advisory lock every berichtenpoort process takes to migrate. */
const MIGRATION_LOCK_KEY = 7_310_201_301;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => {
      const sql = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new LedgerError(
        'MIGRATION',
        `Migrations must be numbered 001, 002, ... without gaps; found ${m.version}.`,
      );
    }
  });
  return migrations;
}

/** Applies what is pending; returns the schema version afterwards. */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    for (const row of applied.rows) {
      const known = migrations.find((m) => m.version === row.version);
      if (!known) {
        throw new LedgerError(
          'MIGRATION',
          `The database has migration ${row.version}, which this code does not know: it was migrated by a newer version.`,
        );
      }
      if (known.checksum !== row.checksum) {
        throw new LedgerError(
          'MIGRATION',
          `Migration ${row.version} (${known.name}) was edited after it was applied; add a new migration instead.`,
        );
      }
    }
    const done = new Set(applied.rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    }
    return migrations.at(-1)?.version ?? 0;
  });
}

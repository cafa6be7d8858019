/**
 * The ledger itself, written once over the tiny `Db` interface: adapters open a `Db`, call `openLedger`
 * and return what it gives them. Migrations run here, before the first call can reach a table.
 */
import { auditHead, appendAuditEvents, listAuditEvents } from './audit.js';
import type { Db } from './db.js';
import { LedgerError, isLedgerError } from './errors.js';
import * as messages from './messages.js';
import { loadMigrations, migrate, type Migration } from './migrations.js';
import * as outbox from './outbox.js';
import type { Ledger, LedgerHealth } from './port.js';
import * as queries from './queries.js';

export interface OpenLedgerOptions {
  /** Defaults to the files in `migrations/`; tests pass edited lists to prove refusals. */
  readonly migrations?: readonly Migration[];
}

/**
 * Migrates `db` and wraps it as the port. Takes ownership: if migrating fails, `db` is closed before the
 * error is rethrown, so a failed start leaves no pool or lock behind.
 */
export async function openLedger(db: Db, options: OpenLedgerOptions = {}): Promise<Ledger> {
  try {
    await migrate(db, options.migrations ?? loadMigrations());
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return createLedger(db);
}

function createLedger(db: Db): Ledger {
  let closing: Promise<void> | undefined;

  /** After close nothing may reach the adapter (a closed pool or PGlite would throw its own errors). */
  function open(): Db {
    if (closing) throw new LedgerError('UNAVAILABLE', 'The ledger is closed.');
    return db;
  }

  return {
    recordMessage: async (input) => messages.recordMessage(open(), input),
    findDuplicate: async (key) => messages.findDuplicate(open(), key),
    transition: async (id, to, options) => messages.transition(open(), id, to, options),
    link: async (links) => messages.link(open(), links),
    addConversationKeys: async (id, keys) => messages.addConversationKeys(open(), id, keys),
    getMessage: async (id) => queries.getMessage(open(), id),
    getHistory: async (id) => queries.getHistory(open(), id),
    getLinks: async (id) => queries.getLinks(open(), id),
    getConversationKeys: async (id) => queries.getConversationKeys(open(), id),
    findConversation: async (key) => queries.findConversation(open(), key),
    listMessages: async (query) => queries.listMessages(open(), query),
    findByBerichtIdentificatie: async (query) => queries.findByBerichtIdentificatie(open(), query),
    claimOutbox: async (limit, leaseMs) => outbox.claimOutbox(open(), limit, leaseMs),
    markPublished: async (ids) => outbox.markPublished(open(), ids),
    markOutboxRetry: async (id, at, error) => outbox.markOutboxRetry(open(), id, at, error),
    markOutboxFailed: async (id, error) => outbox.markOutboxFailed(open(), id, error),
    listOutbox: async (messageId) => outbox.listOutbox(open(), messageId),
    appendAuditEvents: async (events) => appendAuditEvents(open(), events),
    listAuditEvents: async (query) => listAuditEvents(open(), query),
    auditHead: async () => auditHead(open()),
    health: async () => health(db, closing !== undefined),
    close: async () => {
      closing ??= db.close();
      await closing;
    },
  };
}

async function health(db: Db, closed: boolean): Promise<LedgerHealth> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (closed)
    return { ok: false, engine: db.engine, schemaVersion: null, latencyMs: 0, error: 'UNAVAILABLE' };
  try {
    const r = await db.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    return { ok: true, engine: db.engine, schemaVersion: r.rows[0]?.version ?? null, latencyMs: elapsed() };
  } catch (error) {
    const code = isLedgerError(error) ? error.code : 'INTERNAL';
    return { ok: false, engine: db.engine, schemaVersion: null, latencyMs: elapsed(), error: code };
  }
}

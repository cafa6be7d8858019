/**
 * The transactional outbox's consumer side. A claim is one statement: pick due rows with
 * `FOR UPDATE SKIP LOCKED` (concurrent claimers on PostgreSQL pass each other's rows by), and push their
 * `next_attempt_at` past the lease so nobody else takes them until it runs out. A row whose claimer died
 * simply becomes due again.
 */
import { boundedText, checkLimit, checkNonEmpty, invalid, requireExisting } from './check.js';
import type { Db } from './db.js';
import { LedgerError } from './errors.js';
import { isId } from './ids.js';
import type { OutboxEntry } from './port.js';
import { OUTBOX_COLUMNS, toOutboxEntry, type OutboxRow } from './rows.js';

/** A lease longer than a day is a bug in the caller, not a policy. */
const MAX_LEASE_MS = 24 * 60 * 60 * 1000;

export async function claimOutbox(db: Db, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
  checkLimit(limit);
  if (!Number.isInteger(leaseMs) || leaseMs < 1 || leaseMs > MAX_LEASE_MS) {
    throw invalid(`leaseMs must be an integer from 1 to ${MAX_LEASE_MS}.`);
  }
  const r = await db.query<OutboxRow & { due_at: Date }>(
    `WITH due AS (
       SELECT id, next_attempt_at FROM outbox
       WHERE state = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, id
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE outbox o
     SET attempts = o.attempts + 1,
         next_attempt_at = now() + $2::double precision * interval '1 millisecond',
         updated_at = now()
     FROM due WHERE o.id = due.id
     RETURNING ${OUTBOX_COLUMNS}, due.next_attempt_at AS due_at`,
    [limit, leaseMs],
  );
  // RETURNING has no order of its own; hand rows out in the order they became due.
  return r.rows
    .sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || (a.id < b.id ? -1 : 1))
    .map(toOutboxEntry);
}

export async function markPublished(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (!ids.every(isId)) throw invalid('Outbox ids must be UUIDs.');
  await db.query(
    `UPDATE outbox SET state = 'published', published_at = now(), updated_at = now()
     WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) AND state = 'pending'`,
    [JSON.stringify(ids)],
  );
}

export async function markOutboxRetry(db: Db, id: string, nextAttemptAt: Date, error: string): Promise<void> {
  if (!(nextAttemptAt instanceof Date) || Number.isNaN(nextAttemptAt.getTime())) {
    throw invalid('nextAttemptAt must be a valid Date.');
  }
  await settle(db, id, error, `next_attempt_at = $3::timestamptz`, [nextAttemptAt.toISOString()]);
}

export async function markOutboxFailed(db: Db, id: string, error: string): Promise<void> {
  await settle(db, id, error, `state = 'failed'`, []);
}

/** Updates a pending row; NOT_FOUND for an unknown row, CONFLICT for one already published or failed. */
async function settle(db: Db, id: string, error: string, set: string, extra: unknown[]): Promise<void> {
  requireExisting(id, 'Outbox row');
  checkNonEmpty(error, 'error');
  const r = await db.query(
    `UPDATE outbox SET ${set}, last_error = $2, updated_at = now() WHERE id = $1 AND state = 'pending'`,
    [id, boundedText(error), ...extra],
  );
  if (r.rowCount > 0) return;
  const row = await db.query<{ state: string }>('SELECT state FROM outbox WHERE id = $1', [id]);
  const state = row.rows[0]?.state;
  if (!state) throw new LedgerError('NOT_FOUND', 'Outbox row not found.');
  throw new LedgerError('CONFLICT', `Outbox row is already ${state}.`);
}

export async function listOutbox(db: Db, messageId: string): Promise<OutboxEntry[]> {
  if (!isId(messageId)) return [];
  const r = await db.query<OutboxRow>(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.message_id = $1 ORDER BY o.id`,
    [messageId],
  );
  return r.rows.map(toOutboxEntry);
}

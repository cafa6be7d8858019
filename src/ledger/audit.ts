/**
 * The audit mirror. The archive owns the chain and its hashing; the ledger only refuses to become an
 * inconsistent copy of it: a seq keeps its first hash, and each event's `prevHash` must match the hash
 * stored at seq - 1 (when the mirror has it). Re-appending what is already there is a no-op, so the
 * archive can replay after a crash without bookkeeping.
 */
import { checkLimit, checkNonEmpty, invalid, jsonParam } from './check.js';
import type { Db, DbSession } from './db.js';
import { LedgerError } from './errors.js';
import type { AuditEvent, AuditQuery } from './port.js';
import { AUDIT_COLUMNS, toAuditEvent, type AuditRow } from './rows.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkEvent(e: AuditEvent): string {
  if (!Number.isSafeInteger(e.seq) || e.seq < 1) throw invalid('Audit seq must be a positive integer.');
  if (!ISO_INSTANT.test(e.at) || Number.isNaN(Date.parse(e.at))) {
    throw invalid('Audit at must be an instant as toISOString writes it.');
  }
  checkNonEmpty(e.type, 'Audit type');
  checkNonEmpty(e.subject, 'Audit subject');
  checkNonEmpty(e.actor, 'Audit actor');
  checkNonEmpty(e.hash, 'Audit hash');
  if (typeof e.prevHash !== 'string') throw invalid('Audit prevHash must be a string.');
  const data = jsonParam(e.data, 'Audit data');
  if (data === null) throw invalid('Audit data must be a JSON value other than null.');
  return data;
}

export async function appendAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  const checked = [...events].sort((a, b) => a.seq - b.seq).map((e) => ({ e, data: checkEvent(e) }));
  if (checked.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { e, data } of checked) {
      const inserted = await tx.query(
        `INSERT INTO audit_events (seq, at, type, subject, actor, data, prev_hash, hash)
         VALUES ($1, $2::timestamptz, $3, $4, $5, $6::json, $7, $8)
         ON CONFLICT (seq) DO NOTHING`,
        [e.seq, e.at, e.type, e.subject, e.actor, data, e.prevHash, e.hash],
      );
      if (inserted.rowCount === 0) {
        if ((await hashAt(tx, e.seq)) !== e.hash) {
          throw new LedgerError('CONFLICT', `Audit event ${e.seq} is already mirrored with another hash.`);
        }
        continue;
      }
      const previous = e.seq > 1 ? await hashAt(tx, e.seq - 1) : undefined;
      if (previous !== undefined && previous !== e.prevHash) {
        throw new LedgerError('CONFLICT', `Audit event ${e.seq} does not chain to event ${e.seq - 1}.`);
      }
      // Filling a gap: the event after it must already point at this one.
      const next = await tx.query<{ prev_hash: string }>(
        'SELECT prev_hash FROM audit_events WHERE seq = $1',
        [e.seq + 1],
      );
      const nextPrev = next.rows[0]?.prev_hash;
      if (nextPrev !== undefined && nextPrev !== e.hash) {
        throw new LedgerError('CONFLICT', `Audit event ${e.seq + 1} does not chain to event ${e.seq}.`);
      }
    }
  });
}

async function hashAt(s: DbSession, seq: number): Promise<string | undefined> {
  const r = await s.query<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = $1', [seq]);
  return r.rows[0]?.hash;
}

// The queries select `seq::text AS seq` (bigint arrives as text anyway), and a bare ORDER BY seq would sort
// by that text alias: 10 before 9. Every ORDER BY names the column, audit_events.seq.
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditEvent[]> {
  checkLimit(query.limit);
  const params: unknown[] = [query.afterSeq ?? 0];
  let subject = '';
  if (query.subject !== undefined) {
    params.push(query.subject);
    subject = 'AND subject = $2';
  }
  const r = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE seq > $1 ${subject} ORDER BY audit_events.seq LIMIT ${query.limit}`,
    params,
  );
  return r.rows.map(toAuditEvent);
}

export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const r = await db.query<{ seq: string; hash: string }>(
    'SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1',
  );
  const row = r.rows[0];
  return row && { seq: Number(row.seq), hash: row.hash };
}

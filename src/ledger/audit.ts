/**
 * The audit mirror. The archive owns the chain and its hashing; the ledger only refuses to become an
 * inconsistent copy of it: a seq keeps its first hash, and each event's `prevHash` must match the hash
 * stored at seq - 1 (when the mirror has it). Re-appending what is already there is a no-op, so the
 * archive can replay after a crash without bookkeeping.
 */
import { checkLimit, checkNonEmpty, invalid, jsonParam } from './check.js';
import type { Db } from './db.js';
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

/**
 * One set-based INSERT for the whole batch, then one read of the stored neighbours, both in one
 * transaction: two statements per batch instead of three per event (the mirror sits on the pipeline's
 * path to the sender's answer). The batch travels as one JSON parameter (json_to_recordset), which both
 * engines take without array-parameter support; `data` goes as JSON text inside it and is cast to json in
 * SQL, so its text and key order are stored exactly as given.
 */
export async function appendAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  const checked = dedupeBySeq(
    [...events].sort((a, b) => a.seq - b.seq).map((e) => ({ e, data: checkEvent(e) })),
  );
  if (checked.length === 0) return;
  const batch = JSON.stringify(
    checked.map(({ e, data }) => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      subject: e.subject,
      actor: e.actor,
      data,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  await db.transaction(async (tx) => {
    const inserted = await tx.query<{ seq: string }>(
      `INSERT INTO audit_events (seq, at, type, subject, actor, data, prev_hash, hash)
       SELECT seq, at::timestamptz, type, subject, actor, data::json, prev_hash, hash
         FROM json_to_recordset($1::json)
           AS t(seq bigint, at text, type text, subject text, actor text, data text, prev_hash text, hash text)
       ORDER BY seq
       ON CONFLICT (seq) DO NOTHING
       RETURNING seq::text AS seq`,
      [batch],
    );
    const isNew = new Set(inserted.rows.map((r) => Number(r.seq)));
    // Read after the INSERT (a new snapshot under READ COMMITTED), so rows a concurrent writer committed
    // meanwhile are seen too: every seq of the batch and its two neighbours.
    const around = [...new Set(checked.flatMap(({ e }) => [e.seq - 1, e.seq, e.seq + 1]))].filter(
      (s) => s >= 1,
    );
    const stored = await tx.query<{ seq: string; hash: string; prev_hash: string }>(
      `SELECT seq::text AS seq, hash, prev_hash FROM audit_events
        WHERE seq IN (SELECT value::bigint FROM json_array_elements_text($1::json))`,
      [JSON.stringify(around)],
    );
    const at = new Map(stored.rows.map((r) => [Number(r.seq), r]));
    for (const { e } of checked) {
      // A replayed event must be the stored one; an event this call inserted trivially is.
      if (at.get(e.seq)?.hash !== e.hash) {
        throw new LedgerError('CONFLICT', `Audit event ${e.seq} is already mirrored with another hash.`);
      }
      if (!isNew.has(e.seq)) continue;
      const previous = e.seq > 1 ? at.get(e.seq - 1)?.hash : undefined;
      if (previous !== undefined && previous !== e.prevHash) {
        throw new LedgerError('CONFLICT', `Audit event ${e.seq} does not chain to event ${e.seq - 1}.`);
      }
      // Filling a gap: the event after it must already point at this one.
      const nextPrev = at.get(e.seq + 1)?.prev_hash;
      if (nextPrev !== undefined && nextPrev !== e.hash) {
        throw new LedgerError('CONFLICT', `Audit event ${e.seq + 1} does not chain to event ${e.seq}.`);
      }
    }
  });
}

/** The same seq twice in one batch: one copy if identical, CONFLICT otherwise (as two calls would answer). */
function dedupeBySeq<T extends { e: AuditEvent }>(sorted: T[]): T[] {
  const out: T[] = [];
  for (const item of sorted) {
    const last = out.at(-1);
    if (last && last.e.seq === item.e.seq) {
      if (last.e.hash !== item.e.hash) {
        throw new LedgerError('CONFLICT', `Audit event ${item.e.seq} appears twice with different hashes.`);
      }
      continue;
    }
    out.push(item);
  }
  return out;
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

/**
 * Writing messages: record (one transaction with everything that belongs to it), transitions, links and
 * conversation keys. Related rows go in with one statement each (`jsonb_to_recordset`), however many
 * there are: a 323 can carry hundreds of ToewijzingNummers.
 */
import { checkNonEmpty, checkOneOf, invalid, jsonParam, requireExisting } from './check.js';
import type { Db, DbSession } from './db.js';
import { LedgerError } from './errors.js';
import { newId } from './ids.js';
import {
  CONVERSATION_KEY_KINDS,
  INITIAL_STATES,
  LINK_KINDS,
  MESSAGE_STATES,
  canTransition,
  idempotencyKeyOf,
  type ConversationKeyInput,
  type IdempotencyKey,
  type Message,
  type MessageLink,
  type MessageState,
  type OutboxInput,
  type RecordMessageInput,
  type TransitionCause,
  type TransitionOptions,
} from './port.js';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './rows.js';

const SHA256 = /^[0-9a-f]{64}$/;

export async function recordMessage(db: Db, input: RecordMessageInput): Promise<Message> {
  checkRecordInput(input);
  const key = idempotencyKeyOf(input);
  const report = jsonParam(input.validationReport, 'validationReport');
  const id = newId();
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO messages (id, direction, standard, message_name, bericht_code, afzender, ontvanger,
         identificatie, dagtekening, identificatie_retour, dagtekening_retour, sender, sender_identificatie,
         duplicate_of, sha256, size, state, validation_report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11::date, $12, $13, $14::uuid, $15, $16, $17,
         $18::jsonb)
       ON CONFLICT (sender, bericht_code, sender_identificatie) WHERE duplicate_of IS NULL DO NOTHING
       RETURNING id`,
      [
        id,
        input.direction,
        input.standard,
        input.messageName,
        input.berichtCode,
        input.afzender,
        input.ontvanger,
        input.berichtIdentificatie?.identificatie ?? null,
        input.berichtIdentificatie?.dagtekening ?? null,
        input.identificatieRetour?.identificatie ?? null,
        input.identificatieRetour?.dagtekening ?? null,
        key?.sender ?? null,
        key?.identificatie ?? null,
        input.duplicateOf ?? null,
        input.sha256,
        input.size,
        input.state,
        report,
      ],
    );
    if (inserted.rowCount === 0 && key) {
      // ON CONFLICT waited for the other writer to commit; a new statement sees its row.
      const holder = await findHolder(tx, key);
      throw new LedgerError('DUPLICATE', 'A message with this idempotency key is already recorded.', {
        constraint: 'messages_idempotency_key',
        ...(holder ? { existingId: holder.id } : {}),
      });
    }
    await insertTransition(tx, id, null, input.state, input.cause);
    if (input.links?.length) {
      await tx.query(
        `INSERT INTO message_links (from_id, to_id, kind)
         SELECT l.from_id, $1, l.kind FROM jsonb_to_recordset($2::jsonb) AS l(from_id uuid, kind text)
         ON CONFLICT DO NOTHING`,
        [id, JSON.stringify(input.links.map((l) => ({ from_id: l.from, kind: l.kind })))],
      );
    }
    if (input.conversationKeys?.length) await insertKeys(tx, id, input.conversationKeys);
    if (input.outbox?.length) await insertOutbox(tx, id, input.outbox);
    return selectMessage(tx, id);
  });
}

function checkRecordInput(input: RecordMessageInput): void {
  checkOneOf(input.direction, ['inbound', 'outbound'], 'direction');
  checkOneOf(input.state, INITIAL_STATES, 'initial state');
  if (!SHA256.test(input.sha256)) throw invalid('sha256 must be 64 lower-case hex digits.');
  if (!Number.isInteger(input.size) || input.size < 0) throw invalid('size must be a non-negative integer.');
  const duplicateOf = input.duplicateOf ?? undefined;
  if ((input.state === 'duplicate') !== (duplicateOf !== undefined)) {
    throw invalid('duplicateOf is given exactly when the state is duplicate.');
  }
  if (duplicateOf !== undefined) requireExisting(duplicateOf, 'duplicateOf message');
  checkCause(input.cause);
  for (const l of input.links ?? []) {
    requireExisting(l.from, 'Linked message');
    checkOneOf(l.kind, LINK_KINDS, 'link kind');
  }
  checkKeys(input.conversationKeys ?? []);
  if (input.conversationKeys?.length && input.standard === null) {
    throw invalid('An unidentified message (no standard) cannot carry conversation keys.');
  }
  checkOutbox(input.outbox ?? []);
}

function checkCause(cause: TransitionCause): void {
  checkNonEmpty(cause.actor, 'actor');
  for (const code of cause.codes ?? []) checkNonEmpty(code, 'code');
}

function checkKeys(keys: readonly ConversationKeyInput[]): void {
  for (const k of keys) {
    checkOneOf(k.kind, CONVERSATION_KEY_KINDS, 'conversation key kind');
    checkNonEmpty(k.owner, 'conversation key owner');
    checkNonEmpty(k.value, 'conversation key value');
  }
}

function checkOutbox(rows: readonly OutboxInput[]): void {
  for (const o of rows) {
    checkNonEmpty(o.destination, 'outbox destination');
    checkNonEmpty(o.payloadRef, 'outbox payloadRef');
    for (const v of Object.values(o.headers ?? {})) {
      if (typeof v !== 'string') throw invalid('outbox header values must be strings.');
    }
  }
}

async function findHolder(s: DbSession, key: IdempotencyKey): Promise<MessageRow | undefined> {
  const r = await s.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m
     WHERE m.sender = $1 AND m.bericht_code = $2 AND m.sender_identificatie = $3 AND m.duplicate_of IS NULL`,
    [key.sender, key.berichtCode, key.identificatie],
  );
  return r.rows[0];
}

export async function findDuplicate(db: Db, key: IdempotencyKey): Promise<Message | undefined> {
  const row = await findHolder(db, key);
  return row && toMessage(row);
}

async function insertTransition(
  s: DbSession,
  id: string,
  from: MessageState | null,
  to: MessageState,
  cause: TransitionCause,
): Promise<void> {
  await s.query(
    `INSERT INTO message_transitions (message_id, from_state, to_state, actor, reason, codes)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [id, from, to, cause.actor, cause.reason ?? null, JSON.stringify(cause.codes ?? [])],
  );
}

async function insertKeys(s: DbSession, id: string, keys: readonly ConversationKeyInput[]): Promise<void> {
  // The standard comes from the message: it is the key's legal domain.
  await s.query(
    `INSERT INTO conversation_keys (message_id, standard, kind, owner, value)
     SELECT m.id, m.standard, k.kind, k.owner, k.value
     FROM messages m, jsonb_to_recordset($2::jsonb) AS k(kind text, owner text, value text)
     WHERE m.id = $1
     ON CONFLICT DO NOTHING`,
    [id, JSON.stringify(keys.map((k) => ({ kind: k.kind, owner: k.owner, value: k.value })))],
  );
}

async function insertOutbox(s: DbSession, messageId: string, rows: readonly OutboxInput[]): Promise<void> {
  const values = rows.map((o) => ({
    id: newId(),
    destination: o.destination,
    payload_ref: o.payloadRef,
    headers: o.headers ?? {},
  }));
  await s.query(
    `INSERT INTO outbox (id, message_id, destination, payload_ref, headers)
     SELECT o.id, $1, o.destination, o.payload_ref, o.headers
     FROM jsonb_to_recordset($2::jsonb) AS o(id uuid, destination text, payload_ref text, headers jsonb)`,
    [messageId, JSON.stringify(values)],
  );
}

export async function selectMessage(s: DbSession, id: string): Promise<Message> {
  const r = await s.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new LedgerError('NOT_FOUND', 'Message not found.');
  return toMessage(row);
}

export async function transition(
  db: Db,
  id: string,
  to: MessageState,
  options: TransitionOptions,
): Promise<Message> {
  requireExisting(id, 'Message');
  checkOneOf(to, MESSAGE_STATES, 'state');
  checkCause(options);
  checkOutbox(options.outbox ?? []);
  const report = jsonParam(options.validationReport, 'validationReport');
  return db.transaction(async (tx) => {
    const current = await tx.query<{ state: MessageState }>('SELECT state FROM messages WHERE id = $1', [id]);
    const from = current.rows[0]?.state;
    if (!from) throw new LedgerError('NOT_FOUND', 'Message not found.');
    if (options.expected !== undefined && options.expected !== from) {
      throw new LedgerError('CONFLICT', `Message is ${from}, not ${options.expected} as expected.`);
    }
    if (!canTransition(from, to))
      throw new LedgerError('CONFLICT', `Transition ${from} -> ${to} is not allowed.`);
    // Optimistic: the row must still be in the state we read; a concurrent move makes this match nothing.
    const updated = await tx.query(
      `UPDATE messages SET state = $2, updated_at = now(), validation_report = COALESCE($4::jsonb, validation_report)
       WHERE id = $1 AND state = $3`,
      [id, to, from, report],
    );
    if (updated.rowCount === 0) {
      throw new LedgerError('CONFLICT', `Message changed state concurrently; ${from} -> ${to} not applied.`);
    }
    await insertTransition(tx, id, from, to, options);
    if (options.outbox?.length) await insertOutbox(tx, id, options.outbox);
    return selectMessage(tx, id);
  });
}

export async function link(db: Db, links: readonly MessageLink[]): Promise<void> {
  if (links.length === 0) return;
  for (const l of links) {
    requireExisting(l.from, 'Linked message');
    requireExisting(l.to, 'Linked message');
    checkOneOf(l.kind, LINK_KINDS, 'link kind');
    if (l.from === l.to) throw invalid('A message cannot be linked to itself.');
  }
  await db.query(
    `INSERT INTO message_links (from_id, to_id, kind)
     SELECT l.from_id, l.to_id, l.kind FROM jsonb_to_recordset($1::jsonb) AS l(from_id uuid, to_id uuid, kind text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(links.map((l) => ({ from_id: l.from, to_id: l.to, kind: l.kind })))],
  );
}

export async function addConversationKeys(
  db: Db,
  messageId: string,
  keys: readonly ConversationKeyInput[],
): Promise<void> {
  requireExisting(messageId, 'Message');
  checkKeys(keys);
  await db.transaction(async (tx) => {
    const m = await tx.query<{ standard: string | null }>('SELECT standard FROM messages WHERE id = $1', [
      messageId,
    ]);
    const row = m.rows[0];
    if (!row) throw new LedgerError('NOT_FOUND', 'Message not found.');
    if (row.standard === null)
      throw invalid('An unidentified message (no standard) cannot carry conversation keys.');
    if (keys.length) await insertKeys(tx, messageId, keys);
  });
}

/**
 * Writing messages: record (one statement with everything that belongs to it), transitions (one statement
 * when the caller names the state it moves from, as the pipeline does), links and conversation keys. Related rows go in with one statement each (`jsonb_to_recordset`), however many
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

/**
 * One statement, one round trip: the message and everything recorded with it go in through data-modifying
 * CTEs that all hang off the inserted row, so they are as atomic as a transaction without BEGIN and COMMIT
 * (each a round trip of its own). Measured in bench:pipeline, the pg socket writes of ~22 statements per
 * inbound 305 were the largest single item of the gateway's CPU profile.
 */
export async function recordMessage(db: Db, input: RecordMessageInput): Promise<Message> {
  checkRecordInput(input);
  const key = idempotencyKeyOf(input);
  const report = jsonParam(input.validationReport, 'validationReport');
  const $ = new Params();
  const recorded = await db.query<MessageRow>(
    `WITH m AS (
       INSERT INTO messages (id, direction, standard, message_name, bericht_code, afzender, ontvanger,
         identificatie, dagtekening, identificatie_retour, dagtekening_retour, sender, sender_identificatie,
         duplicate_of, sha256, size, state, validation_report)
       VALUES (${$.add(newId())}, ${$.add(input.direction)}, ${$.add(input.standard)},
         ${$.add(input.messageName)}, ${$.add(input.berichtCode)}, ${$.add(input.afzender)},
         ${$.add(input.ontvanger)}, ${$.add(input.berichtIdentificatie?.identificatie ?? null)},
         ${$.add(input.berichtIdentificatie?.dagtekening ?? null)}::date,
         ${$.add(input.identificatieRetour?.identificatie ?? null)},
         ${$.add(input.identificatieRetour?.dagtekening ?? null)}::date, ${$.add(key?.sender ?? null)},
         ${$.add(key?.identificatie ?? null)}, ${$.add(input.duplicateOf ?? null)}::uuid, ${$.add(input.sha256)},
         ${$.add(input.size)}, ${$.add(input.state)}, ${$.add(report)}::jsonb)
       ON CONFLICT (sender, bericht_code, sender_identificatie) WHERE duplicate_of IS NULL DO NOTHING
       RETURNING *
     )${related($, null, input.cause, input.links, input.conversationKeys, input.outbox)}
     SELECT ${MESSAGE_COLUMNS} FROM m`,
    $.values,
  );
  const row = recorded.rows[0];
  if (row) return toMessage(row);
  // Only the idempotency key can make the insert do nothing. ON CONFLICT waited for the other writer to
  // commit; a new statement sees its row.
  const holder = key ? await findHolder(db, key) : undefined;
  throw new LedgerError('DUPLICATE', 'A message with this idempotency key is already recorded.', {
    constraint: 'messages_idempotency_key',
    ...(holder ? { existingId: holder.id } : {}),
  });
}

/** Positional parameters collected while a statement is written: `${$.add(value)}` yields `$n`. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The CTEs that write what belongs with a message row, all from the CTE `m` (the row just inserted or
 * updated): its transition (from `from`, null when recorded), links, conversation keys and outbox rows.
 * Related rows go in with one statement each (`jsonb_to_recordset`), however many there are.
 */
function related(
  $: Params,
  from: MessageState | null,
  cause: TransitionCause,
  links: RecordMessageInput['links'] = [],
  keys: readonly ConversationKeyInput[] = [],
  outbox: readonly OutboxInput[] = [],
): string {
  let sql = `, t AS (
    INSERT INTO message_transitions (message_id, from_state, to_state, actor, reason, codes)
    SELECT m.id, ${$.add(from)}, m.state, ${$.add(cause.actor)}, ${$.add(cause.reason ?? null)},
      ${$.add(JSON.stringify(cause.codes ?? []))}::jsonb FROM m)`;
  if (links.length) {
    const rows = JSON.stringify(links.map((l) => ({ from_id: l.from, kind: l.kind })));
    sql += `, l AS (
      INSERT INTO message_links (from_id, to_id, kind)
      SELECT x.from_id, m.id, x.kind FROM m, jsonb_to_recordset(${$.add(rows)}::jsonb) AS x(from_id uuid, kind text)
      ON CONFLICT DO NOTHING)`;
  }
  if (keys.length) {
    const rows = JSON.stringify(keys.map((k) => ({ kind: k.kind, owner: k.owner, value: k.value })));
    // The standard comes from the message: it is the key's legal domain.
    sql += `, k AS (
      INSERT INTO conversation_keys (message_id, standard, kind, owner, value)
      SELECT m.id, m.standard, x.kind, x.owner, x.value
      FROM m, jsonb_to_recordset(${$.add(rows)}::jsonb) AS x(kind text, owner text, value text)
      ON CONFLICT DO NOTHING)`;
  }
  if (outbox.length) {
    sql += `, o AS (
      INSERT INTO outbox (id, message_id, destination, payload_ref, headers)
      SELECT x.id, m.id, x.destination, x.payload_ref, x.headers
      FROM m, jsonb_to_recordset(${$.add(outboxJson(outbox))}::jsonb)
        AS x(id uuid, destination text, payload_ref text, headers jsonb))`;
  }
  return sql;
}

function outboxJson(rows: readonly OutboxInput[]): string {
  return JSON.stringify(
    rows.map((o) => ({
      id: newId(),
      destination: o.destination,
      payload_ref: o.payloadRef,
      headers: o.headers ?? {},
    })),
  );
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
  const expected = options.expected;
  // The usual case (the pipeline always names the state it moves from): one statement, like recordMessage.
  if (expected !== undefined && canTransition(expected, to)) {
    const moved = await moveFrom(db, id, expected, to, options, report);
    if (moved) return moved;
  }
  // Not moved: read the state, to say why, or (no state named) to move from it.
  const current = await db.query<{ state: MessageState }>('SELECT state FROM messages WHERE id = $1', [id]);
  const state = current.rows[0]?.state;
  if (!state) throw new LedgerError('NOT_FOUND', 'Message not found.');
  if (expected !== undefined && expected !== state) {
    throw new LedgerError('CONFLICT', `Message is ${state}, not ${expected} as expected.`);
  }
  if (!canTransition(state, to))
    throw new LedgerError('CONFLICT', `Transition ${state} -> ${to} is not allowed.`);
  // Optimistic: the row must still be in the state just read; a concurrent move makes this match nothing.
  const moved = await moveFrom(db, id, state, to, options, report);
  if (!moved) {
    throw new LedgerError('CONFLICT', `Message changed state concurrently; ${state} -> ${to} not applied.`);
  }
  return moved;
}

/**
 * Moves the message from `from` to `to` with its transition row and outbox rows, in one statement;
 * undefined when the message is not (or no longer) in `from`.
 */
async function moveFrom(
  db: Db,
  id: string,
  from: MessageState,
  to: MessageState,
  options: TransitionOptions,
  report: string | null,
): Promise<Message | undefined> {
  const $ = new Params();
  const moved = await db.query<MessageRow>(
    `WITH m AS (
       UPDATE messages SET state = ${$.add(to)}, updated_at = now(),
         validation_report = COALESCE(${$.add(report)}::jsonb, validation_report)
       WHERE id = ${$.add(id)} AND state = ${$.add(from)}
       RETURNING *
     )${related($, from, options, [], [], options.outbox)}
     SELECT ${MESSAGE_COLUMNS} FROM m`,
    $.values,
  );
  const row = moved.rows[0];
  return row && toMessage(row);
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

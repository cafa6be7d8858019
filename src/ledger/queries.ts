/**
 * Reading messages, their history, links and conversations. Filters are added to the SQL only when given,
 * so each combination gets a plan that can use its index.
 */
import { checkLimit, checkOneOf, invalid } from './check.js';
import type { Db } from './db.js';
import { decodeCursor, encodeCursor, isId } from './ids.js';
import {
  MESSAGE_STATES,
  type BerichtIdentificatieQuery,
  type ConversationKey,
  type ListMessagesQuery,
  type Message,
  type MessageLink,
  type MessagePage,
  type StateTransition,
} from './port.js';
import {
  MESSAGE_COLUMNS,
  TRANSITION_COLUMNS,
  toConversationKey,
  toLink,
  toMessage,
  toTransition,
  type ConversationKeyRow,
  type LinkRow,
  type MessageRow,
  type TransitionRow,
} from './rows.js';

/** Collects `column = $n` conditions and their parameters. */
class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  add(condition: (param: string) => string, value: unknown): void {
    this.params.push(value);
    this.parts.push(condition(`$${this.params.length}`));
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export async function getMessage(db: Db, id: string): Promise<Message | undefined> {
  if (!isId(id)) return undefined;
  const r = await db.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1`, [id]);
  return r.rows[0] && toMessage(r.rows[0]);
}

export async function getHistory(db: Db, id: string): Promise<StateTransition[]> {
  if (!isId(id)) return [];
  const r = await db.query<TransitionRow>(
    `SELECT ${TRANSITION_COLUMNS} FROM message_transitions WHERE message_id = $1 ORDER BY seq`,
    [id],
  );
  return r.rows.map(toTransition);
}

export async function getLinks(db: Db, id: string): Promise<MessageLink[]> {
  if (!isId(id)) return [];
  const r = await db.query<LinkRow>(
    `SELECT from_id, to_id, kind FROM message_links WHERE from_id = $1 OR to_id = $1
     ORDER BY created_at, to_id, from_id, kind`,
    [id],
  );
  return r.rows.map(toLink);
}

export async function getConversationKeys(db: Db, id: string): Promise<ConversationKey[]> {
  if (!isId(id)) return [];
  const r = await db.query<ConversationKeyRow>(
    `SELECT standard, kind, owner, value FROM conversation_keys WHERE message_id = $1
     ORDER BY kind, owner, value`,
    [id],
  );
  return r.rows.map(toConversationKey);
}

export async function findConversation(db: Db, key: ConversationKey): Promise<Message[]> {
  const r = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM conversation_keys k JOIN messages m ON m.id = k.message_id
     WHERE k.standard = $1 AND k.kind = $2 AND k.owner = $3 AND k.value = $4
     ORDER BY m.id`,
    [key.standard, key.kind, key.owner, key.value],
  );
  return r.rows.map(toMessage);
}

export async function listMessages(db: Db, query: ListMessagesQuery): Promise<MessagePage> {
  checkLimit(query.limit);
  const where = new Where();
  if (query.state !== undefined) {
    checkOneOf(query.state, MESSAGE_STATES, 'state');
    where.add((p) => `m.state = ${p}`, query.state);
  }
  if (query.messageName !== undefined) where.add((p) => `m.message_name = ${p}`, query.messageName);
  if (query.party !== undefined) where.add((p) => `(m.afzender = ${p} OR m.ontvanger = ${p})`, query.party);
  if (query.direction !== undefined) where.add((p) => `m.direction = ${p}`, query.direction);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    if (!after) throw invalid('Malformed cursor.');
    where.add((p) => `m.id < ${p}::uuid`, after);
  }
  // One row more than asked tells whether another page exists without a count.
  const r = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m ${where.sql} ORDER BY m.id DESC LIMIT ${query.limit + 1}`,
    where.params,
  );
  const items = r.rows.slice(0, query.limit).map(toMessage);
  const last = items.at(-1);
  return { items, nextCursor: r.rows.length > query.limit && last ? encodeCursor(last.id) : null };
}

export async function findByBerichtIdentificatie(
  db: Db,
  query: BerichtIdentificatieQuery,
): Promise<Message[]> {
  const where = new Where();
  where.add((p) => `m.identificatie = ${p}`, query.identificatie);
  if (query.afzender !== undefined) where.add((p) => `m.afzender = ${p}`, query.afzender);
  if (query.berichtCode !== undefined) where.add((p) => `m.bericht_code = ${p}`, query.berichtCode);
  if (query.dagtekening !== undefined) where.add((p) => `m.dagtekening = ${p}::date`, query.dagtekening);
  const r = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m ${where.sql} ORDER BY m.id`,
    where.params,
  );
  return r.rows.map(toMessage);
}

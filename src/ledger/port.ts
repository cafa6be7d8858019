/**
 * The ledger port: the gateway's durable memory of every message it handled.
 *
 * What it holds
 * - **messages**: one row per message that passed the archive, inbound or outbound: who sent it to whom,
 *   which message it is, its BerichtIdentificatie, the SHA-256 of its raw bytes (the archive's key; the
 *   bytes themselves never enter the ledger), its state and its validation report.
 * - **state transitions**: the history of every state change (from, to, when, why, who), append-only.
 * - **links** between messages (heen -> retour, verzoek -> antwoord, toewijzing -> start -> stop) and
 *   **conversation keys** (ToewijzingNummer, ReferentieAanbieder, DeclaratieNummer) so that level-3 rules,
 *   the API and the console can find a conversation.
 * - the **outbox**: what still has to be published, written in the same transaction as the state that
 *   caused it, so a crash can never lose or invent a publication (transactional outbox).
 * - a mirror of the archive's hash-chained **audit events**, for searching; the archive's chain stays the
 *   evidence.
 *
 * The ledger holds no personal data: no BSN, no name, no address. Parties are organisations (gemeente
 * code, AGB code) and the validation report never quotes document values.
 *
 * The contract (every adapter; proven by `runLedgerContract` in `contract.ts`)
 * - Migrations are applied when a ledger is opened, in one transaction, and opening the same store twice,
 *   or from two processes at once, is safe. A store whose schema is newer than this code is refused.
 * - `recordMessage` is one transaction: the message, its first transition, its links, its conversation
 *   keys and its outbox rows are all stored or none is.
 * - Idempotent receiver: at most one message per {@link IdempotencyKey} (enforced by a unique index, so two
 *   concurrent inserts cannot both win). The loser gets `LedgerError` DUPLICATE with `existingId`. A copy
 *   that reuses a key on purpose (TR056: same key, other bytes) is recorded with state `duplicate` and
 *   `duplicateOf`, and does not take the key.
 * - `transition` follows {@link TRANSITIONS} and is optimistic: it refuses (CONFLICT) a move the table
 *   does not allow, a move from a state other than `expected`, and a move that lost a race.
 * - Ids are UUIDv7: unique and ordered by creation time, so `listMessages` pages by id (keyset paging,
 *   newest first). A page never repeats or skips a row that existed when the first page was read,
 *   however many rows are inserted while paging.
 * - Outbox: `claimOutbox` hands each due row to one claimer and hides it for `leaseMs`; a claimer that
 *   dies before `markPublished` loses the lease and the row comes back (at-least-once publication:
 *   consumers deduplicate on the outbox id). On PostgreSQL claimers use `FOR UPDATE SKIP LOCKED`; PGlite
 *   has a single connection, so its claims are serialised by construction.
 * - Errors are `LedgerError` with a code from the closed list in `errors.ts`; the native error is kept as
 *   `cause`. Lookups that find nothing return `undefined`, they do not throw.
 * - After `close` every call fails with UNAVAILABLE; `close` itself may be called more than once.
 */
import type { StandardId } from '../standard/model.js';
import type { LedgerErrorCode } from './errors.js';

export type Direction = 'inbound' | 'outbound';

/**
 * The closed set of message states. A state says how far the gateway got with the message itself; a
 * retour or Fo01 sent in answer is a message of its own with its own state.
 */
export const MESSAGE_STATES = [
  /** Archived and identified; validation not finished. */
  'received',
  /** Not a readable iWmo/iJw 3.2 message (not well-formed, refused by the safe parser, unknown namespace). */
  'unreadable',
  /** Level 1 failed: answered with a channel error (Fo01 StUF055), never with a retour. */
  'xsd-invalid',
  /** A copy reusing the key of an earlier message with other bytes (TR056, retourcode 9056). */
  'duplicate',
  /** Content rejected: by our rules (levels 2-4, a retour with codes went back) or by the partner's retour. */
  'rejected',
  /** Passed validation; waiting for routing. */
  'accepted',
  /** No route in the routing table; an operator fixes the table and replays. */
  'unroutable',
  /** Routed: outbox rows for its destinations exist. */
  'routed',
  /** The destination (channel or back-office) took it. */
  'delivered',
  /** The destination confirmed it: a retour without codes, or a back-office acknowledgement. */
  'acknowledged',
  /** Delivery gave up after the last retry (dead letter); an operator may replay. */
  'failed',
] as const;

export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * The allowed moves, in one table. Terminal states have none. `failed` and `unroutable` go back to
 * `routed` when an operator replays; that is the only way back. `duplicate` is only ever an initial state:
 * the idempotent receiver runs before a message is recorded.
 */
export const TRANSITIONS = {
  received: ['unreadable', 'xsd-invalid', 'rejected', 'accepted', 'failed'],
  unreadable: [],
  'xsd-invalid': [],
  duplicate: [],
  rejected: [],
  accepted: ['routed', 'unroutable', 'failed'],
  unroutable: ['routed', 'failed'],
  routed: ['delivered', 'failed'],
  delivered: ['acknowledged', 'rejected'],
  acknowledged: [],
  failed: ['routed'],
} as const satisfies Record<MessageState, readonly MessageState[]>;

/** States a message may be recorded in: the pipeline records after validation and may route at once. */
export const INITIAL_STATES = [
  'received',
  'unreadable',
  'xsd-invalid',
  'duplicate',
  'rejected',
  'accepted',
  'unroutable',
  'routed',
] as const satisfies readonly MessageState[];

export type InitialState = (typeof INITIAL_STATES)[number];

export function canTransition(from: MessageState, to: MessageState): boolean {
  return (TRANSITIONS[from] as readonly MessageState[]).includes(to);
}

export function isMessageState(value: string): value is MessageState {
  return (MESSAGE_STATES as readonly string[]).includes(value);
}

/** Header `BerichtIdentificatie` (or, for a retour, `IdentificatieRetour` + `DagtekeningRetour`). */
export interface BerichtIdentificatie {
  /** 1-12 characters. */
  readonly identificatie: string;
  /** `YYYY-MM-DD` (xs:date without zone). */
  readonly dagtekening: string;
}

/**
 * The idempotent receiver's key (TR056, VECOZO BRS20): the party that sent the message, its BerichtCode
 * and the Identificatie that party vouches for.
 */
export interface IdempotencyKey {
  readonly sender: string;
  readonly berichtCode: string;
  readonly identificatie: string;
}

/**
 * Links between messages always point from the earlier message to the later one:
 * - `retour`: heen -> its retour message (1-op-1, IV028);
 * - `answer`: verzoek -> the message that answers it (315/317 -> 301/319, 323 -> 325);
 * - `follow-up`: a message that builds on an earlier one (301 -> 305 -> 307).
 */
export const LINK_KINDS = ['retour', 'answer', 'follow-up'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface MessageLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
}

/** The standard's conversation identifiers (FACTS §3). */
export const CONVERSATION_KEY_KINDS = [
  'ToewijzingNummer',
  'ReferentieAanbieder',
  'DeclaratieNummer',
] as const;
export type ConversationKeyKind = (typeof CONVERSATION_KEY_KINDS)[number];

/**
 * A conversation key as a message carries it. Each kind is unique only within its owner's number space and
 * legal domain, so the owner is part of the key: the gemeente code for a ToewijzingNummer, the AGB code of
 * the aanbieder for a ReferentieAanbieder or DeclaratieNummer. The legal domain is the message's standard.
 */
export interface ConversationKeyInput {
  readonly kind: ConversationKeyKind;
  readonly owner: string;
  readonly value: string;
}

export interface ConversationKey extends ConversationKeyInput {
  readonly standard: StandardId;
}

export interface OutboxInput {
  /** Where to publish: a back-office queue, a webhook, a channel endpoint (the router's name for it). */
  readonly destination: string;
  /** What to publish: an archive key (`sha256:<hex>`) or another reference the publisher resolves. */
  readonly payloadRef: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type OutboxState = 'pending' | 'published' | 'failed';

export interface OutboxEntry {
  /** Also the publication's message id, on which consumers deduplicate. */
  readonly id: string;
  readonly messageId: string;
  readonly destination: string;
  readonly payloadRef: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly state: OutboxState;
  /** Claims so far, this one included. */
  readonly attempts: number;
  /** When the row is due (again); while claimed, when the lease ends. */
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

/** Why and by whom a state changed; stored with the transition. */
export interface TransitionCause {
  /** `pipeline`, `channel`, `operator:<name>`, ... */
  readonly actor: string;
  /** A short explanation for operators; never client data. */
  readonly reason?: string;
  /** Codes that explain the move: retourcodes (`9056`), rule codes (`TR056`), channel codes (`StUF055`, `IB103`). */
  readonly codes?: readonly string[];
}

export interface RecordMessageInput {
  readonly direction: Direction;
  /** Null only when the message could not be identified (state `unreadable`). */
  readonly standard: StandardId | null;
  /** `WMO301`, `JW302`, ... */
  readonly messageName: string | null;
  /** `Header/BerichtCode`: `414`, `436`, ... */
  readonly berichtCode: string | null;
  /** Header values as written; a retour keeps those of its heen (FACTS §1). */
  readonly afzender: string | null;
  readonly ontvanger: string | null;
  readonly berichtIdentificatie: BerichtIdentificatie | null;
  /** Retour messages only: `IdentificatieRetour` + `DagtekeningRetour`. Its presence marks a retour. */
  readonly identificatieRetour?: BerichtIdentificatie | null;
  /** Lower-case hex SHA-256 of the raw bytes: the archive's key. */
  readonly sha256: string;
  /** Size of the raw bytes. */
  readonly size: number;
  readonly state: InitialState;
  /** A JSON value (the validation report); stored as given. */
  readonly validationReport?: unknown;
  /** Set exactly when `state` is `duplicate`: the message whose key this copy reused. */
  readonly duplicateOf?: string;
  readonly cause: TransitionCause;
  /** Links from earlier messages to this one (e.g. the heen this retour answers). */
  readonly links?: readonly { readonly from: string; readonly kind: LinkKind }[];
  readonly conversationKeys?: readonly ConversationKeyInput[];
  readonly outbox?: readonly OutboxInput[];
}

export interface Message {
  readonly id: string;
  readonly direction: Direction;
  readonly standard: StandardId | null;
  readonly messageName: string | null;
  readonly berichtCode: string | null;
  readonly afzender: string | null;
  readonly ontvanger: string | null;
  readonly berichtIdentificatie: BerichtIdentificatie | null;
  readonly identificatieRetour: BerichtIdentificatie | null;
  /** The key this message holds, or null (incomplete identification, or a `duplicate` copy). */
  readonly idempotencyKey: IdempotencyKey | null;
  readonly duplicateOf: string | null;
  readonly sha256: string;
  readonly size: number;
  readonly state: MessageState;
  readonly validationReport: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface StateTransition {
  readonly messageId: string;
  /** Null for the transition that recorded the message. */
  readonly from: MessageState | null;
  readonly to: MessageState;
  readonly at: Date;
  readonly actor: string;
  readonly reason: string | null;
  readonly codes: readonly string[];
}

export interface TransitionOptions extends TransitionCause {
  /** The state the caller based its decision on; CONFLICT when the message is no longer in it. */
  readonly expected?: MessageState;
  /** Replaces the stored validation report (e.g. `received` -> `rejected`). */
  readonly validationReport?: unknown;
  /** Outbox rows written in the same transaction (e.g. `accepted` -> `routed`, or an operator replay). */
  readonly outbox?: readonly OutboxInput[];
}

export interface ListMessagesQuery {
  readonly state?: MessageState;
  /** `JW301`, `WMO302`, ... */
  readonly messageName?: string;
  /** A gemeente or AGB code in Afzender or Ontvanger. */
  readonly party?: string;
  readonly direction?: Direction;
  /** `nextCursor` of the previous page; opaque. */
  readonly cursor?: string;
  /** 1 to {@link MAX_PAGE_SIZE}. */
  readonly limit: number;
}

export const MAX_PAGE_SIZE = 500;

export interface MessagePage {
  /** Newest first. */
  readonly items: readonly Message[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

export interface BerichtIdentificatieQuery {
  readonly identificatie: string;
  readonly afzender?: string;
  readonly berichtCode?: string;
  readonly dagtekening?: string;
}

/**
 * One event of the archive's audit log. The archive computes `hash` (over the event and `prevHash`); the
 * ledger stores a mirror and checks only that it stays a chain.
 */
export interface AuditEvent {
  /** 1, 2, 3, ... without gaps in the archive. */
  readonly seq: number;
  /** ISO-8601 instant as `Date.prototype.toISOString` writes it; returned in that form. */
  readonly at: string;
  readonly type: string;
  /** What the event is about: a message id, a party, `routing-table`, ... */
  readonly subject: string;
  readonly actor: string;
  /** A JSON value; returned with its keys in the order given. */
  readonly data: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditQuery {
  /** Events with a higher seq only. */
  readonly afterSeq?: number;
  readonly subject?: string;
  /** 1 to {@link MAX_PAGE_SIZE}. */
  readonly limit: number;
}

export interface LedgerHealth {
  readonly ok: boolean;
  readonly engine: 'postgres' | 'pglite';
  /** Highest applied migration; null when the database could not be asked. */
  readonly schemaVersion: number | null;
  readonly latencyMs: number;
  /** Set when `ok` is false. */
  readonly error?: LedgerErrorCode;
}

export interface Ledger {
  /** Stores the message with its first transition, links, conversation keys and outbox rows, atomically. */
  recordMessage(input: RecordMessageInput): Promise<Message>;
  /** The message holding `key`; the caller compares `sha256` to tell a resend from a TR056 clash. */
  findDuplicate(key: IdempotencyKey): Promise<Message | undefined>;
  /** Moves a message to `to` and appends the history row (and outbox rows) in one transaction. */
  transition(id: string, to: MessageState, options: TransitionOptions): Promise<Message>;
  /** Adds links between recorded messages; adding an existing link again is a no-op. */
  link(links: readonly MessageLink[]): Promise<void>;
  /** Adds conversation keys to a recorded message (its standard is the key's legal domain); idempotent. */
  addConversationKeys(messageId: string, keys: readonly ConversationKeyInput[]): Promise<void>;
  getMessage(id: string): Promise<Message | undefined>;
  /** Oldest first; empty for an unknown id. */
  getHistory(id: string): Promise<readonly StateTransition[]>;
  /** Links in which the message is either end, oldest first. */
  getLinks(id: string): Promise<readonly MessageLink[]>;
  getConversationKeys(id: string): Promise<readonly ConversationKey[]>;
  /** Messages carrying the key, oldest first. */
  findConversation(key: ConversationKey): Promise<readonly Message[]>;
  listMessages(query: ListMessagesQuery): Promise<MessagePage>;
  /** Messages with this BerichtIdentificatie (narrowed by the optional fields), oldest first. */
  findByBerichtIdentificatie(query: BerichtIdentificatieQuery): Promise<readonly Message[]>;
  /** Up to `limit` due pending rows, oldest due first; each is hidden from other claimers for `leaseMs`. */
  claimOutbox(limit: number, leaseMs: number): Promise<readonly OutboxEntry[]>;
  /** Marks pending rows published; rows already published or failed, and unknown ids, are left alone. */
  markPublished(ids: readonly string[]): Promise<void>;
  /** Gives a claimed row back, due at `nextAttemptAt` (the retry policy is the transport's). */
  markOutboxRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  /** Gives up on a row (dead letter); it is never claimed again. */
  markOutboxFailed(id: string, error: string): Promise<void>;
  /** The outbox rows of a message, oldest first. */
  listOutbox(messageId: string): Promise<readonly OutboxEntry[]>;
  /**
   * Mirrors archive events. Appending an event already stored with the same hash is a no-op; a different
   * hash at a stored seq, or a `prevHash` that does not match the stored predecessor, is CONFLICT.
   */
  appendAuditEvents(events: readonly AuditEvent[]): Promise<void>;
  /** Ascending by seq. */
  listAuditEvents(query: AuditQuery): Promise<readonly AuditEvent[]>;
  /** The last mirrored event, where the archive resumes. */
  auditHead(): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  /** Never throws: reports whether the database answers and at which schema version. */
  health(): Promise<LedgerHealth>;
  close(): Promise<void>;
}

/** Every adapter exports one: it opens the store, applies migrations and returns the port. */
export type LedgerFactory<Options> = (options: Options) => Promise<Ledger>;

/**
 * The key a message holds (or would hold): a heen message is identified by its sender (Afzender) and its
 * BerichtIdentificatie/Identificatie; a retour keeps the heen's header, so its sender is the heen's
 * Ontvanger and its own identification is IdentificatieRetour (VECOZO BRS20). Undefined when a part is
 * missing (an unidentified message holds no key).
 */
export function idempotencyKeyOf(
  message: Pick<
    RecordMessageInput,
    'afzender' | 'ontvanger' | 'berichtCode' | 'berichtIdentificatie' | 'identificatieRetour'
  >,
): IdempotencyKey | undefined {
  const retour = message.identificatieRetour ?? null;
  const sender = retour ? message.ontvanger : message.afzender;
  const identificatie = retour ? retour.identificatie : message.berichtIdentificatie?.identificatie;
  if (!sender || !message.berichtCode || !identificatie) return undefined;
  return { sender, berichtCode: message.berichtCode, identificatie };
}

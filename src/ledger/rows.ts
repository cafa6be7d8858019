/**
 * Column lists and row -> port mappings, written once for both engines. Selects format what the two
 * drivers would parse differently: dates as `YYYY-MM-DD` text (pg would make a local-midnight Date of a
 * `date`), bigints as text (pg returns int8 as a string, PGlite as a number).
 */
import type { StandardId } from '../standard/model.js';
import type {
  AuditEvent,
  ConversationKey,
  ConversationKeyKind,
  Direction,
  LinkKind,
  Message,
  MessageLink,
  MessageState,
  OutboxEntry,
  OutboxState,
  StateTransition,
} from './port.js';

export const MESSAGE_COLUMNS = `m.id, m.direction, m.standard, m.message_name, m.bericht_code, m.afzender,
  m.ontvanger, m.identificatie, to_char(m.dagtekening, 'YYYY-MM-DD') AS dagtekening, m.identificatie_retour,
  to_char(m.dagtekening_retour, 'YYYY-MM-DD') AS dagtekening_retour, m.sender, m.sender_identificatie,
  m.duplicate_of, m.sha256, m.size, m.state, m.validation_report, m.created_at, m.updated_at`;

export interface MessageRow {
  id: string;
  direction: Direction;
  standard: StandardId | null;
  message_name: string | null;
  bericht_code: string | null;
  afzender: string | null;
  ontvanger: string | null;
  identificatie: string | null;
  dagtekening: string | null;
  identificatie_retour: string | null;
  dagtekening_retour: string | null;
  sender: string | null;
  sender_identificatie: string | null;
  duplicate_of: string | null;
  sha256: string;
  size: number;
  state: MessageState;
  validation_report: unknown;
  created_at: Date;
  updated_at: Date;
}

function identification(identificatie: string | null, dagtekening: string | null) {
  return identificatie !== null && dagtekening !== null ? { identificatie, dagtekening } : null;
}

export function toMessage(r: MessageRow): Message {
  const holdsKey = r.duplicate_of === null && r.sender !== null && r.bericht_code !== null;
  return {
    id: r.id,
    direction: r.direction,
    standard: r.standard,
    messageName: r.message_name,
    berichtCode: r.bericht_code,
    afzender: r.afzender,
    ontvanger: r.ontvanger,
    berichtIdentificatie: identification(r.identificatie, r.dagtekening),
    identificatieRetour: identification(r.identificatie_retour, r.dagtekening_retour),
    idempotencyKey:
      holdsKey && r.sender_identificatie !== null
        ? { sender: r.sender ?? '', berichtCode: r.bericht_code ?? '', identificatie: r.sender_identificatie }
        : null,
    duplicateOf: r.duplicate_of,
    sha256: r.sha256,
    size: r.size,
    state: r.state,
    validationReport: r.validation_report,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const TRANSITION_COLUMNS = 'message_id, from_state, to_state, at, actor, reason, codes';

export interface TransitionRow {
  message_id: string;
  from_state: MessageState | null;
  to_state: MessageState;
  at: Date;
  actor: string;
  reason: string | null;
  codes: string[];
}

export function toTransition(r: TransitionRow): StateTransition {
  return {
    messageId: r.message_id,
    from: r.from_state,
    to: r.to_state,
    at: r.at,
    actor: r.actor,
    reason: r.reason,
    codes: r.codes,
  };
}

export interface LinkRow {
  from_id: string;
  to_id: string;
  kind: LinkKind;
}

export function toLink(r: LinkRow): MessageLink {
  return { from: r.from_id, to: r.to_id, kind: r.kind };
}

export interface ConversationKeyRow {
  standard: StandardId;
  kind: ConversationKeyKind;
  owner: string;
  value: string;
}

export function toConversationKey(r: ConversationKeyRow): ConversationKey {
  return { standard: r.standard, kind: r.kind, owner: r.owner, value: r.value };
}

export const OUTBOX_COLUMNS = `o.id, o.message_id, o.destination, o.payload_ref, o.headers, o.state, o.attempts,
  o.next_attempt_at, o.last_error, o.created_at, o.published_at`;

export interface OutboxRow {
  id: string;
  message_id: string;
  destination: string;
  payload_ref: string;
  headers: Record<string, string>;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  published_at: Date | null;
}

export function toOutboxEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    messageId: r.message_id,
    destination: r.destination,
    payloadRef: r.payload_ref,
    headers: r.headers,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  };
}

/** `at` comes back in exactly the form `toISOString` writes (millisecond precision, `Z`). */
export const AUDIT_COLUMNS = `seq::text AS seq,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  type, subject, actor, data, prev_hash, hash`;

export interface AuditRow {
  seq: string;
  at: string;
  type: string;
  subject: string;
  actor: string;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    seq: Number(r.seq),
    at: r.at,
    type: r.type,
    subject: r.subject,
    actor: r.actor,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

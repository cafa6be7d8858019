/**
 * What the pipeline answers to whoever submitted a message (the HTTP API maps it onto status codes).
 * Every outcome names the ledger id when the message was recorded, so nothing is ever lost from view.
 */
import type { Message, MessageLink, MessageState, StateTransition } from '../ledger/port.js';
import type { RetourFinding } from '../retour/types.js';
import type { MessageSchema } from '../standard/model.js';
import type { ValidationReport } from '../validation/report.js';
import type { CanonicalMessage } from '../xml/json-form.js';

export type SubmitOutcome =
  /** Valid and on its way (inbound: retour sent back, back-office notified; outbound: to the partner). */
  | 'accepted'
  /** Valid XML, but an in-message rule failed: inbound got a 0001 retour; outbound was refused, never sent. */
  | 'rejected'
  /** Level 1 failed: no retour; the channel's answer is a Fo01 with StUF055. Outbound: refused. */
  | 'xsd-invalid'
  /** Not a readable iWmo/iJw 3.2 message. */
  | 'unreadable'
  /** The same bytes again: the earlier outcome is answered, nothing is delivered twice. */
  | 'duplicate'
  /** The same sender + BerichtCode + Identificatie with other bytes: TR056 (retourcode 9056). */
  | 'conflict'
  /** No route: recorded as `unroutable` for an operator. */
  | 'unroutable'
  /** The caller may not submit this message (it does not speak for its sender). */
  | 'forbidden';

export interface SubmitResult {
  readonly outcome: SubmitOutcome;
  /** Ledger id of the submitted message (absent only when forbidden). */
  readonly messageId?: string;
  /** Ledger id of the retour (or 325) the gateway sent back, when it built one. */
  readonly retourId?: string;
  readonly state?: MessageState;
  readonly report: ValidationReport;
  /** A stable code for the failure: `StUF055`, `TR056`, `XML_DOCTYPE_FORBIDDEN`, ... */
  readonly code?: string;
}

/** A message as the API shows it: the ledger row, its history and links. Never its content. */
export interface MessageView {
  readonly message: Message;
  readonly history: readonly StateTransition[];
  readonly links: readonly MessageLink[];
}

/**
 * The level-3/4 hook: rules across messages (against the ledger's state) and content rules. Runs on an
 * inbound heen message that passed levels 1-2; what it finds goes into the retour per FACTS §2.3 (the
 * code on the header or on the failing class). Absent: nothing is checked beyond level 2.
 */
export interface CrossMessageCheck {
  check(message: {
    readonly schema: MessageSchema;
    readonly json: CanonicalMessage;
    readonly afzender: string | null;
    readonly ontvanger: string | null;
  }): Promise<readonly RetourFinding[]>;
}

/**
 * What the pipeline learned about one submission that passed level 1, and the small facts derived from it
 * that every path needs: who is addressed, how it identifies itself, which transport headers it gets.
 */
import type { Direction, RecordMessageInput } from '../ledger/port.js';
import type { Principal } from '../routing/access.js';
import type { AddressedMessage } from '../routing/router.js';
import type { MessageSchema } from '../standard/model.js';
import type { Inspection } from '../validation/validator.js';
import type { ValidationReport } from '../validation/report.js';
import type { HeaderIdentity } from './header.js';

/** Everything the stages learned about one submission that passed level 1. */
export interface Received {
  readonly principal: Principal;
  readonly direction: Direction;
  readonly sha256: string;
  readonly size: number;
  readonly inspection: Inspection & { readonly message: MessageSchema };
  readonly header: HeaderIdentity;
}

/** A heen message from a partner: the kind that is answered with a retour. */
export function isInboundHeen(r: Received): boolean {
  const { message } = r.inspection;
  return r.direction === 'inbound' && !message.isRetour && message.number !== '325';
}

export function refusalCode(report: ValidationReport): string {
  return report.xsd.errors[0]?.message.match(/^(XML_[A-Z_]+):/)?.[1] ?? 'UNKNOWN_MESSAGE';
}

export function addressed(message: MessageSchema, header: HeaderIdentity): AddressedMessage {
  return {
    standard: message.standard,
    number: message.number,
    afzender: header.afzender ?? '',
    ontvanger: header.ontvanger ?? '',
    isRetour: message.isRetour,
  };
}

export function identityOf(
  message: MessageSchema,
  header: HeaderIdentity,
): Pick<
  RecordMessageInput,
  'afzender' | 'ontvanger' | 'berichtCode' | 'berichtIdentificatie' | 'identificatieRetour'
> {
  return {
    afzender: header.afzender,
    ontvanger: header.ontvanger,
    berichtCode: header.berichtCode,
    berichtIdentificatie: header.berichtIdentificatie,
    identificatieRetour: message.isRetour ? header.identificatieRetour : null,
  };
}

/** Transport headers: ids and codes only (the transport refuses anything else). */
export function headersOf(message: MessageSchema, header: HeaderIdentity): Record<string, string> {
  return {
    'bp-standard': message.standard === 'iwmo' ? 'iWmo' : 'iJw',
    'bp-message-type': message.name,
    ...(header.afzender ? { 'bp-sender': header.afzender } : {}),
    ...(header.ontvanger ? { 'bp-receiver': header.ontvanger } : {}),
  };
}

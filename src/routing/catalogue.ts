/**
 * Who sends each message to whom, derived once from the standard model, and THE place that knows how a
 * header maps onto the real sender and receiver.
 *
 * A retour message's header keeps the Afzender/Ontvanger of its heen message (FACTS §1, §2.2): a 302 sent
 * by the aanbieder still says Afzender = gemeente. So for a retour the real sender is the header's
 * Ontvanger and the real receiver is the header's Afzender. Every other module asks `addressOf` instead of
 * reading Afzender/Ontvanger, so the rule cannot be applied twice, or forgotten, somewhere else.
 */
import type { MessageNumber, MessageSchema, PartyType, StandardId } from '../standard/model.js';
import { STANDARDS } from '../standard/model.js';
import { partyIdType } from '../standard/messages/header.js';
import { allMessages } from '../standard/packs.js';

export interface MessageRole {
  readonly number: MessageNumber;
  readonly isRetour: boolean;
  /** The party type written in Header/Afzender and Header/Ontvanger (for a retour: copied from the heen). */
  readonly headerAfzender: PartyType;
  readonly headerOntvanger: PartyType;
  /** The party type that really sends the message, and the one it is delivered to. */
  readonly sender: PartyType;
  readonly receiver: PartyType;
}

/** The party code formats of FACTS §3: CBS gemeentecode (LDT_Gemeente) and AGB code (LDT_AgbCode). */
const PARTY_CODE: Readonly<Record<PartyType, RegExp>> = { gemeente: /^[0-9]{4}$/, aanbieder: /^[0-9]{8}$/ };

export function isPartyCode(kind: PartyType, code: string): boolean {
  return PARTY_CODE[kind].test(code);
}

/** The party type whose identifier a code has the format of, or undefined for neither. */
export function partyKindOf(code: string): PartyType | undefined {
  if (isPartyCode('gemeente', code)) return 'gemeente';
  if (isPartyCode('aanbieder', code)) return 'aanbieder';
  return undefined;
}

function headerPartyType(message: MessageSchema, element: 'Afzender' | 'Ontvanger'): PartyType {
  const type = message.classes.Header?.elements.find((e) => e.name === element)?.type;
  for (const kind of ['gemeente', 'aanbieder'] as const) if (type === partyIdType(kind)) return kind;
  throw new Error(`${message.name}: Header/${element} is not a party identifier`);
}

function roleOf(message: MessageSchema): MessageRole {
  const headerAfzender = headerPartyType(message, 'Afzender');
  const headerOntvanger = headerPartyType(message, 'Ontvanger');
  return {
    number: message.number,
    isRetour: message.isRetour,
    headerAfzender,
    headerOntvanger,
    sender: message.isRetour ? headerOntvanger : headerAfzender,
    receiver: message.isRetour ? headerAfzender : headerOntvanger,
  };
}

function buildRoles(): ReadonlyMap<MessageNumber, MessageRole> {
  const roles = new Map<MessageNumber, MessageRole>();
  for (const message of allMessages()) {
    const role = roleOf(message);
    const known = roles.get(role.number);
    // Routing is per message number for both standards; a release where they differ needs this revisited.
    if (known && JSON.stringify(known) !== JSON.stringify(role)) {
      throw new Error(`message ${role.number} is addressed differently in ${STANDARDS.join(' and ')}`);
    }
    roles.set(role.number, Object.freeze(role));
  }
  return roles;
}

const ROLES = buildRoles();

/** Every message number of the active releases, in ascending order: 301, 302, 305, ... 325. */
export const MESSAGE_NUMBERS: readonly MessageNumber[] = Object.freeze([...ROLES.keys()].sort());

export function isMessageNumber(value: unknown): value is MessageNumber {
  return typeof value === 'string' && ROLES.has(value as MessageNumber);
}

export function messageRole(number: MessageNumber): MessageRole | undefined {
  return ROLES.get(number);
}

/** The message numbers a party of this kind can receive (heen and retour), ascending. */
export function messagesReceivedBy(kind: PartyType): readonly MessageNumber[] {
  return MESSAGE_NUMBERS.filter((n) => ROLES.get(n)?.receiver === kind);
}

/** The header fields of a message as identified; `isRetour`, when given, must agree with the number. */
export interface AddressedMessage {
  readonly standard: StandardId;
  readonly number: MessageNumber;
  readonly afzender: string;
  readonly ontvanger: string;
  readonly isRetour?: boolean;
}

export interface Addressing {
  readonly role: MessageRole;
  /** Code of the party that really sends the message. */
  readonly sender: string;
  /** Code of the party the message is really for. */
  readonly receiver: string;
}

/**
 * The real sender and receiver of a message: the header's Afzender -> Ontvanger for a heen message (and
 * the 319, 323, 325), reversed for a retour. Undefined for a number outside the catalogue.
 */
export function addressOf(message: AddressedMessage): Addressing | undefined {
  const role = ROLES.get(message.number);
  if (!role) return undefined;
  if (message.isRetour !== undefined && message.isRetour !== role.isRetour) {
    // The identify stage and the model disagree: a bug, not a property of the message.
    throw new Error(
      `message ${message.number} is ${role.isRetour ? '' : 'not '}a retour, caller said otherwise`,
    );
  }
  return role.isRetour
    ? { role, sender: message.ontvanger, receiver: message.afzender }
    : { role, sender: message.afzender, receiver: message.ontvanger };
}

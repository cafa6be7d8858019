/**
 * The content-based router: from a message's standard, number and header codes to where it goes. Built
 * once from the routing table (every lookup precomputed), then pure: no I/O, no clock, no exceptions for
 * data. A message that cannot be routed gets an `unroutable` answer with a reason code; the pipeline
 * records it in the ledger as `unroutable` for an operator, it is never dropped.
 */
import type { MessageNumber, PartyType, StandardId } from '../standard/model.js';
import { addressOf, isPartyCode, type AddressedMessage, type Addressing } from './catalogue.js';
import type { ChannelEndpoint, Destination, Party, Partner, RoutingTable } from './types.js';

export type { AddressedMessage } from './catalogue.js';

/** Why a message could not be routed: a closed list, so the console can group and explain failures. */
export type UnroutableReason =
  /** The number is not a message of the active releases. */
  | 'unknown-message'
  /** A header code does not have the format the message puts there (4-digit CBS, 8-digit AGB). */
  | 'invalid-party-code'
  /** Inbound: the receiver is not a party we represent. Outbound: the sender is not. */
  | 'not-ours'
  /** Our party does not use this standard (e.g. a gemeente on iWmo only receiving an iJw message). */
  | 'standard-not-used'
  /** Outbound: the receiver is not a configured partner. */
  | 'unknown-partner'
  /** Outbound: the partner does not exchange this standard with us. */
  | 'partner-standard-not-used'
  /** Inbound: no back-office destination takes this message (the table's load checks should prevent it). */
  | 'no-back-office';

export interface Unroutable {
  readonly kind: 'unroutable';
  readonly reason: UnroutableReason;
  /** For operators: names codes and message types, never message content. */
  readonly detail: string;
}

export interface InboundRoute {
  readonly kind: 'ours';
  /** The party we represent that the message is for. */
  readonly party: Party;
  /** Code of the real sender (for a retour: the header's Ontvanger). */
  readonly sender: string;
  /** The sender's entry in the table, when it is a configured partner (a retour to it needs one). */
  readonly partner: Partner | undefined;
  /** Every destination that takes this message; at least one. */
  readonly backOffice: readonly Destination[];
}

export interface OutboundRoute {
  readonly kind: 'partner';
  /** Our party that sends the message. */
  readonly party: Party;
  readonly partner: Partner;
  readonly endpoint: ChannelEndpoint;
}

export interface Router {
  /** A message that arrived from a partner: which of our parties and which back-office destinations. */
  routeInbound(message: AddressedMessage): InboundRoute | Unroutable;
  /** A message one of our parties sends (a retour: back to the heen's sender): which partner and endpoint. */
  routeOutbound(message: AddressedMessage): OutboundRoute | Unroutable;
}

const key = (standard: StandardId, number: MessageNumber): string => `${standard}:${number}`;

function unroutable(reason: UnroutableReason, detail: string): Unroutable {
  return { kind: 'unroutable', reason, detail };
}

function isUnroutable(value: Addressing | Unroutable): value is Unroutable {
  return 'kind' in value && value.kind === 'unroutable';
}

export function createRouter(table: RoutingTable): Router {
  const parties = new Map(table.parties.map((p) => [p.code, p]));
  const partners = new Map(table.partners.map((p) => [p.code, p]));
  // Per party, per standard and number: its destinations, in the order the file lists them.
  const backOffice = new Map(
    table.parties.map((party) => {
      const byMessage = new Map<string, Destination[]>();
      for (const route of party.backOffice) {
        for (const standard of route.standards) {
          for (const number of route.messages) {
            const list = byMessage.get(key(standard, number)) ?? [];
            list.push(route.destination);
            byMessage.set(key(standard, number), list);
          }
        }
      }
      return [party.code, byMessage] as const;
    }),
  );

  /** The real sender and receiver, after checking the number and both code formats. */
  const address = (message: AddressedMessage): Addressing | Unroutable => {
    const addressing = addressOf(message);
    if (!addressing) {
      return unroutable('unknown-message', `${String(message.number)} is not a message type of release 3.2`);
    }
    const { role, sender, receiver } = addressing;
    const badCode = (code: string, kind: PartyType, who: string) =>
      isPartyCode(kind, code)
        ? undefined
        : unroutable(
            'invalid-party-code',
            `${message.number}: the ${who} must be a ${kind} code, got "${code}"`,
          );
    return (
      badCode(sender, role.sender, 'sender') ?? badCode(receiver, role.receiver, 'receiver') ?? addressing
    );
  };

  return {
    routeInbound(message) {
      const addressing = address(message);
      if (isUnroutable(addressing)) return addressing;
      const { sender, receiver } = addressing;
      const party = parties.get(receiver);
      if (!party) {
        return unroutable(
          'not-ours',
          `${message.number} is for ${receiver}, not a party this gateway represents`,
        );
      }
      if (!party.standards.includes(message.standard)) {
        return unroutable('standard-not-used', `${party.code} does not use ${message.standard}`);
      }
      const destinations = backOffice.get(party.code)?.get(key(message.standard, message.number)) ?? [];
      if (destinations.length === 0) {
        return unroutable(
          'no-back-office',
          `${party.code} has no back-office destination for ${message.standard} ${message.number}`,
        );
      }
      return { kind: 'ours', party, sender, partner: partners.get(sender), backOffice: destinations };
    },

    routeOutbound(message) {
      const addressing = address(message);
      if (isUnroutable(addressing)) return addressing;
      const { sender, receiver } = addressing;
      const party = parties.get(sender);
      if (!party) {
        return unroutable(
          'not-ours',
          `${message.number} is sent by ${sender}, not a party this gateway represents`,
        );
      }
      if (!party.standards.includes(message.standard)) {
        return unroutable('standard-not-used', `${party.code} does not use ${message.standard}`);
      }
      const partner = partners.get(receiver);
      if (!partner) {
        return unroutable(
          'unknown-partner',
          `${message.number} is for ${receiver}, which is not a configured partner`,
        );
      }
      if (!partner.standards.includes(message.standard)) {
        return unroutable(
          'partner-standard-not-used',
          `partner ${partner.code} does not exchange ${message.standard} with us`,
        );
      }
      return { kind: 'partner', party, partner, endpoint: partner.channel };
    },
  };
}

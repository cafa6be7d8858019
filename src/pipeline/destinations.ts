/**
 * Transport destination names and outbox rows, decided in one place. A destination is where the relay
 * publishes; the delivery workers (delivery.ts) consume the `channel.*` and `webhook.*` destinations, while a
 * back-office `queue` destination is consumed by the back-office itself.
 */
import type { ArchivePort } from '../archive/port.js';
import type { OutboxInput } from '../ledger/port.js';
import type { Destination } from '../routing/types.js';
import type { CanonicalMessage } from '../xml/json-form.js';

export const CHANNEL_PREFIX = 'channel.';
export const WEBHOOK_PREFIX = 'webhook.';

/** The delivery queue towards one partner: `channel.87654321`. */
export function channelDestination(partnerCode: string): string {
  return `${CHANNEL_PREFIX}${partnerCode}`;
}

/** The delivery queue of one webhook: `webhook.0363.1` (party code and the route's position in the table). */
export function webhookDestination(partyCode: string, index: number): string {
  return `${WEBHOOK_PREFIX}${partyCode}.${index}`;
}

export function destinationName(partyCode: string, destination: Destination, index: number): string {
  return destination.kind === 'queue' ? destination.name : webhookDestination(partyCode, index);
}

/** A payload reference to archived bytes, as the outbox stores it. */
export function archiveRef(sha256: string): string {
  return `sha256:${sha256}`;
}

export function shaOfRef(ref: string): string {
  if (!ref.startsWith('sha256:')) throw new Error(`not an archive reference: ${ref.slice(0, 20)}`);
  return ref.slice('sha256:'.length);
}

/**
 * What a back-office receives for a message: the canonical JSON and the claim check of the raw XML. It is
 * archived like a message (content-addressed), so the outbox row only points at it.
 */
export interface BackOfficeEnvelope {
  readonly kind: 'bericht';
  readonly message: string;
  readonly standard: string;
  readonly verdict: string;
  /** SHA-256 of the raw XML in the archive; `GET /api/v1/berichten/:id/xml` serves it. */
  readonly xmlSha256: string;
  readonly json: CanonicalMessage;
}

export async function backOfficeRows(
  archive: ArchivePort,
  partyCode: string,
  destinations: readonly { readonly destination: Destination; readonly index: number }[],
  envelope: BackOfficeEnvelope,
  headers: Readonly<Record<string, string>>,
): Promise<OutboxInput[]> {
  if (destinations.length === 0) return [];
  const { sha256 } = await archive.putRaw(new TextEncoder().encode(JSON.stringify(envelope)));
  return destinations.map(({ destination, index }) => ({
    destination: destinationName(partyCode, destination, index),
    payloadRef: archiveRef(sha256),
    headers,
  }));
}

/**
 * Transport destination names and outbox rows, decided in one place. A destination is where the relay
 * publishes; the delivery workers (delivery.ts) consume the `channel.*` and `webhook.*` destinations, while a
 * back-office `queue` destination is consumed by the back-office itself.
 */
import type { ArchivePort } from '../archive/port.js';
import type { OutboxInput } from '../ledger/port.js';
import type { Destination } from '../routing/types.js';
import { findMessage, packs } from '../standard/packs.js';
import type { CanonicalMessage } from '../xml/json-form.js';
import { toJson } from '../xml/to-json.js';

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

/**
 * What a back-office receives for a message: the canonical JSON and the claim check of the raw XML.
 *
 * It is not stored. The outbox row names it (`envelopeRef`) and the relay builds it from the archived XML
 * when it publishes (`payloadOf`): the XML is the record, the envelope a translation of it. Archiving the
 * envelope as well cost an object store write per message (two requests on a server without conditional
 * writes), a third of the archive traffic of an inbound 305 (bench:pipeline), and would have put a second
 * copy of the client's data in the archive for every destination format.
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

type EnvelopeFacts = Pick<BackOfficeEnvelope, 'message' | 'verdict' | 'xmlSha256'>;

/** `envelope:<verdict>:<message>:<xml sha256>`: everything the relay needs besides the XML itself. */
export function envelopeRef(facts: EnvelopeFacts): string {
  return `envelope:${facts.verdict}:${facts.message}:${facts.xmlSha256}`;
}

const ENVELOPE_REF = /^envelope:([a-z-]+):([A-Z]+[0-9]{3}):([0-9a-f]{64})$/;
const ARCHIVE_REF = /^sha256:([0-9a-f]{64})$/;

type PayloadRef = { kind: 'archived'; sha256: string } | ({ kind: 'envelope' } & EnvelopeFacts);

function parseRef(ref: string): PayloadRef {
  const archived = ARCHIVE_REF.exec(ref);
  if (archived) return { kind: 'archived', sha256: archived[1]! };
  const envelope = ENVELOPE_REF.exec(ref);
  if (envelope)
    return { kind: 'envelope', verdict: envelope[1]!, message: envelope[2]!, xmlSha256: envelope[3]! };
  throw new Error(`not a payload reference: ${ref.slice(0, 20)}`);
}

/** The archived object a payload reference rests on (for an envelope: its XML). */
export function shaOfRef(ref: string): string {
  const parsed = parseRef(ref);
  return parsed.kind === 'archived' ? parsed.sha256 : parsed.xmlSha256;
}

/** The bytes to publish for an outbox row's payload reference. */
export async function payloadOf(archive: ArchivePort, ref: string): Promise<Uint8Array> {
  const parsed = parseRef(ref);
  if (parsed.kind === 'archived') return archive.getRaw(parsed.sha256);
  const schema = findMessage(parsed.message);
  if (!schema) throw new Error(`payload reference names an unknown message: ${parsed.message}`);
  const xml = await archive.getRaw(parsed.xmlSha256);
  const envelope: BackOfficeEnvelope = {
    kind: 'bericht',
    message: schema.name,
    standard: schema.standard,
    verdict: parsed.verdict,
    xmlSha256: parsed.xmlSha256,
    // The XML was validated when it came in; the same bytes give the same JSON.
    json: toJson(xml, schema, packs[schema.standard]),
  };
  return new TextEncoder().encode(JSON.stringify(envelope));
}

export function backOfficeRows(
  partyCode: string,
  destinations: readonly { readonly destination: Destination; readonly index: number }[],
  envelope: EnvelopeFacts,
  headers: Readonly<Record<string, string>>,
): OutboxInput[] {
  return destinations.map(({ destination, index }) => ({
    destination: destinationName(partyCode, destination, index),
    payloadRef: envelopeRef(envelope),
    headers,
  }));
}

/**
 * What may travel on the transport outside the body: destination names, message ids and the header
 * whitelist. Checked once here for both adapters, before anything leaves the process, because headers are
 * visible wherever the message goes (broker UI, dead-letter queue, logs) and cannot be cleaned up later.
 */
import { TransportError } from './errors.js';
import type { OutboundMessage } from './port.js';

/** An opaque id made by the gateway (UUID, ULID, ledger key). Never derived from personal data. */
const GATEWAY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/**
 * A party code: gemeentecode (4 digits) or AGB code (8 digits). At most 8 characters, so a BSN (9 digits)
 * cannot pass as a party code.
 */
const PARTY_CODE = /^[A-Za-z0-9]{1,8}$/;

/** The only header names a caller may set, with the only values each accepts. */
export const TRANSPORT_HEADERS = {
  /** `iWmo` or `iJw`. */
  'bp-standard': /^(?:iWmo|iJw)$/,
  /** The standard's release, e.g. `3.2`. */
  'bp-release': /^\d{1,2}\.\d{1,2}$/,
  /** The message code, e.g. `WMO301`, `JW315`. */
  'bp-message-type': /^[A-Z]{2,3}\d{3}$/,
  'bp-sender': PARTY_CODE,
  'bp-receiver': PARTY_CODE,
  /** A retourcode, e.g. `0001`, `9056`. */
  'bp-retourcode': /^\d{4}$/,
  /** SHA-256 of the raw bytes in the archive (the claim check). */
  'bp-archive-ref': /^[0-9a-f]{64}$/,
  /** The ledger's id of the conversation (heen and retour share it). */
  'bp-conversation-id': GATEWAY_ID,
  /** The ledger's id of the message this one answers or continues. */
  'bp-correlation-id': GATEWAY_ID,
} as const satisfies Record<string, RegExp>;

export type TransportHeaderName = keyof typeof TRANSPORT_HEADERS;
export type TransportHeaders = Readonly<Partial<Record<TransportHeaderName, string>>>;

const DESTINATION = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MAX_DESTINATION_LENGTH = 200;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]{1,100}$/;

function isHeaderName(name: string): name is TransportHeaderName {
  return Object.hasOwn(TRANSPORT_HEADERS, name);
}

export function checkDestination(destination: unknown): string {
  if (
    typeof destination !== 'string' ||
    destination.length > MAX_DESTINATION_LENGTH ||
    !DESTINATION.test(destination)
  ) {
    throw new TransportError('INVALID_MESSAGE', 'Destination names are lower-case words joined by . _ -.');
  }
  return destination;
}

/** Validates a message against the contract; answers its headers as a fresh frozen object. */
export function checkOutbound(message: OutboundMessage): TransportHeaders {
  checkDestination(message.destination);
  if (typeof message.messageId !== 'string' || !GATEWAY_ID.test(message.messageId)) {
    throw new TransportError('INVALID_MESSAGE', 'The message id must be an opaque gateway id.');
  }
  if (!(message.body instanceof Uint8Array)) {
    throw new TransportError('INVALID_MESSAGE', 'The body must be bytes.');
  }
  if (message.contentType !== undefined && !MEDIA_TYPE.test(message.contentType)) {
    throw new TransportError('INVALID_MESSAGE', 'The content type must be a bare media type.');
  }
  const headers: Partial<Record<TransportHeaderName, string>> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    // The name is safe to quote (it is ours or a typo of ours); the value never is.
    if (!isHeaderName(name)) {
      throw new TransportError('INVALID_MESSAGE', `Header "${name.slice(0, 40)}" is not on the whitelist.`);
    }
    if (typeof value !== 'string' || !TRANSPORT_HEADERS[name].test(value)) {
      throw new TransportError('INVALID_MESSAGE', `Header "${name}" has a value outside its pattern.`);
    }
    headers[name] = value;
  }
  return Object.freeze(headers);
}

/**
 * The whitelisted headers found on an incoming message, values checked again: a message put on the
 * broker by something other than this gateway must not smuggle text through. Anything else is dropped.
 */
export function pickHeaders(raw: Readonly<Record<string, unknown>> | undefined): TransportHeaders {
  const headers: Partial<Record<TransportHeaderName, string>> = {};
  if (raw === undefined) return Object.freeze(headers);
  for (const name of Object.keys(TRANSPORT_HEADERS) as TransportHeaderName[]) {
    const value = raw[name];
    const text =
      typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
    if (text !== undefined && TRANSPORT_HEADERS[name].test(text)) headers[name] = text;
  }
  return Object.freeze(headers);
}

export function isGatewayId(value: unknown): value is string {
  return typeof value === 'string' && GATEWAY_ID.test(value);
}

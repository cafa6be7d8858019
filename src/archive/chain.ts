/**
 * The audit chain's rules, once: canonical JSON, the event hash, and how a segment is written and read.
 * The archive, its recovery and the verifier all call these, so they cannot disagree on a byte.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArchiveError } from './errors.js';
import type { AuditEvent, AuditInput } from './port.js';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, numbers and strings as
 * JSON.stringify writes them (which is what RFC 8785 prescribes for these values). Undefined object
 * members are left out, as JSON.stringify does. Anything that is not plain JSON is refused rather than
 * silently coerced, because the hash must be reproducible from the stored line alone.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
const inputShape = {
  at: z.iso.datetime({ offset: true }),
  type: z.string().min(1).max(200),
  subject: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
};
const inputSchema = z.strictObject(inputShape);
/** Strict, so an extra member smuggled into a stored line is caught as malformed, not ignored. */
const eventSchema = z.strictObject({
  ...inputShape,
  seq: z.number().int().min(1),
  prevHash: HASH,
  hash: HASH,
});

/** The hash of an event: SHA-256 over the canonical JSON of every member except `hash`. */
export function eventHash(event: Omit<AuditEvent, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...rest } = event;
  return sha256Hex(canonicalJson(rest));
}

/** Validates a caller's event and gives it the chain fields. `data` is copied, so later edits by the caller cannot change a hashed event. */
export function chainEvent(input: AuditInput, seq: number, prevHash: string): AuditEvent {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(event)').join(', ');
    throw new ArchiveError('INVALID_INPUT', `Audit event fields: ${fields}.`);
  }
  let data: Record<string, unknown> | undefined;
  if (parsed.data.data !== undefined) {
    try {
      data = JSON.parse(canonicalJson(parsed.data.data)) as Record<string, unknown>;
    } catch (error) {
      throw new ArchiveError('INVALID_INPUT', 'Audit event data must be plain JSON.', { cause: error });
    }
  }
  const unhashed = { ...parsed.data, data, seq, prevHash };
  return dropUndefined({ ...unhashed, hash: eventHash(unhashed) });
}

function dropUndefined(event: AuditEvent): AuditEvent {
  return JSON.parse(canonicalJson(event)) as AuditEvent;
}

/** A segment is its events' canonical JSON, one per line, each line ending in a newline. */
export function encodeSegment(events: readonly AuditEvent[]): Uint8Array {
  return new TextEncoder().encode(events.map((event) => `${canonicalJson(event)}\n`).join(''));
}

export type SegmentLine = { ok: true; event: AuditEvent } | { ok: false; reason: string };

/**
 * Splits a segment into lines and parses each one on its own, so the verifier can point at the first bad
 * line. Answers undefined when the bytes are not UTF-8.
 */
export function decodeSegment(bytes: Uint8Array): SegmentLine[] | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  // The last line ends in a newline; anything after it is an unterminated (malformed) line.
  if (lines.at(-1) === '') lines.pop();
  return lines.map(parseLine);
}

function parseLine(line: string): SegmentLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'line is not JSON' };
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(event)').join(', ');
    return { ok: false, reason: `event fields invalid: ${fields}` };
  }
  return { ok: true, event: parsed.data };
}

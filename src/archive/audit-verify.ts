/**
 * Recomputes the audit chain over every sealed segment and reports the first place it breaks.
 *
 * A hash chain shows that nothing was edited, removed or reordered up to its last event; it cannot show
 * that the tail was cut off. Pass the head the ledger recorded (`expectedHead`) to close that gap.
 */
import { GENESIS_HASH, decodeSegment, eventHash } from './chain.js';
import type { ArchivePort, AuditHead } from './port.js';

export type AuditBreakReason =
  /** An object under the audit prefix whose key is not a segment key. */
  | 'unexpected-object'
  /** A segment with no events. */
  | 'empty-segment'
  /** The segment's bytes are not UTF-8, a line is not JSON, or an event's fields are invalid. */
  | 'malformed'
  /** The next event or segment does not carry the next seq: an event or a segment is missing or moved. */
  | 'seq-gap'
  /** The event's prevHash is not the previous event's hash. */
  | 'prev-hash-mismatch'
  /** The event's hash does not recompute: the event was edited. */
  | 'hash-mismatch'
  /** The chain ends before, or differs at, the head recorded elsewhere. */
  | 'head-mismatch';

export interface AuditBreak {
  /** The first seq that cannot be trusted. */
  readonly seq: number;
  /** The segment key where the break was found. */
  readonly segment: string;
  readonly reason: AuditBreakReason;
  /** Plain-language detail for the operator; never event data. */
  readonly detail: string;
}

export type AuditVerifyResult = { ok: true; events: number } | { ok: false; firstBreak: AuditBreak };

export interface VerifyOptions {
  /** The last sealed event as recorded outside the archive (the ledger's `auditHead()` copy). */
  readonly expectedHead?: AuditHead;
}

export async function verifyAuditChain(
  archive: Pick<ArchivePort, 'readAuditSegments'>,
  options: VerifyOptions = {},
): Promise<AuditVerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastSegment = '';
  const broken = (segment: string, reason: AuditBreakReason, detail: string): AuditVerifyResult => ({
    ok: false,
    firstBreak: { seq: expectedSeq, segment, reason, detail },
  });

  for await (const segment of archive.readAuditSegments()) {
    lastSegment = segment.key;
    if (segment.firstSeq === undefined) {
      return broken(segment.key, 'unexpected-object', 'Object under the audit prefix is not a segment.');
    }
    if (segment.firstSeq !== expectedSeq) {
      return broken(segment.key, 'seq-gap', `Segment starts at seq ${segment.firstSeq}.`);
    }
    const lines = decodeSegment(segment.bytes);
    if (!lines) return broken(segment.key, 'malformed', 'Segment is not UTF-8.');
    if (lines.length === 0) return broken(segment.key, 'empty-segment', 'Segment holds no events.');
    for (const [index, line] of lines.entries()) {
      if (!line.ok) return broken(segment.key, 'malformed', `Line ${index + 1}: ${line.reason}.`);
      const { event } = line;
      if (event.seq !== expectedSeq) {
        return broken(segment.key, 'seq-gap', `Line ${index + 1} holds seq ${event.seq}.`);
      }
      if (event.prevHash !== prevHash) {
        return broken(
          segment.key,
          'prev-hash-mismatch',
          `Line ${index + 1} does not link to seq ${expectedSeq - 1}.`,
        );
      }
      if (eventHash(event) !== event.hash) {
        return broken(segment.key, 'hash-mismatch', `Line ${index + 1} does not hash to its recorded hash.`);
      }
      const head = options.expectedHead;
      if (head && head.seq === event.seq && head.hash !== event.hash) {
        return broken(segment.key, 'head-mismatch', 'Event differs from the recorded head.');
      }
      prevHash = event.hash;
      expectedSeq += 1;
    }
  }

  const events = expectedSeq - 1;
  if (options.expectedHead && options.expectedHead.seq > events) {
    return broken(lastSegment, 'head-mismatch', `Chain ends at seq ${events}; the recorded head is further.`);
  }
  return { ok: true, events };
}

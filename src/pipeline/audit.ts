/**
 * The audit trail as the pipeline writes it: every event goes into the archive's hash chain (the
 * tamper-evident copy, sealed into write-once segments every few seconds) and is mirrored into the ledger
 * (the complete, searchable copy, committed before the caller goes on). Events carry ids and codes only;
 * the archive's segments are write-once, so personal data could never be cleaned out of them.
 *
 * A crash loses the archive's unsealed events but not the ledger's: at start, `resync` puts the ledger's
 * events above the archive's sealed head back into the chain, byte for byte (the same inputs under the same
 * predecessor hash give the same hashes), so the chain has no gap and no fork.
 */
import type { ArchivePort, AuditEvent as ArchivedEvent, AuditInput } from '../archive/port.js';
import { MAX_PAGE_SIZE, type AuditEvent, type Ledger } from '../ledger/port.js';
import type { Logger } from '../log/logger.js';

interface Waiting {
  readonly event: AuditEvent;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The mirror writes at most this many events per ledger transaction. */
const MIRROR_BATCH = 500;

export class AuditTrail {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly archive: ArchivePort,
    private readonly ledger: Ledger,
    private readonly logger: Logger,
  ) {}

  async record(
    type: string,
    subject: string,
    actor: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const [event] = await this.archive.appendAudit([
      { at: new Date().toISOString(), type, subject, actor, data },
    ]);
    if (!event) return;
    try {
      await this.mirror(toLedgerEvent(event));
    } catch (error) {
      // The archive holds the event; `resync` at the next start fills the mirror's gap.
      this.logger.warn('audit mirror behind the archive', { seq: event.seq, error });
    }
  }

  /**
   * Mirrors in seq order, batching what queued up while the previous batch was written. `appendAudit`
   * resolves in call order, so events arrive here in seq order; the ledger checks each event's predecessor.
   */
  private mirror(event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MIRROR_BATCH);
      try {
        await this.ledger.appendAuditEvents(batch.map((w) => w.event));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }

  /**
   * Brings the two copies together at start. Ledger ahead (the process died before sealing): the missing
   * events are appended to the archive again and sealed. Archive ahead (a mirror write failed): the sealed
   * events are copied into the ledger. Answers how many events were copied either way.
   */
  async resync(): Promise<number> {
    const sealed = (await this.archive.auditHead())?.seq ?? 0;
    const mirrored = (await this.ledger.auditHead())?.seq ?? 0;
    if (mirrored > sealed) return this.reseal(sealed);
    let copied = 0;
    for await (const event of this.archive.readAudit(mirrored + 1)) {
      await this.ledger.appendAuditEvents([toLedgerEvent(event)]);
      copied++;
    }
    return copied;
  }

  private async reseal(afterSeq: number): Promise<number> {
    let copied = 0;
    for (let after = afterSeq; ;) {
      const events = await this.ledger.listAuditEvents({ afterSeq: after, limit: MAX_PAGE_SIZE });
      if (events.length === 0) break;
      for (const event of events) {
        const [again] = await this.archive.appendAudit([toArchiveInput(event)]);
        if (again?.seq !== event.seq || again.hash !== event.hash) {
          throw new Error(`audit event ${event.seq} does not chain to the archive's head; run audit verify`);
        }
        copied++;
      }
      after = events.at(-1)!.seq;
    }
    await this.archive.flushAudit();
    this.logger.info('audit events restored into the archive', { count: copied });
    return copied;
  }
}

/** The inverse of toLedgerEvent: the ledger's '' stands for a member the archived event did not have. */
function toArchiveInput(event: AuditEvent): AuditInput {
  return {
    at: event.at,
    type: event.type,
    ...(event.subject ? { subject: event.subject } : {}),
    ...(event.actor ? { actor: event.actor } : {}),
    ...(event.data !== null && typeof event.data === 'object'
      ? { data: event.data as Readonly<Record<string, unknown>> }
      : {}),
  };
}

function toLedgerEvent(event: ArchivedEvent): AuditEvent {
  return { ...event, subject: event.subject ?? '', actor: event.actor ?? '', data: event.data ?? {} };
}

/**
 * The outbox relay: publishes the ledger's outbox rows to the transport. A row stays pending until the
 * transport has it durably: with a broker (`durability: 'broker'`) that is the publisher confirm; with the
 * in-process transport (`'process'`) it is the moment the message settled (delivered or dead-lettered),
 * because until then the only durable copy is the outbox row itself. Rows a crashed process had claimed
 * come back when their lease ends, so a message may be published twice; consumers deduplicate on the
 * outbox id, which is the transport message id.
 */
import type { ArchivePort } from '../archive/port.js';
import type { Ledger, OutboxEntry } from '../ledger/port.js';
import type { Logger } from '../log/logger.js';
import type { TransportHeaders, TransportPort } from '../transport/port.js';
import { CHANNEL_PREFIX, payloadOf } from './destinations.js';

export interface RelayOptions {
  /** Rows claimed per round. */
  readonly batch?: number;
  /**
   * How long a claimed row stays hidden from other claimers. After a crash, rows the dead process had
   * claimed wait this long before they are published again, so it is short: a publish takes milliseconds.
   */
  readonly leaseMs?: number;
  /** Pause between rounds when the outbox was empty. */
  readonly idleMs?: number;
}

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Published but not yet settled (process durability): not to be published again by this process. */
  private readonly inFlight = new Set<string>();
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private readonly stopSettled: () => void;

  constructor(
    private readonly ledger: Ledger,
    private readonly archive: ArchivePort,
    private readonly transport: TransportPort,
    private readonly logger: Logger,
    options: RelayOptions = {},
  ) {
    this.batch = options.batch ?? 100;
    this.leaseMs = options.leaseMs ?? 5_000;
    this.idleMs = options.idleMs ?? 200;
    // With 'process' durability a row stays claimed until its message settles: re-claimed rows of this
    // process are skipped (inFlight), so a short lease costs one cheap query per round, not a re-publish.
    this.stopSettled = transport.onSettled((event) => {
      if (transport.durability !== 'process' || !this.inFlight.delete(event.messageId)) return;
      this.ledger.markPublished([event.messageId]).catch((error: unknown) => {
        // The row comes back after its lease and is published again; the consumer deduplicates.
        this.logger.warn('outbox row not marked published', { outboxId: event.messageId, error });
      });
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks for a round now (after a submit), instead of waiting for the idle pause to end. */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    this.stopSettled();
  }

  /** One round: claims due rows and publishes them; answers how many were published. */
  async round(): Promise<number> {
    const rows = (await this.ledger.claimOutbox(this.batch, this.leaseMs)).filter(
      (row) => !this.inFlight.has(row.id),
    );
    const results = await Promise.all(rows.map((row) => this.publish(row)));
    const published = rows.filter((_, i) => results[i]).map((row) => row.id);
    if (this.transport.durability === 'broker' && published.length > 0) {
      // One UPDATE for the round's confirmed rows instead of one per row. A crash or a failure before it
      // only means those rows come back after their lease and are published again (consumers deduplicate).
      await this.ledger.markPublished(published).catch((error: unknown) => {
        this.logger.warn('outbox rows not marked published; they come back after their lease', {
          count: published.length,
          error,
        });
      });
    }
    return published.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.round();
      } catch (error) {
        this.logger.error('outbox relay round failed', { error });
      }
      if (published === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private async publish(row: OutboxEntry): Promise<boolean> {
    try {
      const body = await payloadOf(this.archive, row.payloadRef);
      const headers: TransportHeaders = { ...row.headers, 'bp-correlation-id': row.messageId };
      if (this.transport.durability === 'process') this.inFlight.add(row.id);
      await this.transport.publish({
        destination: row.destination,
        messageId: row.id,
        body,
        headers,
        // A partner's channel carries the message's XML; every other destination a JSON envelope.
        contentType: row.destination.startsWith(CHANNEL_PREFIX) ? 'application/xml' : 'application/json',
      });
      // With a broker the confirm is in: `round` marks the row published, together with the others.
      return true;
    } catch (error) {
      this.inFlight.delete(row.id);
      const code = (error as { code?: string }).code ?? 'PUBLISH_FAILED';
      this.logger.warn('outbox row not published; retrying', { outboxId: row.id, code });
      await this.ledger.markOutboxRetry(row.id, new Date(Date.now() + 1_000), code);
      return false;
    }
  }
}

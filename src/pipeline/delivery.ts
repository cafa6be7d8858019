/**
 * The delivery workers: consume the transport destinations the gateway itself delivers from (a partner's
 * channel, a back-office webhook), and record what happened in the ledger. A failed try throws, so the
 * transport retries it with backoff; after the last try the dead-letter handler marks the message `failed`
 * for an operator to replay. Every ledger move names the state it expects, so a redelivered copy (same
 * outbox id, at-least-once) cannot move a message twice.
 */
import type { Ledger, MessageState } from '../ledger/port.js';
import type { AuditTrail } from './audit.js';
import { LedgerError } from '../ledger/errors.js';
import type { Logger } from '../log/logger.js';
import type { Partner, RoutingTable } from '../routing/types.js';
import type { Delivery, Subscription, TransportPort } from '../transport/port.js';
import { channelDestination, webhookDestination } from './destinations.js';

/** What the delivery worker needs of a channel adapter (src/channel): one try, classified. */
export interface ChannelDeliverer {
  deliver(
    partner: Partner,
    payload: { readonly xml: Uint8Array; readonly messageId: string; readonly messageName: string },
  ): Promise<unknown>;
}

/** Posts a back-office envelope to a webhook; one try, throwing a coded error on failure. */
export type WebhookPoster = (
  url: string,
  body: Uint8Array,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
) => Promise<void>;

export class DeliveryWorkers {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly transport: TransportPort,
    private readonly table: RoutingTable,
    private readonly channel: ChannelDeliverer,
    private readonly postWebhook: WebhookPoster,
    private readonly logger: Logger,
    private readonly audit: AuditTrail,
  ) {}

  async start(): Promise<void> {
    for (const partner of this.table.partners) {
      this.subscriptions.push(
        await this.transport.consume(channelDestination(partner.code), (d) => this.toPartner(partner, d), {
          concurrency: 8,
        }),
      );
    }
    for (const party of this.table.parties) {
      for (const [index, route] of party.backOffice.entries()) {
        const destination = route.destination;
        if (destination.kind !== 'webhook') continue;
        this.subscriptions.push(
          await this.transport.consume(
            webhookDestination(party.code, index),
            async (d) => {
              const headers: Record<string, string> = {
                'content-type': 'application/json',
                'idempotency-key': d.messageId,
              };
              if (destination.secret) headers[destination.secret.header] = destination.secret.value.reveal();
              await lastTryAt(destination.maxAttempts, d, () =>
                this.postWebhook(destination.url, d.body, headers, destination.timeoutMs ?? 10_000),
              );
              await this.move(d, 'delivered', 'routed', 'back-office heeft het bericht');
            },
            { concurrency: 4 },
          ),
        );
      }
    }
    this.subscriptions.push(
      await this.transport.consumeDeadLetters(async (letter) => {
        const id = letter.headers['bp-correlation-id'];
        if (!id) return;
        await this.fail(id, letter.reason.code, letter.reason.attempts);
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.cancel()));
  }

  private async toPartner(partner: Partner, d: Delivery): Promise<void> {
    await lastTryAt(partner.channel.maxAttempts, d, () =>
      this.channel.deliver(partner, {
        xml: d.body,
        messageId: d.messageId,
        messageName: d.headers['bp-message-type'] ?? 'onbekend',
      }),
    );
    await this.move(d, 'delivered', 'routed', `afgeleverd bij ${partner.code}`);
  }

  /** Moves the message behind a delivery; a move already made (a redelivered copy, a fast retour) is fine. */
  private async move(d: Delivery, to: MessageState, expected: MessageState, reason: string): Promise<void> {
    const id = d.headers['bp-correlation-id'];
    if (!id) return;
    try {
      await this.ledger.transition(id, to, { actor: 'delivery', expected, reason });
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'CONFLICT') return;
      throw error;
    }
  }

  private async fail(id: string, code: string, attempts: number): Promise<void> {
    const message = await this.ledger.getMessage(id);
    if (!message || message.state !== 'routed') return;
    try {
      await this.ledger.transition(id, 'failed', {
        actor: 'delivery',
        expected: 'routed',
        reason: `afleveren mislukt na ${attempts} pogingen`,
        codes: [code],
      });
      this.logger.warn('delivery failed; message dead-lettered', { messageId: id, code, attempts });
      await this.audit.record('delivery.failed', id, 'delivery', { code, attempts });
    } catch (error) {
      if (!(error instanceof LedgerError && error.code === 'CONFLICT')) throw error;
    }
  }
}

/**
 * An endpoint may allow fewer tries than the gateway's DELIVERY_MAX_ATTEMPTS (routing table `maxAttempts`):
 * a failure on its last try is marked not retryable, so the transport dead-letters it at once.
 */
async function lastTryAt(maxAttempts: number | undefined, d: Delivery, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (
      maxAttempts !== undefined &&
      d.attempt >= maxAttempts &&
      typeof error === 'object' &&
      error !== null
    ) {
      throw Object.assign(error, { retryable: false });
    }
    throw error;
  }
}

/** The default webhook poster: Node's fetch with a timeout; the response body is never read into errors. */
export const fetchWebhook: WebhookPoster = async (url, body, headers, timeoutMs) => {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw Object.assign(new Error('webhook unreachable'), { code: 'WEBHOOK_UNREACHABLE', cause });
  }
  await response.body?.cancel();
  if (!response.ok) {
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
    throw Object.assign(new Error(`webhook answered ${response.status}`), {
      code: `WEBHOOK_HTTP_${response.status}`,
      retryable: !permanent,
    });
  }
};

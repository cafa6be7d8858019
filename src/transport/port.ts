/**
 * The transport port: moves a message from the gateway to a named destination (a back-office queue, a
 * channel delivery worker) and hands it to exactly one consumer, at least once. Two adapters implement it:
 * `memory/` (the embedded default) and `rabbitmq/` (production, `AMQP_URL`). `contract.ts` holds the one
 * test suite both must pass. Policy lives once, outside the adapters: header rules in `message.ts`, retry
 * and dead-letter decisions in `policy.ts`.
 *
 * DESTINATIONS
 * - A destination is a name (`^[a-z0-9]+([._-][a-z0-9]+)*$`, at most 200 characters), e.g.
 *   `backoffice.0363` or `channel.ggk`. The gateway declares its destinations when it opens the transport
 *   (`destinations` option); `consume` declares the one it consumes. Publishing to a destination nobody
 *   declared is `UNROUTABLE`: never a silent drop.
 *
 * PUBLISH
 * - `publish(message)` resolves only when the transport has ACCEPTED the message: for RabbitMQ, when the
 *   broker confirmed it (publisher confirms, after the quorum queue wrote it to a majority); for memory,
 *   when it is enqueued in this process. It rejects with a `TransportError`: `UNROUTABLE` (no queue bound),
 *   `NACKED` (refused, e.g. a full queue), `TIMEOUT` (no confirm within the confirm timeout, or no room in
 *   the confirm window: the message MAY have arrived), `UNAVAILABLE` (no connection), `CLOSED`, or
 *   `INVALID_MESSAGE` (below). After a rejection the caller publishes again; consumers deduplicate on
 *   `messageId`, so a message that arrived after all is harmless.
 * - At most `publishWindow` publishes (>= 100, default 256) await their confirm at any time; further calls
 *   wait in order for room, so a burst is paced by the broker instead of piling up unbounded.
 * - `messageId` is required and stable across re-publishes (the outbox row's id): it is what consumers
 *   deduplicate on (idempotent receiver).
 * - Order: messages published through one transport instance to one destination are delivered in publish
 *   order, as long as the connection holds and no message is retried. A retried message comes back after
 *   its backoff, behind later ones; after a failure the outbox may re-publish out of order. Where order
 *   matters, the ledger decides, not the transport.
 *
 * HEADERS: IDS AND CODES ONLY
 * - Headers travel in clear through brokers, management UIs, dead-letter queues and logs, and outlive the
 *   message. They must never carry personal data: no BSN, name, address, birth date or message content.
 *   Only the names in `TRANSPORT_HEADERS` (`message.ts`) are accepted, each with a strict value pattern
 *   (a party code of at most 8 characters, a SHA-256, a message code, a gateway id); anything else is
 *   `INVALID_MESSAGE` before a byte leaves the process. The body carries the content.
 *
 * CONSUME
 * - `consume(destination, handler, options)` delivers each message to `handler`. The message is
 *   acknowledged only AFTER the handler's promise resolves, so its side effects (the ledger transaction,
 *   the HTTP call) have happened first. A process that dies mid-handler leaves the message unacknowledged
 *   and it is delivered again (`redelivered: true`, same `attempt`).
 * - A handler that throws (or rejects) is retried with backoff per the `RetryPolicy`: attempt `n` failing
 *   waits `delaysMs[min(n-1, last)]` and comes back as attempt `n+1`. When attempt `maxAttempts` fails, or
 *   the error says `retryable: false`, the message goes to the DEAD LETTER queue with a reason: the error's
 *   `code` when it is a short code (`HANDLER_FAILED` otherwise; error messages may quote personal data,
 *   so they are never copied), the attempts made and the destination.
 * - `concurrency` (default 1) handlers run at once per subscription; with 1, processing order is delivery
 *   order. `prefetch` bounds the unacknowledged messages the subscription holds.
 * - `consumeDeadLetters(handler)` delivers dead letters with their reason; acknowledged after the handler
 *   resolves (the pipeline marks the ledger row `failed`), redelivered after a delay when it throws.
 *
 * DURABILITY AND THE OUTBOX
 * - `durability: 'broker'` (RabbitMQ): an accepted message survives this process; the outbox row may be
 *   marked published when `publish` resolves.
 * - `durability: 'process'` (memory): an accepted message lives in this process only and dies with it. The
 *   ledger's outbox is the durable copy: the pipeline keeps the outbox row until `onSettled` reports the
 *   message settled, and at start re-publishes every unsettled row. Nothing is lost when the process
 *   dies; a message may be delivered twice, which consumers absorb by `messageId`.
 * - `onSettled(listener)` reports, in this process, every message that reached its end: `delivered` (a
 *   handler resolved and the message was acknowledged) or `dead-lettered` (a dead-letter handler resolved).
 *   Both adapters report it. Listeners run synchronously and must not throw.
 *
 * CLOSE AND HEALTH
 * - `close()` stops new deliveries, waits up to `closeTimeoutMs` for running handlers (their outcomes are
 *   still acknowledged) and pending confirms, then releases the connection. Handlers still running after
 *   that are abandoned unacknowledged (redelivered by the broker; for memory, re-published from the outbox).
 *   Afterwards `publish` and `consume` reject with `CLOSED`; `close()` again is a no-op.
 * - `health()` is a cheap synchronous snapshot for the readiness probe and the operator console.
 */
import type { TransportHeaders } from './message.js';
import type { RetryPolicy } from './policy.js';

export type { TransportHeaderName, TransportHeaders } from './message.js';
export { TRANSPORT_HEADERS } from './message.js';
export type { RetryPolicy } from './policy.js';
export { DEFAULT_RETRY_POLICY } from './policy.js';
export { TransportError, isTransportError, type TransportErrorCode } from './errors.js';

export interface OutboundMessage {
  readonly destination: string;
  /** Stable across re-publishes: consumers deduplicate on it. `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`. */
  readonly messageId: string;
  readonly body: Uint8Array;
  /** Ids and codes only; see HEADERS above. */
  readonly headers?: TransportHeaders;
  /** A bare media type, e.g. `application/xml`. */
  readonly contentType?: string;
}

export interface Delivery {
  readonly destination: string;
  readonly messageId: string;
  readonly body: Uint8Array;
  readonly headers: TransportHeaders;
  readonly contentType: string | undefined;
  /** 1 on the first try, n+1 after n failed tries. */
  readonly attempt: number;
  /** True when this copy may have been handed out before without an acknowledgement (a crash, a reconnect). */
  readonly redelivered: boolean;
}

export type Handler = (delivery: Delivery) => Promise<void>;

export interface DeadLetterReason {
  /** The handler error's code (`HANDLER_FAILED` when it had none), or the broker's reason, e.g. `DELIVERY_LIMIT`. */
  readonly code: string;
  /** Tries made before giving up. */
  readonly attempts: number;
}

export interface DeadLetter {
  readonly destination: string;
  readonly messageId: string;
  readonly body: Uint8Array;
  readonly headers: TransportHeaders;
  readonly contentType: string | undefined;
  readonly reason: DeadLetterReason;
  readonly redelivered: boolean;
}

export type DeadLetterHandler = (letter: DeadLetter) => Promise<void>;

export interface ConsumeOptions {
  /** Handlers running at once for this subscription. Default 1 (processing in delivery order). */
  readonly concurrency?: number;
  /** Unacknowledged messages held at once; at least `concurrency`. Default `max(16, 2 * concurrency)`. */
  readonly prefetch?: number;
}

export interface Subscription {
  readonly destination: string;
  /** Stops new deliveries and waits for running handlers; queued messages stay for the next consumer. */
  cancel(): Promise<void>;
}

export interface SettledEvent {
  readonly destination: string;
  readonly messageId: string;
  readonly outcome: 'delivered' | 'dead-lettered';
}

export type SettleListener = (event: SettledEvent) => void;

export interface TransportHealth {
  /** `up`: publishing and consuming work; `connecting`/`reconnecting`: waiting for the broker. */
  readonly state: 'connecting' | 'up' | 'reconnecting' | 'closed';
  readonly healthy: boolean;
  /** Publishes sent and awaiting their confirm (never above the window). */
  readonly inFlightPublishes: number;
  /** Publishes waiting for room in the window or for a connection. */
  readonly queuedPublishes: number;
  readonly subscriptions: number;
  /** Connections re-established since open. */
  readonly reconnects: number;
  /** The code of the last failure, for the console; never a message text. */
  readonly lastErrorCode?: string;
}

export interface TransportPort {
  readonly durability: 'broker' | 'process';
  publish(message: OutboundMessage): Promise<void>;
  consume(destination: string, handler: Handler, options?: ConsumeOptions): Promise<Subscription>;
  consumeDeadLetters(handler: DeadLetterHandler, options?: ConsumeOptions): Promise<Subscription>;
  /** Returns a function that removes the listener. */
  onSettled(listener: SettleListener): () => void;
  health(): TransportHealth;
  close(): Promise<void>;
}

/** What every adapter's factory accepts; adapters add their own connection settings. */
export interface TransportOptions {
  /** Destinations declared at open; `consume` adds its own. */
  readonly destinations?: readonly string[];
  readonly retry?: RetryPolicy;
  /**
   * Upper bound for a destination's queue; once it is reached, publishes are `NACKED`. RabbitMQ's quorum
   * queues notice only after the message that crosses the bound, so one more may be accepted. Default: none.
   */
  readonly maxQueueLength?: number;
  /** How long `close()` waits for running handlers and pending confirms. Default 10 s. */
  readonly closeTimeoutMs?: number;
}

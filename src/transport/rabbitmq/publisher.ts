/**
 * Publishing with confirms over one confirm channel, in call order, with at most `window` messages
 * awaiting their confirm. Every publish is `mandatory`: the broker returns a message no queue takes
 * (basic.return, which RabbitMQ sends before the basic.ack of the same message), and the publish rejects
 * with UNROUTABLE instead of "succeeding" into nowhere.
 *
 * The channel comes and goes with the connection: while there is none, publishes wait (up to
 * `publishTimeoutMs`) and go out in order once a new channel is attached. Publishes sent on a channel that
 * died before their confirm reject with UNAVAILABLE: whether the broker kept them is unknown, so the
 * caller (the outbox) publishes again and consumers deduplicate.
 */
import type { ConfirmChannel, Message, Options } from 'amqplib';
import { TransportError } from '../errors.js';
import { Fifo } from '../fifo.js';

export interface PublishRequest {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly properties: Options.Publish;
}

export interface PublisherSettings {
  readonly window: number;
  readonly confirmTimeoutMs: number;
  readonly publishTimeoutMs: number;
}

interface Pending {
  readonly seq: number;
  request: PublishRequest | undefined;
  state: 'queued' | 'sent' | 'done';
  returned: boolean;
  timer: NodeJS.Timeout | undefined;
  resolve(): void;
  reject(error: TransportError): void;
}

/** Correlates a basic.return with its publish; removed from what consumers see (not whitelisted). */
const SEQ_HEADER = 'x-bp-publish-seq';
/** amqplib's error for a basic.nack; a channel that closed with confirms outstanding says 'channel closed'. */
const NACK_MESSAGE = 'message nacked';

export class ConfirmPublisher {
  private channel: ConfirmChannel | undefined;
  private writable = true;
  private pumping = false;
  private readonly queue = new Fifo<Pending>();
  private queued = 0;
  private readonly inFlight = new Map<number, Pending>();
  private seq = 0;
  private closedWith: TransportError | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly settings: PublisherSettings,
    /** Called when the channel proved unusable, so the owner replaces the connection. */
    private readonly onBroken: (cause: unknown) => void,
  ) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get queuedCount(): number {
    return this.queued;
  }

  publish(request: PublishRequest): Promise<void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<void>((resolve, reject) => {
      this.seq += 1;
      const pending: Pending = {
        seq: this.seq,
        request,
        state: 'queued',
        returned: false,
        timer: undefined,
        resolve,
        reject,
      };
      pending.timer = setTimeout(() => this.expireQueued(pending), this.settings.publishTimeoutMs);
      this.queue.push(pending);
      this.queued += 1;
      this.pump();
    });
  }

  attach(channel: ConfirmChannel): void {
    this.channel = channel;
    this.writable = true;
    channel.on('return', (message: Message) => this.onReturn(message));
    this.pump();
  }

  /** The channel is gone: what awaited a confirm on it can no longer get one. */
  detach(cause?: unknown): void {
    this.channel = undefined;
    this.writable = true;
    for (const pending of this.inFlight.values()) {
      this.settle(
        pending,
        new TransportError('UNAVAILABLE', 'The connection dropped before the confirm.', { cause }),
      );
    }
  }

  /** Rejects everything still waiting and refuses what comes next. */
  close(error: TransportError): void {
    this.closedWith = error;
    for (const pending of this.queue.drain()) this.settle(pending, error);
    for (const pending of this.inFlight.values()) this.settle(pending, error);
  }

  /** Resolves once nothing waits or awaits a confirm. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queued === 0 && this.inFlight.size === 0;
  }

  private pump(): void {
    // Settling a publish pumps; a publish settled while sending must not recurse through the whole queue.
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.channel !== undefined && this.writable && this.inFlight.size < this.settings.window) {
        const pending = this.queue.shift();
        if (pending === undefined) return;
        // Publishes that expired while waiting were settled (and uncounted) then; skip them.
        if (pending.state !== 'queued') continue;
        this.queued -= 1;
        this.send(this.channel, pending);
      }
    } finally {
      this.pumping = false;
    }
  }

  private send(channel: ConfirmChannel, pending: Pending): void {
    const request = pending.request as PublishRequest;
    pending.request = undefined;
    pending.state = 'sent';
    clearTimeout(pending.timer);
    pending.timer = setTimeout(
      () =>
        this.settle(
          pending,
          new TransportError('TIMEOUT', `No confirm within ${this.settings.confirmTimeoutMs} ms.`),
        ),
      this.settings.confirmTimeoutMs,
    );
    this.inFlight.set(pending.seq, pending);
    const options: Options.Publish = {
      ...request.properties,
      headers: { ...request.properties.headers, [SEQ_HEADER]: pending.seq },
      mandatory: true,
      persistent: true,
    };
    let flowing: boolean;
    try {
      flowing = channel.publish(request.exchange, request.routingKey, request.content, options, (error) =>
        this.onConfirm(pending, error),
      );
    } catch (error) {
      // Nothing was sent. A header table too large to encode concerns this message only; anything else
      // means the channel is closed (the socket died before the disconnect event): stop using it, and let
      // the queued publishes wait for the next channel instead of failing one by one.
      this.settle(
        pending,
        new TransportError('UNAVAILABLE', 'The message could not be sent.', { cause: error }),
      );
      if (!(error instanceof RangeError) && this.channel === channel) {
        this.detach(error);
        this.onBroken(error);
      }
      return;
    }
    if (!flowing) {
      // The socket buffer is full: hold further publishes until it drains rather than buffer without bound.
      this.writable = false;
      channel.once('drain', () => {
        if (this.channel !== channel) return;
        this.writable = true;
        this.pump();
      });
    }
  }

  private onConfirm(pending: Pending, error: unknown): void {
    if (pending.state !== 'sent') return;
    if (error) {
      const nacked = error instanceof Error && error.message === NACK_MESSAGE;
      this.settle(
        pending,
        nacked
          ? new TransportError('NACKED', undefined, { cause: error })
          : new TransportError('UNAVAILABLE', 'The channel closed before the confirm.', { cause: error }),
      );
    } else if (pending.returned) {
      this.settle(pending, new TransportError('UNROUTABLE'));
    } else {
      this.settle(pending);
    }
  }

  private onReturn(message: Message): void {
    const seq = Number(message.properties.headers?.[SEQ_HEADER]);
    const pending = this.inFlight.get(seq);
    if (pending !== undefined) pending.returned = true;
  }

  private expireQueued(pending: Pending): void {
    if (pending.state !== 'queued') return;
    this.settle(
      pending,
      this.channel === undefined
        ? new TransportError('UNAVAILABLE', 'No connection to the broker.')
        : new TransportError('TIMEOUT', 'No room in the confirm window in time.'),
    );
  }

  private settle(pending: Pending, error?: TransportError): void {
    if (pending.state === 'done') return;
    if (pending.state === 'queued') this.queued -= 1;
    pending.state = 'done';
    pending.request = undefined;
    clearTimeout(pending.timer);
    if (this.inFlight.delete(pending.seq)) this.pump();
    if (error) pending.reject(error);
    else pending.resolve();
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

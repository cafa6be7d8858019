/**
 * The embedded transport: queues in this process, the same semantics as RabbitMQ (per-destination order,
 * acknowledgement after the handler, retries with backoff, dead letters with a reason), durability
 * 'process'. Messages die with the process; the ledger's outbox re-publishes what `onSettled` has not
 * reported (see the contract in `../port.ts`).
 */
import { TransportError } from '../errors.js';
import { checkDestination, checkOutbound } from '../message.js';
import { resolveCommonOptions, resolveConsumeOptions, settleWithin, type CommonOptions } from '../options.js';
import { decideFailure } from '../policy.js';
import type {
  ConsumeOptions,
  DeadLetter,
  DeadLetterHandler,
  Delivery,
  Handler,
  OutboundMessage,
  Subscription,
  TransportHealth,
  TransportOptions,
  TransportPort,
} from '../port.js';
import { SettleListeners } from '../settle.js';
import { MemoryQueue, type DeadEntry, type Entry } from './queue.js';

export type MemoryTransportOptions = TransportOptions;

export function createMemoryTransport(options: MemoryTransportOptions = {}): TransportPort {
  return new MemoryTransport(resolveCommonOptions(options));
}

class MemoryTransport implements TransportPort {
  readonly durability = 'process';
  private readonly queues = new Map<string, MemoryQueue<Entry>>();
  private readonly dead = new MemoryQueue<DeadEntry>();
  private readonly settle = new SettleListeners();
  /** Pending backoff timers: cleared at close, since their messages die with the process anyway. */
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;
  /** Set when close stopped waiting: a handler finishing later settles nothing, as an ack on a closed channel. */
  private abandoned = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: CommonOptions) {
    for (const destination of options.destinations) this.declare(destination);
  }

  async publish(message: OutboundMessage): Promise<void> {
    if (this.closed) throw new TransportError('CLOSED');
    const headers = checkOutbound(message);
    const queue = this.queues.get(message.destination);
    if (queue === undefined) {
      throw new TransportError('UNROUTABLE', `Destination "${message.destination}" is not declared.`);
    }
    const limit = this.options.maxQueueLength;
    if (limit !== undefined && queue.length >= limit) {
      throw new TransportError('NACKED', `Destination "${message.destination}" is full.`);
    }
    // Copy the bytes: the caller may reuse its buffer once publish resolves, as it may with a broker.
    queue.push({
      destination: message.destination,
      messageId: message.messageId,
      body: message.body.slice(),
      headers,
      contentType: message.contentType,
      attempt: 1,
    });
  }

  async consume(destination: string, handler: Handler, options?: ConsumeOptions): Promise<Subscription> {
    if (this.closed) throw new TransportError('CLOSED');
    const { concurrency } = resolveConsumeOptions(options);
    const queue = this.declare(checkDestination(destination));
    const subscription = new MemorySubscription(destination, queue, concurrency, (entry) =>
      this.deliver(queue, entry, handler),
    );
    return this.track(subscription);
  }

  async consumeDeadLetters(handler: DeadLetterHandler, options?: ConsumeOptions): Promise<Subscription> {
    if (this.closed) throw new TransportError('CLOSED');
    const { concurrency } = resolveConsumeOptions(options);
    const subscription = new MemorySubscription('dead-letters', this.dead, concurrency, (entry) =>
      this.deliverDead(entry, handler),
    );
    return this.track(subscription);
  }

  onSettled(listener: Parameters<TransportPort['onSettled']>[0]): () => void {
    return this.settle.add(listener);
  }

  health(): TransportHealth {
    return {
      state: this.closed ? 'closed' : 'up',
      healthy: !this.closed,
      inFlightPublishes: 0,
      queuedPublishes: 0,
      subscriptions: this.subscriptions.size,
      reconnects: 0,
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const running = [...this.subscriptions].map((s) => s.cancel());
    await settleWithin(Promise.all(running), this.options.closeTimeoutMs);
    this.abandoned = true;
  }

  private declare(destination: string): MemoryQueue<Entry> {
    let queue = this.queues.get(destination);
    if (queue === undefined) {
      queue = new MemoryQueue<Entry>();
      this.queues.set(destination, queue);
    }
    return queue;
  }

  private track<T>(subscription: MemorySubscription<T>): Subscription {
    this.subscriptions.add(subscription);
    subscription.onCancel(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  private async deliver(queue: MemoryQueue<Entry>, entry: Entry, handler: Handler): Promise<void> {
    const delivery: Delivery = {
      destination: entry.destination,
      messageId: entry.messageId,
      body: entry.body.slice(),
      headers: entry.headers,
      contentType: entry.contentType,
      attempt: entry.attempt,
      redelivered: false,
    };
    try {
      await handler(delivery);
    } catch (error) {
      if (this.abandoned) return;
      const step = decideFailure(entry.attempt, error, this.options.retry);
      if (step.action === 'retry') {
        // Like the TTL retry queue: the message re-enters at the tail once its delay has passed.
        this.later(step.delayMs, () => queue.push({ ...entry, attempt: step.nextAttempt }));
      } else if (!this.closed) {
        const { attempt: _attempt, ...rest } = entry;
        this.dead.push({ ...rest, reason: step.reason });
      }
      return;
    }
    if (this.abandoned) return;
    this.settle.emit({ destination: entry.destination, messageId: entry.messageId, outcome: 'delivered' });
  }

  private async deliverDead(entry: DeadEntry, handler: DeadLetterHandler): Promise<void> {
    const letter: DeadLetter = {
      ...entry,
      body: entry.body.slice(),
      redelivered: entry.redelivered ?? false,
    };
    try {
      await handler(letter);
    } catch {
      // A dead letter has nowhere further to go: it waits the first backoff and is offered again.
      const delay = this.options.retry.delaysMs[0] ?? 1_000;
      this.later(delay, () => this.dead.push({ ...entry, redelivered: true }));
      return;
    }
    if (this.abandoned) return;
    this.settle.emit({
      destination: entry.destination,
      messageId: entry.messageId,
      outcome: 'dead-lettered',
    });
  }

  private later(delayMs: number, action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) action();
    }, delayMs);
    this.timers.add(timer);
  }
}

class MemorySubscription<T> implements Subscription {
  private cancelling: Promise<void> | undefined;
  private readonly cancelListeners: (() => void)[] = [];
  private readonly detach: () => Promise<void>;

  constructor(
    readonly destination: string,
    queue: MemoryQueue<T>,
    concurrency: number,
    run: (entry: T) => Promise<void>,
  ) {
    this.detach = queue.attach(concurrency, run);
  }

  onCancel(listener: () => void): void {
    this.cancelListeners.push(listener);
  }

  cancel(): Promise<void> {
    this.cancelling ??= this.detach().finally(() => {
      for (const listener of this.cancelListeners) listener();
    });
    return this.cancelling;
  }
}

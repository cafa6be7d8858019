/**
 * One subscription: a channel of its own (so its prefetch and a channel error stay local), re-attached on
 * every reconnect. A delivery is acknowledged only after its handler resolved; a failure is parked (a copy
 * published with confirm to a retry queue or the dead-letter exchange) and only then acknowledged, so a
 * crash in between duplicates a message but never loses one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { ResolvedConsumeOptions } from '../options.js';
import { decideFailure, type FailureStep, type RetryPolicy } from '../policy.js';
import type { DeadLetterHandler, Handler, Subscription } from '../port.js';
import type { SettleListeners } from '../settle.js';
import { WorkQueue } from '../work-queue.js';
import { attemptOf, deadProperties, decodeDeadLetter, decodeDelivery, retryProperties } from './codec.js';
import type { ConfirmPublisher } from './publisher.js';
import type { TopologyNames } from './topology.js';

export interface ConsumerContext {
  readonly names: TopologyNames;
  readonly retry: RetryPolicy;
  readonly publisher: ConfirmPublisher;
  readonly settle: SettleListeners;
  /** A channel died under a live connection, or the broker cancelled a consumer: start afresh. */
  readonly requestReconnect: (cause: unknown) => void;
}

interface Held {
  readonly channel: Channel;
  readonly msg: ConsumeMessage;
}

export type Processor = (subscription: RabbitSubscription, held: Held) => Promise<void>;

export class RabbitSubscription implements Subscription {
  private channel: Channel | undefined;
  private consumerTag: string | undefined;
  private cancelled = false;
  private cancelling: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly work: WorkQueue<Held>;
  private readonly cancelListeners: (() => void)[] = [];

  constructor(
    readonly ctx: ConsumerContext,
    readonly destination: string,
    private readonly queue: string,
    private readonly options: ResolvedConsumeOptions,
    processor: Processor,
  ) {
    this.work = new WorkQueue<Held>(options.concurrency, (held) =>
      // Deliveries from a channel that has since died will come again on the new one: skip them.
      held.channel === this.channel ? processor(this, held) : Promise.resolve(),
    );
  }

  async attach(model: ChannelModel): Promise<void> {
    if (this.cancelled) return;
    const channel = await model.createChannel();
    channel.on('error', () => undefined); // reported through 'close' and the connection
    channel.on('close', () => this.onChannelClosed(channel));
    await channel.prefetch(this.options.prefetch);
    this.channel = channel;
    const { consumerTag } = await channel.consume(this.queue, (msg) => this.onMessage(channel, msg), {
      noAck: false,
    });
    this.consumerTag = consumerTag;
  }

  /** The connection is gone; deliveries not started are dropped (the broker redelivers them). */
  detach(): void {
    this.channel = undefined;
    this.consumerTag = undefined;
    this.work.clear();
  }

  onCancel(listener: () => void): void {
    this.cancelListeners.push(listener);
  }

  cancel(): Promise<void> {
    this.cancelling ??= this.stop().finally(() => {
      for (const listener of this.cancelListeners) listener();
    });
    return this.cancelling;
  }

  /** Acknowledges on the channel that delivered; answers false when that channel is gone. */
  ack(held: Held): boolean {
    if (held.channel !== this.channel) return false;
    try {
      held.channel.ack(held.msg);
      return true;
    } catch {
      return false;
    }
  }

  /** Hands the message back to the queue after `delayMs` (cut short by cancel), for another try. */
  async requeueLater(held: Held, delayMs: number): Promise<void> {
    await sleep(delayMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
    if (held.channel !== this.channel) return;
    try {
      held.channel.nack(held.msg, false, true);
    } catch {
      // The channel closed meanwhile: the broker requeues unacknowledged messages itself.
    }
  }

  private onMessage(channel: Channel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // The broker cancelled the consumer (its queue was deleted): reconnecting re-declares the queue.
      if (!this.cancelled)
        this.ctx.requestReconnect(new Error(`Consumer of ${this.queue} cancelled by the broker.`));
      return;
    }
    this.work.push({ channel, msg });
  }

  private onChannelClosed(channel: Channel): void {
    if (this.channel !== channel) return;
    this.detach();
    if (!this.cancelled) this.ctx.requestReconnect(new Error(`Channel of ${this.queue} closed.`));
  }

  private async stop(): Promise<void> {
    this.cancelled = true;
    this.abort.abort();
    const channel = this.channel;
    if (channel !== undefined && this.consumerTag !== undefined) {
      await channel.cancel(this.consumerTag).catch(() => undefined);
    }
    // Deliveries that have not started go back at once, for another consumer.
    for (const held of this.work.clear()) {
      if (held.channel === channel) {
        try {
          held.channel.nack(held.msg, false, true);
        } catch {
          // Closing the channel below requeues them as well.
        }
      }
    }
    await this.work.idle();
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }
}

/** Runs a destination's handler: ack on success, park (retry or dead letter) then ack on failure. */
export function destinationProcessor(handler: Handler): Processor {
  return async (subscription, held) => {
    const { ctx } = subscription;
    const delivery = decodeDelivery(subscription.destination, held.msg);
    let failure: unknown;
    if (delivery === undefined) {
      failure = Object.assign(new Error('Malformed message'), {
        code: 'MALFORMED_MESSAGE',
        retryable: false,
      });
    } else {
      try {
        await handler(delivery);
        if (subscription.ack(held)) {
          ctx.settle.emit({
            destination: delivery.destination,
            messageId: delivery.messageId,
            outcome: 'delivered',
          });
        }
        return;
      } catch (error) {
        failure = error;
      }
    }
    const step = decideFailure(attemptOf(held.msg), failure, ctx.retry);
    if (await park(subscription, held, step)) {
      subscription.ack(held);
    } else {
      // The copy could not be stored (broker trouble): keep the original and try again shortly.
      await subscription.requeueLater(held, ctx.retry.delaysMs[0] ?? 1_000);
    }
  };
}

async function park(subscription: RabbitSubscription, held: Held, step: FailureStep): Promise<boolean> {
  const { ctx, destination } = subscription;
  try {
    await ctx.publisher.publish(
      step.action === 'retry'
        ? {
            exchange: ctx.names.retryExchange,
            routingKey: destination,
            content: held.msg.content,
            properties: retryProperties(held.msg, step),
          }
        : {
            exchange: ctx.names.deadExchange,
            routingKey: destination,
            content: held.msg.content,
            properties: deadProperties(held.msg, step.reason),
          },
    );
    return true;
  } catch {
    return false;
  }
}

/** Runs the dead-letter handler: ack on success; on failure the letter returns after the first delay. */
export function deadLetterProcessor(handler: DeadLetterHandler): Processor {
  return async (subscription, held) => {
    const { ctx } = subscription;
    const letter = decodeDeadLetter(held.msg);
    try {
      await handler(letter);
    } catch {
      await subscription.requeueLater(held, ctx.retry.delaysMs[0] ?? 1_000);
      return;
    }
    if (subscription.ack(held)) {
      ctx.settle.emit({
        destination: letter.destination,
        messageId: letter.messageId,
        outcome: 'dead-lettered',
      });
    }
  };
}

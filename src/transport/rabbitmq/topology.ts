/**
 * The RabbitMQ topology the gateway declares for itself, at every (re)connect, so a fresh or restarted
 * broker needs no manual set-up. Everything is durable; every queue is a quorum queue (replicated, fsynced
 * before the confirm).
 *
 *   <ns>                  topic exchange: publishes go here with routing key = destination
 *   <ns>.q.<destination>  quorum queue bound to <ns> with the destination; x-delivery-limit dead-letters a
 *                         message that keeps coming back unacknowledged (a handler that crashes the process)
 *   <ns>.retry            headers exchange: a failed message is re-published here with its delay header
 *   <ns>.retry.<n>ms      quorum queue per distinct delay, x-message-ttl = n; on expiry it dead-letters back
 *                         to <ns> with its original routing key, i.e. to its destination queue
 *   <ns>.dead-letter      topic exchange and quorum queue (bound with #): messages that ran out of tries
 *
 * Dead-lettering by the broker (retry expiry, delivery limit) uses `x-dead-letter-strategy: at-least-once`,
 * which keeps a message in its source queue until the target confirms it; RabbitMQ (>= 3.10) requires
 * `x-overflow: reject-publish` for that, which also turns a full queue into a publisher nack (NACKED).
 */
import type { Channel } from 'amqplib';

export interface TopologyNames {
  readonly exchange: string;
  readonly retryExchange: string;
  readonly deadExchange: string;
  readonly deadQueue: string;
  queue(destination: string): string;
  retryQueue(delayMs: number): string;
}

export interface TopologySettings {
  readonly names: TopologyNames;
  /** Distinct retry delays, one queue each. */
  readonly retryDelays: readonly number[];
  readonly deliveryLimit: number;
  readonly maxQueueLength: number | undefined;
}

/**
 * The header the retry exchange routes on. Not `x-` prefixed like the transport's other headers: a headers
 * exchange ignores `x-` headers when matching, so every retry queue would take every retried message.
 */
export const RETRY_DELAY_HEADER = 'berichtenpoort-retry-delay';

export function topologyNames(namespace: string): TopologyNames {
  return {
    exchange: namespace,
    retryExchange: `${namespace}.retry`,
    deadExchange: `${namespace}.dead-letter`,
    deadQueue: `${namespace}.dead-letter`,
    queue: (destination) => `${namespace}.q.${destination}`,
    retryQueue: (delayMs) => `${namespace}.retry.${delayMs}ms`,
  };
}

const AT_LEAST_ONCE = {
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
} as const;

export async function declareShared(channel: Channel, settings: TopologySettings): Promise<void> {
  const { names } = settings;
  await channel.assertExchange(names.exchange, 'topic', { durable: true });
  await channel.assertExchange(names.retryExchange, 'headers', { durable: true });
  await channel.assertExchange(names.deadExchange, 'topic', { durable: true });
  await channel.assertQueue(names.deadQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(names.deadQueue, names.deadExchange, '#');
  for (const delayMs of settings.retryDelays) {
    const queue = names.retryQueue(delayMs);
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': names.exchange,
        ...AT_LEAST_ONCE,
      },
    });
    await channel.bindQueue(queue, names.retryExchange, '', {
      'x-match': 'all',
      [RETRY_DELAY_HEADER]: String(delayMs),
    });
  }
}

export async function declareDestination(
  channel: Channel,
  settings: TopologySettings,
  destination: string,
): Promise<void> {
  const { names } = settings;
  const queue = names.queue(destination);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': names.deadExchange,
      'x-delivery-limit': settings.deliveryLimit,
      ...AT_LEAST_ONCE,
      ...(settings.maxQueueLength === undefined ? {} : { 'x-max-length': settings.maxQueueLength }),
    },
  });
  await channel.bindQueue(queue, names.exchange, destination);
}

/**
 * The RabbitMQ transport (`AMQP_URL`), durability 'broker'. One connection with an explicit heartbeat and
 * `noDelay`, amqplib's recovery for reconnects (exponential backoff with jitter), and a `setup` that runs
 * after every (re)connect: declare the topology (`topology.ts`), attach the publisher's confirm channel,
 * re-attach every consumer. Any channel that dies under a live connection tears the connection down, so
 * there is one recovery path, not one per channel.
 *
 * The setup is bounded (`setupTimeoutMs`, see `setup-timeout.ts`), or one unanswered call would keep
 * recovery waiting for good.
 */
import amqp, {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type RecoveringChannelModel,
} from 'amqplib';
import { TransportError } from '../errors.js';
import { checkDestination, checkOutbound } from '../message.js';
import {
  nonNegativeInt,
  resolveCommonOptions,
  resolveConsumeOptions,
  settleWithin,
  type CommonOptions,
} from '../options.js';
import { retryDelays, safeCode } from '../policy.js';
import type {
  ConsumeOptions,
  DeadLetterHandler,
  Handler,
  OutboundMessage,
  Subscription,
  TransportHealth,
  TransportOptions,
  TransportPort,
} from '../port.js';
import { SettleListeners } from '../settle.js';
import { publishProperties } from './codec.js';
import { deadLetterProcessor, destinationProcessor, RabbitSubscription, type Processor } from './consumer.js';
import { ConfirmPublisher } from './publisher.js';
import { withinSetupTimeout } from './setup-timeout.js';
import { declareDestination, declareShared, topologyNames, type TopologySettings } from './topology.js';

export { topologyNames, type TopologyNames } from './topology.js';

export interface RabbitMqTransportOptions extends TransportOptions {
  /** `amqp://user:pass@host:5672/vhost` (AMQP_URL). A `heartbeat` query parameter overrides `heartbeatSeconds`. */
  readonly url: string;
  /** Prefix of every exchange and queue name. Default `berichtenpoort`. */
  readonly namespace?: string;
  /** Publishes awaiting a confirm at once; at least 100. Default 256. */
  readonly publishWindow?: number;
  /** A sent publish without a confirm after this long rejects with TIMEOUT. Default 10 s. */
  readonly confirmTimeoutMs?: number;
  /** A publish waiting for a connection or for room in the window rejects after this long. Default 10 s. */
  readonly publishTimeoutMs?: number;
  /** AMQP heartbeat: a dead peer is noticed within about twice this. Default 10 s. */
  readonly heartbeatSeconds?: number;
  /** TCP connect timeout per attempt. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** A (re)connect whose setup (declarations, consumers, publisher channel) takes longer is dropped and
   * retried. Default 15 s. */
  readonly setupTimeoutMs?: number;
  /** Failed attempts tolerated before the first connection, then `connect` rejects. Default 5. */
  readonly connectRetries?: number;
  /** Reconnect backoff: initial delay doubling up to the maximum, with ±20% jitter. Default 200 ms / 10 s. */
  readonly reconnectDelayMs?: { readonly initial: number; readonly max: number };
  /** Redeliveries of an unacknowledged message before the broker dead-letters it. Default 20. */
  readonly deliveryLimit?: number;
  /** Shown in the broker's connection list. Default `berichtenpoort`. */
  readonly connectionName?: string;
}

const NAMESPACE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MIN_WINDOW = 100;

interface Settings {
  readonly common: CommonOptions;
  readonly url: string;
  readonly topology: TopologySettings;
  readonly publisher: { window: number; confirmTimeoutMs: number; publishTimeoutMs: number };
  readonly connectTimeoutMs: number;
  readonly setupTimeoutMs: number;
  readonly connectRetries: number;
  readonly reconnect: { readonly initial: number; readonly max: number };
  readonly connectionName: string;
}

/** Connects, declares the topology and answers the port; rejects with UNAVAILABLE if the broker stays away. */
export async function connectRabbitMqTransport(options: RabbitMqTransportOptions): Promise<TransportPort> {
  const transport = new RabbitMqTransport(resolveSettings(options));
  await transport.open();
  return transport;
}

function resolveSettings(options: RabbitMqTransportOptions): Settings {
  const common = resolveCommonOptions(options);
  const namespace = options.namespace ?? 'berichtenpoort';
  if (!NAMESPACE.test(namespace)) throw new RangeError('namespace must be lower-case words joined by . _ -.');
  const window = options.publishWindow ?? 256;
  if (!Number.isInteger(window) || window < MIN_WINDOW) {
    throw new RangeError(`publishWindow must be an integer of at least ${MIN_WINDOW}.`);
  }
  const url = new URL(options.url);
  if (!url.searchParams.has('heartbeat')) {
    url.searchParams.set(
      'heartbeat',
      String(nonNegativeInt(options.heartbeatSeconds ?? 10, 'heartbeatSeconds')),
    );
  }
  const reconnect = options.reconnectDelayMs ?? { initial: 200, max: 10_000 };
  return {
    common,
    url: url.toString(),
    topology: {
      names: topologyNames(namespace),
      retryDelays: retryDelays(common.retry),
      deliveryLimit: nonNegativeInt(options.deliveryLimit ?? 20, 'deliveryLimit'),
      maxQueueLength: common.maxQueueLength,
    },
    publisher: {
      window,
      confirmTimeoutMs: nonNegativeInt(options.confirmTimeoutMs ?? 10_000, 'confirmTimeoutMs'),
      publishTimeoutMs: nonNegativeInt(options.publishTimeoutMs ?? 10_000, 'publishTimeoutMs'),
    },
    connectTimeoutMs: nonNegativeInt(options.connectTimeoutMs ?? 5_000, 'connectTimeoutMs'),
    setupTimeoutMs: nonNegativeInt(options.setupTimeoutMs ?? 15_000, 'setupTimeoutMs'),
    connectRetries: nonNegativeInt(options.connectRetries ?? 5, 'connectRetries'),
    reconnect: {
      initial: nonNegativeInt(reconnect.initial, 'reconnectDelayMs.initial'),
      max: nonNegativeInt(reconnect.max, 'reconnectDelayMs.max'),
    },
    connectionName: options.connectionName ?? 'berichtenpoort',
  };
}

class RabbitMqTransport implements TransportPort {
  readonly durability = 'broker';
  private model: RecoveringChannelModel | undefined;
  /** The live connection, set at the end of a successful setup and cleared when it drops. */
  private current: ChannelModel | undefined;
  private state: TransportHealth['state'] = 'connecting';
  private blocked = false;
  private connects = 0;
  private lastErrorCode: string | undefined;
  private readonly declared: Set<string>;
  private readonly subscriptions = new Set<RabbitSubscription>();
  private readonly publisher: ConfirmPublisher;
  private readonly settle = new SettleListeners();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly settings: Settings) {
    this.declared = new Set(settings.common.destinations);
    this.publisher = new ConfirmPublisher(settings.publisher, (cause) => this.requestReconnect(cause));
  }

  async open(): Promise<void> {
    const { reconnect } = this.settings;
    const model = await amqp.connect(this.settings.url, {
      noDelay: true,
      keepAlive: true,
      timeout: this.settings.connectTimeoutMs,
      clientProperties: { connection_name: this.settings.connectionName },
      recovery: {
        waitForConnect: false,
        initialMaxRetries: this.settings.connectRetries,
        maxRetries: Infinity,
        calculateDelay: (attempt) =>
          Math.round(
            Math.min(reconnect.max, reconnect.initial * 2 ** (attempt - 1)) * (0.8 + 0.4 * Math.random()),
          ),
        setup: (connection: ChannelModel) => this.setup(connection),
      },
    });
    this.model = model;
    // Without an 'error' listener an emitted error would throw; the reason is kept for health().
    model.on('error', (error: unknown) => this.noteError(error));
    model.on('handler-error', (error: unknown) => this.noteError(error));
    model.on('connect-failed', (error: unknown) => this.noteError(error));
    model.on('disconnect', (error: unknown) => this.onDisconnect(error));
    model.on('blocked', () => (this.blocked = true));
    model.on('unblocked', () => (this.blocked = false));
    try {
      await model.waitForConnect();
    } catch (error) {
      this.closed = true;
      this.state = 'closed';
      this.publisher.close(new TransportError('CLOSED'));
      await model.close().catch(() => undefined);
      throw new TransportError('UNAVAILABLE', 'Could not connect to the broker.', { cause: error });
    }
  }

  async publish(message: OutboundMessage): Promise<void> {
    if (this.closed) throw new TransportError('CLOSED');
    const headers = checkOutbound(message);
    const body = message.body;
    await this.publisher.publish({
      exchange: this.settings.topology.names.exchange,
      routingKey: message.destination,
      // A view, not a copy: amqplib writes the bytes into frames synchronously when the message is sent.
      content: Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      properties: publishProperties(message, headers),
    });
  }

  async consume(destination: string, handler: Handler, options?: ConsumeOptions): Promise<Subscription> {
    if (this.closed) throw new TransportError('CLOSED');
    const resolved = resolveConsumeOptions(options);
    checkDestination(destination);
    this.declared.add(destination);
    if (this.current !== undefined) {
      try {
        await this.withChannel(this.current, (ch) =>
          declareDestination(ch, this.settings.topology, destination),
        );
      } catch (error) {
        throw new TransportError('UNAVAILABLE', `Could not declare ${destination}.`, { cause: error });
      }
    }
    const queue = this.settings.topology.names.queue(destination);
    return this.subscribe(destination, queue, resolved, destinationProcessor(handler));
  }

  async consumeDeadLetters(handler: DeadLetterHandler, options?: ConsumeOptions): Promise<Subscription> {
    if (this.closed) throw new TransportError('CLOSED');
    const resolved = resolveConsumeOptions(options);
    const queue = this.settings.topology.names.deadQueue;
    return this.subscribe('dead-letters', queue, resolved, deadLetterProcessor(handler));
  }

  onSettled(listener: Parameters<TransportPort['onSettled']>[0]): () => void {
    return this.settle.add(listener);
  }

  health(): TransportHealth {
    return {
      state: this.state,
      healthy: this.state === 'up' && !this.blocked,
      inFlightPublishes: this.publisher.inFlightCount,
      queuedPublishes: this.publisher.queuedCount,
      subscriptions: this.subscriptions.size,
      reconnects: Math.max(0, this.connects - 1),
      ...(this.lastErrorCode === undefined ? {} : { lastErrorCode: this.lastErrorCode }),
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + this.settings.common.closeTimeoutMs;
    // Stop deliveries and let running handlers finish: their acks and parked copies still go out.
    const cancels = [...this.subscriptions].map((s) => s.cancel());
    await settleWithin(Promise.all(cancels), Math.max(0, deadline - Date.now()));
    await settleWithin(this.publisher.whenIdle(), Math.max(0, deadline - Date.now()));
    this.publisher.close(new TransportError('CLOSED'));
    this.state = 'closed';
    await this.model?.close().catch(() => undefined);
  }

  private async subscribe(
    destination: string,
    queue: string,
    options: ReturnType<typeof resolveConsumeOptions>,
    processor: Processor,
  ): Promise<Subscription> {
    const subscription = new RabbitSubscription(this.context(), destination, queue, options, processor);
    this.subscriptions.add(subscription);
    subscription.onCancel(() => this.subscriptions.delete(subscription));
    const connection = this.current;
    if (connection !== undefined) {
      try {
        await subscription.attach(connection);
      } catch (error) {
        if (this.current === connection) {
          // The connection is up, so the failure is about this consumer (e.g. a conflicting queue).
          this.subscriptions.delete(subscription);
          throw new TransportError('UNAVAILABLE', `Could not consume from ${queue}.`, { cause: error });
        }
        // The connection dropped meanwhile: the next setup attaches it.
      }
    }
    return subscription;
  }

  private context() {
    return {
      names: this.settings.topology.names,
      retry: this.settings.common.retry,
      publisher: this.publisher,
      settle: this.settle,
      requestReconnect: (cause: unknown) => this.requestReconnect(cause),
    };
  }

  /** Runs after every (re)connect, before the connection counts as up; a throw makes recovery retry. */
  private async setup(connection: ChannelModel): Promise<void> {
    connection.on('error', () => undefined); // recovery forwards errors once it has bound the connection
    const { setupTimeoutMs } = this.settings;
    const channel = await withinSetupTimeout(connection, this.prepare(connection), setupTimeoutMs);
    channel.on('error', (error: unknown) => this.noteError(error));
    channel.on('close', () => {
      if (this.current === connection) this.requestReconnect(new Error('Publisher channel closed.'));
    });
    this.current = connection;
    this.publisher.attach(channel);
    this.connects += 1;
    this.state = 'up';
  }

  /** Declares the topology, re-attaches every consumer and opens the publisher's confirm channel. */
  private async prepare(connection: ChannelModel): Promise<ConfirmChannel> {
    const { topology } = this.settings;
    await this.withChannel(connection, async (ch) => {
      await declareShared(ch, topology);
      for (const destination of this.declared) await declareDestination(ch, topology, destination);
    });
    for (const subscription of this.subscriptions) await subscription.attach(connection);
    return connection.createConfirmChannel();
  }

  private onDisconnect(error: unknown): void {
    this.noteError(error);
    this.current = undefined;
    this.publisher.detach(error);
    for (const subscription of this.subscriptions) subscription.detach();
    if (!this.closed) this.state = 'reconnecting';
  }

  private requestReconnect(cause: unknown): void {
    this.noteError(cause);
    const connection = this.current;
    if (connection === undefined || this.closed) return;
    this.current = undefined;
    // Closing the connection makes recovery reconnect and run setup again: one path for every failure.
    connection.close().catch(() => undefined);
  }

  /** Declarations run on a throwaway channel: a refused one closes that channel, not the publisher's. */
  private async withChannel(
    connection: ChannelModel,
    work: (channel: Channel) => Promise<void>,
  ): Promise<void> {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private noteError(error: unknown): void {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'number') this.lastErrorCode = `AMQP_${code}`;
    else if (code !== undefined) this.lastErrorCode = safeCode(code, 'UNKNOWN');
  }
}

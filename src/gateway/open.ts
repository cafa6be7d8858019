/**
 * The composition root: the one place that picks an adapter per port from the configuration and wires the
 * pipeline, the outbox relay and the delivery workers. Everything else receives its ports; nothing else
 * knows which adapters exist.
 */
import path from 'node:path';
import { openArchive } from '../archive/archive.js';
import { withRawCache } from '../archive/cache.js';
import { createFsStore } from '../archive/fs/index.js';
import type { ArchivePort } from '../archive/port.js';
import { createS3Store } from '../archive/s3/index.js';
import type { Config } from '../config/config.js';
import { createPgLedger } from '../ledger/pg/index.js';
import { createPgliteLedger } from '../ledger/pglite/index.js';
import type { Ledger } from '../ledger/port.js';
import type { Logger } from '../log/logger.js';
import { AuditTrail } from '../pipeline/audit.js';
import {
  DeliveryWorkers,
  fetchWebhook,
  type ChannelDeliverer,
  type WebhookPoster,
} from '../pipeline/delivery.js';
import { channelDestination, destinationName } from '../pipeline/destinations.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { CrossMessageCheck } from '../pipeline/types.js';
import { OutboxRelay } from '../pipeline/relay.js';
import { RetourBuilder } from '../retour/builder.js';
import { createRouter, type Router } from '../routing/router.js';
import { DEMO_ROUTES_FILE, loadRoutingTable } from '../routing/table.js';
import type { RoutingTable } from '../routing/types.js';
import { createMemoryTransport } from '../transport/memory/index.js';
import type { TransportPort } from '../transport/port.js';
import { connectRabbitMqTransport } from '../transport/rabbitmq/index.js';
import { MessageValidator } from '../validation/validator.js';

export interface Gateway {
  readonly config: Config;
  readonly logger: Logger;
  readonly ledger: Ledger;
  readonly archive: ArchivePort;
  readonly transport: TransportPort;
  readonly table: RoutingTable;
  readonly router: Router;
  readonly validator: MessageValidator;
  readonly pipeline: Pipeline;
  readonly relay: OutboxRelay;
  readonly audit: AuditTrail;
  /** Stops taking work, lets running deliveries finish, flushes the audit trail and closes every port. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** The environment for `${VAR}` secrets in the routing file (the composition root's caller reads it). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How the gateway reaches partners; the plain HTTP channel by default. */
  readonly channel: ChannelDeliverer;
  readonly webhook?: WebhookPoster;
  /** Overrides the routing table file (tests). */
  readonly table?: RoutingTable;
  /** The level-3/4 rules (cross-message and content); none yet by default. */
  readonly crossChecks?: CrossMessageCheck;
}

/** The ledger the configuration names: PostgreSQL with DATABASE_URL, PGlite under DATA_DIR otherwise. */
export function openLedger(config: Config): Promise<Ledger> {
  return config.databaseUrl
    ? createPgLedger({ connectionString: config.databaseUrl })
    : createPgliteLedger({ dataDir: path.join(config.dataDir, 'ledger') });
}

/** The archive the configuration names: S3 with S3_BUCKET, a directory under DATA_DIR otherwise. */
export function openArchiveOf(config: Config): Promise<ArchivePort> {
  const store = config.s3
    ? createS3Store({
        bucket: config.s3.bucket,
        region: config.s3.region,
        writeOnce: config.s3.writeOnce,
        listApi: config.s3.listApi,
        ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : {}),
        ...(config.s3.credentials ? { credentials: { ...config.s3.credentials } } : {}),
      })
    : createFsStore({ dir: path.join(config.dataDir, 'archive') });
  return openArchive(store);
}

/**
 * The ledger as the pipeline, the API and the workers use it: whenever a commit adds outbox rows (a new
 * message, a replay, a re-route) the relay is poked at once instead of waiting for its next idle round, and
 * nothing is published that is not committed. Every other method is the ledger's own (looked up on it at
 * call time). The relay itself reads through the plain ledger.
 */
function pokingRelay(ledger: Ledger, relay: OutboxRelay): Ledger {
  const poking = Object.create(ledger) as { -readonly [K in keyof Ledger]: Ledger[K] };
  poking.recordMessage = async (input) => {
    const recorded = await ledger.recordMessage(input);
    if (input.outbox?.length) relay.poke();
    return recorded;
  };
  poking.transition = async (id, to, options) => {
    const moved = await ledger.transition(id, to, options);
    if (options.outbox?.length) relay.poke();
    return moved;
  };
  return poking;
}

/** Every destination the gateway publishes to, so the transport declares them at open. */
function destinationsOf(table: RoutingTable): string[] {
  const names = table.partners.map((p) => channelDestination(p.code));
  for (const party of table.parties) {
    party.backOffice.forEach((route, index) =>
      names.push(destinationName(party.code, route.destination, index)),
    );
  }
  return [...new Set(names)];
}

export async function openGateway(config: Config, logger: Logger, options: GatewayOptions): Promise<Gateway> {
  const table =
    options.table ??
    (await loadRoutingTable(config.routesFile ?? DEMO_ROUTES_FILE, { env: options.env ?? {} }));
  const ledger = await openLedger(config);
  // The relay publishes bytes this process archived a moment earlier: a read cache spares it the GET.
  const archive = withRawCache(await openArchiveOf(config));
  const transportOptions = {
    destinations: destinationsOf(table),
    retry: { maxAttempts: config.delivery.maxAttempts, delaysMs: config.delivery.backoffMs },
  };
  const transport = config.amqpUrl
    ? await connectRabbitMqTransport({
        url: config.amqpUrl,
        namespace: config.amqpNamespace,
        ...transportOptions,
      })
    : createMemoryTransport(transportOptions);

  const router = createRouter(table);
  const validator = new MessageValidator({ limits: { maxBytes: config.maxMessageBytes } });
  const audit = new AuditTrail(archive, ledger, logger);
  await audit.resync();
  const relay = new OutboxRelay(ledger, archive, transport, logger);
  const recording = pokingRelay(ledger, relay);
  const pipeline = new Pipeline({
    ledger: recording,
    archive,
    router,
    validator,
    retours: new RetourBuilder(),
    audit,
    logger,
    ...(options.crossChecks ? { crossChecks: options.crossChecks } : {}),
  });
  const workers = new DeliveryWorkers(
    recording,
    transport,
    table,
    options.channel,
    options.webhook ?? fetchWebhook,
    logger,
    audit,
  );
  await workers.start();
  relay.start();
  // The audit trail is sealed into the archive every few seconds, and at close.
  const flusher = setInterval(() => {
    archive.flushAudit().catch((error: unknown) => logger.warn('audit flush failed; retried', { error }));
  }, 5_000);
  flusher.unref();

  return {
    config,
    logger,
    ledger: recording,
    archive,
    transport,
    table,
    router,
    validator,
    pipeline,
    relay,
    audit,
    async close() {
      clearInterval(flusher);
      await relay.stop();
      await workers.stop();
      await transport.close();
      await archive.close();
      await ledger.close();
      validator.dispose();
    },
  };
}

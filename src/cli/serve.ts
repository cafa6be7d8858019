/**
 * `berichtenpoort serve`: the gateway (on the adapters the configuration names) behind the HTTP API.
 * SIGTERM/SIGINT stop taking requests, let running deliveries finish and close every port, so a rolling
 * restart loses nothing (and a kill -9 loses nothing either: see the outbox in src/pipeline).
 */
import { startServer } from '../api/server.js';
import { createHttpChannel } from '../channel/index.js';
import { openGateway } from '../gateway/open.js';
import { createLogger } from '../log/logger.js';
import { configOrExit } from './config.js';

export async function serveCommand(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel });
  const gateway = await openGateway(config, logger, { env: process.env, channel: createHttpChannel() });
  const server = await startServer(config, logger, gateway);
  logger.info('gateway started', {
    ledger: config.databaseUrl ? 'postgres' : 'pglite',
    archive: config.s3 ? 's3' : 'filesystem',
    transport: config.amqpUrl ? 'rabbitmq' : 'in-process',
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    server.close();
    server.closeAllConnections();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stopped with an error', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

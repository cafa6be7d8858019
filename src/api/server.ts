import type { Server } from 'node:http';
import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import { MessageValidator } from '../validation/validator.js';
import { createApp } from './app.js';

/** Composition root of the HTTP service: builds the validator once (schemas compile at first use). */
export async function startServer(config: Config, logger: Logger): Promise<Server> {
  const validator = new MessageValidator({ limits: { maxBytes: config.maxMessageBytes } });
  const app = createApp({ config, logger, validator });
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, () => {
      const address = server.address();
      logger.info('listening', { port: typeof address === 'object' && address ? address.port : config.port });
      resolve(server);
    });
    server.once('error', reject);
    server.once('close', () => validator.dispose());
  });
}

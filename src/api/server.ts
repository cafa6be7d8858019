import type { Server } from 'node:http';
import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import { MessageValidator } from '../validation/validator.js';
import { createApp } from './app.js';
import type { Gateway } from '../gateway/open.js';

/** The HTTP service over a gateway: builds the app and listens. */
export async function startServer(config: Config, logger: Logger, gateway?: Gateway): Promise<Server> {
  const validator =
    gateway?.validator ?? new MessageValidator({ limits: { maxBytes: config.maxMessageBytes } });
  const app = createApp({ config, logger, validator, ...(gateway ? { gateway } : {}) });
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, () => {
      const address = server.address();
      logger.info('listening', { port: typeof address === 'object' && address ? address.port : config.port });
      resolve(server);
    });
    server.once('error', reject);
    if (!gateway) server.once('close', () => validator.dispose());
  });
}

import { loadConfig, ConfigError } from '../config/config.js';
import { createLogger } from '../log/logger.js';
import { startServer } from '../api/server.js';

export async function serveCommand(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger);
  const stop = (signal: string): void => {
    logger.info('stopping', { signal });
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

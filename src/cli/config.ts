import { ConfigError, loadConfig, type Config } from '../config/config.js';

/** The configuration, or exit 2 with the message naming every wrong variable. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(2);
    }
    throw error;
  }
}

/**
 * The partner simulator's command line: `tsx scripts/partner-simulator.ts` starts one with flags or
 * environment variables (defaults: the demo routing table's partner) and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../src/log/logger.js';
import { startPartnerSimulator } from './simulator.js';

const USAGE = `Usage: tsx scripts/partner-simulator.ts [--port 8181] [--host 127.0.0.1]
  [--gateway http://127.0.0.1:8080] [--api-key bp_demo_87654321] [--agb 87654321] [--delay-ms 1000]
Environment: PORT, HOST, GATEWAY_URL, API_KEY, AGB_CODE, DELAY_MS (flags win).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      gateway: { type: 'string' },
      'api-key': { type: 'string' },
      agb: { type: 'string' },
      'delay-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? env.PORT ?? 8181);
  const delay = Number(values['delay-ms'] ?? env.DELAY_MS ?? 1_000);
  if (!Number.isInteger(port) || port < 0 || !Number.isFinite(delay) || delay < 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const logger = createLogger();
  const simulator = await startPartnerSimulator({
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    gatewayUrl: values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
    apiKey: values['api-key'] ?? env.API_KEY ?? 'bp_demo_87654321',
    agbCode: values.agb ?? env.AGB_CODE ?? '87654321',
    delaysMs: { retour: Math.min(delay, 250), start: delay, stop: delay },
    logger,
  });
  // The API key is left out of the log on purpose.
  logger.info('partner simulator listening', {
    url: simulator.url,
    agbCode: values.agb ?? env.AGB_CODE ?? '87654321',
    gatewayUrl: values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
  });
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs the command line; a failure to start is reported on stderr with exit code 1. */
export function runCli(): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `partner simulator failed to start: ${error instanceof Error ? error.message : 'unknown'}\n`,
    );
    process.exitCode = 1;
  });
}

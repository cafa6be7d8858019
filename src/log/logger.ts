/**
 * The one logger of the process: winston writing JSON lines to stderr (stdout stays free for command
 * output such as reports), with the redaction layer applied to every entry before any transport sees it.
 */
import winston from 'winston';
import { redact, scrubText } from './redact.js';

const redactFormat = winston.format((info) => {
  const { level, message, ...rest } = info;
  const clean = redact(rest) as Record<string, unknown>;
  return Object.assign(info, clean, {
    level,
    message: typeof message === 'string' ? scrubText(message) : redact(message),
  });
});

export type Logger = winston.Logger;

export interface LoggerOptions {
  readonly level?: string;
  /** Extra transport for tests (e.g. a stream that collects lines for the privacy canary test). */
  readonly stream?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const transports: winston.transport[] = options.stream
    ? [new winston.transports.Stream({ stream: options.stream })]
    : [
        new winston.transports.Console({
          stderrLevels: ['error', 'warn', 'info', 'http', 'verbose', 'debug'],
        }),
      ];
  return winston.createLogger({
    level: options.level ?? 'info',
    format: winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json()),
    transports,
  });
}

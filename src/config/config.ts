/**
 * Configuration is read once, at start, from the environment, validated by zod and frozen. A wrong value
 * stops the process with one message naming every bad variable; nothing else reads process.env.
 */
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug']).default('info'),
  /** The chain's limit is 25 MB including the envelope (FACTS §10); nothing larger can be legitimate. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(26_214_400),
});

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  maxMessageBytes: number;
}>;

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
  });
}

/**
 * Configuration is read once, at start, from the environment, validated by zod and frozen. A wrong value
 * stops the process with one message naming every bad variable; nothing else reads process.env.
 *
 * Each port has an embedded default, so `npm start` runs on a fresh machine: PGlite under DATA_DIR, a
 * filesystem archive under DATA_DIR, the in-process transport. DATABASE_URL, AMQP_URL and S3_BUCKET switch
 * a port to its production adapter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .min(1)
  .refine((v) => URL.canParse(v), 'must be a URL')
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug']).default('info'),
  /** The chain's limit is 25 MB including the envelope (FACTS §10); nothing larger can be legitimate. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(26_214_400),
  DATA_DIR: z.string().min(1).default('data'),
  ROUTES_FILE: z.string().min(1).optional(),
  DATABASE_URL: optionalUrl,
  AMQP_URL: optionalUrl,
  /** Prefix of every exchange and queue the gateway declares, so several gateways can share a broker. */
  AMQP_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'must be lower-case words joined by . _ or -')
    .default('berichtenpoort'),
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('eu-west-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** s3rver and a few other S3-compatible servers ignore If-None-Match; see src/archive/s3. */
  S3_WRITE_ONCE: z.enum(['if-none-match', 'head-then-put']).default('if-none-match'),
  S3_LIST_API: z.enum(['v2', 'v1']).default('v2'),
  /** Delivery tries per message before it is dead-lettered and marked `failed`. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Backoff between tries, comma-separated milliseconds. */
  DELIVERY_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated milliseconds, e.g. 1000,5000,30000')
    .default('1000,5000,30000'),
});

/** Checks between variables, run on the raw environment so they are reported together with the rest. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const issues: string[] = [];
  if (env.S3_ENDPOINT && !env.S3_BUCKET) issues.push('S3_BUCKET: is required when S3_ENDPOINT is set');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    issues.push('S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  }
  return issues;
}

export interface S3Config {
  readonly endpoint: string | undefined;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  readonly writeOnce: 'if-none-match' | 'head-then-put';
  readonly listApi: 'v2' | 'v1';
}

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  maxMessageBytes: number;
  dataDir: string;
  routesFile: string | undefined;
  databaseUrl: string | undefined;
  amqpUrl: string | undefined;
  amqpNamespace: string;
  s3: S3Config | undefined;
  delivery: { readonly maxAttempts: number; readonly backoffMs: readonly number[] };
}>;

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * CONFIG_FILE names an optional JSON file with the same variable names (`{"PORT": 8080, ...}`); the
 * environment wins over the file, so a deployment can keep defaults in a file and override per instance.
 */
function withConfigFile(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const file = env.CONFIG_FILE;
  if (!file) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError([`CONFIG_FILE: ${file} ${reason}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`CONFIG_FILE: ${file} must hold one JSON object of variables`]);
  }
  const fromFile: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new ConfigError([`${key}: in CONFIG_FILE must be a string or a number`]);
    }
    fromFile[key] = String(value);
  }
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  return { ...fromFile, ...set };
}

export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  const env = withConfigFile(raw);
  const parsed = schema.safeParse(env);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const c = parsed.data;
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    dataDir: path.resolve(c.DATA_DIR),
    routesFile: c.ROUTES_FILE,
    databaseUrl: c.DATABASE_URL,
    amqpUrl: c.AMQP_URL,
    amqpNamespace: c.AMQP_NAMESPACE,
    s3: c.S3_BUCKET
      ? Object.freeze({
          endpoint: c.S3_ENDPOINT,
          bucket: c.S3_BUCKET,
          region: c.S3_REGION,
          credentials:
            c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
              : undefined,
          writeOnce: c.S3_WRITE_ONCE,
          listApi: c.S3_LIST_API,
        })
      : undefined,
    delivery: Object.freeze({
      maxAttempts: c.DELIVERY_MAX_ATTEMPTS,
      backoffMs: Object.freeze(c.DELIVERY_BACKOFF_MS.split(',').map(Number)),
    }),
  });
}

/**
 * A whole gateway for integration tests: `openGateway` + the HTTP API on an ephemeral port, with a routing
 * table of its own and a fake partner system that records what the channel delivers to it.
 *
 * `embedded`: PGlite, filesystem archive, in-process transport under a temp DATA_DIR.
 * `real`: a fresh PostgreSQL database, an s3rver bucket and a RabbitMQ namespace of its own, removed again
 * at close. On CI an unreachable service is a failure (`servicesOrReason`), elsewhere a loud skip.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/api/server.js';
import { createHttpChannel } from '../../src/channel/index.js';
import { loadConfig } from '../../src/config/config.js';
import { openGateway, type Gateway, type GatewayOptions } from '../../src/gateway/open.js';
import { createLogger, type Logger } from '../../src/log/logger.js';
import { hashApiKey } from '../../src/routing/api-keys.js';
import { parseRoutingTable } from '../../src/routing/table.js';
import { topologyNames } from '../../src/transport/rabbitmq/index.js';
import { retryDelays } from '../../src/transport/policy.js';
import { startTestPostgres } from './postgres.js';

export { eventually } from './eventually.js';
import { amqpUrl, deleteTopology, probeRabbitMq } from './rabbitmq.js';
import { startS3Server, S3RVER_CREDENTIALS, S3RVER_REGION, type S3TestServer } from './s3-server.js';

export type GatewayMode = 'embedded' | 'real';

/** The API keys of the test table (bearer tokens). */
export const KEYS = {
  operator: 'bp_test_operator',
  gemeente0599: 'bp_test_0599',
  gemeente0772: 'bp_test_0772',
  aanbieder73451234: 'bp_test_73451234',
  aanbieder72106543: 'bp_test_72106543',
} as const;

/** What the fake partner system received on its channel endpoint. */
export interface Received {
  readonly partner: string;
  readonly xml: string;
  readonly idempotencyKey: string | undefined;
}

export interface FakePartners {
  readonly url: string;
  readonly received: Received[];
  /** The HTTP status every partner answers with from now on (200 = up, 503 = down). */
  setStatus(status: number): void;
  close(): Promise<void>;
}

/** One HTTP server standing in for every partner's system: `POST /<agb>` records the XML. */
export async function startFakePartners(): Promise<FakePartners> {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (status < 300) {
        received.push({
          partner: (req.url ?? '/').slice(1),
          xml: Buffer.concat(chunks).toString('utf8'),
          idempotencyKey: headerOf(req.headers, 'idempotency-key'),
        });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    setStatus: (s) => (status = s),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function headerOf(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Two gemeenten we represent and two aanbieders we exchange with, each on the fake partner server. */
export function testRoutingFile(partnersUrl: string) {
  const standards = ['iwmo', 'ijw'];
  return {
    version: 1,
    parties: ['0599', '0772'].map((code) => ({
      code,
      kind: 'gemeente',
      name: `Gemeente ${code} (test)`,
      standards,
      backOffice: [{ kind: 'queue', name: `backoffice.${code}`, messages: 'all' }],
    })),
    partners: ['73451234', '72106543'].map((code) => ({
      code,
      kind: 'aanbieder',
      name: `Aanbieder ${code} (test)`,
      standards,
      channel: { kind: 'http', url: `${partnersUrl}/${code}`, timeoutMs: 2_000 },
    })),
    apiKeys: [
      { label: 'test-operator', role: 'operator', sha256: hashApiKey(KEYS.operator) },
      { label: 'test-0599', party: '0599', sha256: hashApiKey(KEYS.gemeente0599) },
      { label: 'test-0772', party: '0772', sha256: hashApiKey(KEYS.gemeente0772) },
      { label: 'test-73451234', partner: '73451234', sha256: hashApiKey(KEYS.aanbieder73451234) },
      { label: 'test-72106543', partner: '72106543', sha256: hashApiKey(KEYS.aanbieder72106543) },
    ],
  };
}

export interface TestGateway {
  readonly gateway: Gateway;
  readonly url: string;
  readonly partners: FakePartners;
  /** POSTs to the API with a bearer key; answers status and parsed JSON (or text). */
  request(
    method: string,
    route: string,
    key: string | undefined,
    body?: string | Uint8Array | object,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on whatever JSON the API answers
  ): Promise<{ status: number; body: any; text: string }>;
  close(): Promise<void>;
}

/** The gateway's variables for the real services: PostgreSQL, RabbitMQ under a namespace, s3rver. */
export function realServiceEnv(services: {
  readonly databaseUrl: string;
  readonly amqpUrl: string;
  readonly namespace: string;
  readonly s3: Pick<S3TestServer, 'endpoint' | 'bucket'>;
}): Record<string, string> {
  return {
    DATABASE_URL: services.databaseUrl,
    AMQP_URL: services.amqpUrl,
    AMQP_NAMESPACE: services.namespace,
    S3_ENDPOINT: services.s3.endpoint,
    S3_BUCKET: services.s3.bucket,
    S3_REGION: S3RVER_REGION,
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    // s3rver ignores If-None-Match and pages ListObjectsV2 wrongly (README: production needs a real S3).
    S3_WRITE_ONCE: 'head-then-put',
    S3_LIST_API: 'v1',
  };
}

/** Answers undefined when every real service answers, otherwise why not. */
export async function realServicesUnavailable(): Promise<string | undefined> {
  const rabbit = await probeRabbitMq(amqpUrl());
  if (rabbit) return `RabbitMQ: ${rabbit}`;
  const pg = await startTestPostgres().catch((e: unknown) => e);
  if (pg === undefined) return 'PostgreSQL unreachable';
  if (pg instanceof Error) return `PostgreSQL: ${pg.message}`;
  await (pg as { drop(): Promise<void> }).drop();
  return undefined;
}

export async function startTestGateway(
  mode: GatewayMode,
  env: Record<string, string> = {},
  options: Pick<GatewayOptions, 'crossChecks'> & {
    readonly logger?: Logger;
    /** Changes the test routing table before the gateway reads it. */
    readonly routes?: (file: ReturnType<typeof testRoutingFile>) => unknown;
  } = {},
): Promise<TestGateway> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bp-gw-'));
  const partners = await startFakePartners();
  const cleanups: (() => Promise<void>)[] = [
    () => partners.close(),
    () => rm(dataDir, { recursive: true, force: true }),
  ];
  const serviceEnv: Record<string, string> = {};
  let namespace: string | undefined;
  if (mode === 'real') {
    const pg = await startTestPostgres();
    if (!pg) throw new Error('PostgreSQL is unreachable');
    cleanups.push(() => pg.drop());
    const s3 = await startS3Server();
    cleanups.push(() => s3.stop());
    namespace = `bp-it-${randomUUID().slice(0, 8)}`;
    Object.assign(serviceEnv, realServiceEnv({ databaseUrl: pg.url, amqpUrl: amqpUrl(), namespace, s3 }));
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DELIVERY_MAX_ATTEMPTS: '3',
    DELIVERY_BACKOFF_MS: '100,200',
    ...serviceEnv,
    ...env,
  });
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const file = testRoutingFile(partners.url);
  const table = parseRoutingTable(options.routes ? options.routes(file) : file);
  let gateway: Gateway;
  let server: Server;
  try {
    gateway = await openGateway(config, logger, {
      channel: createHttpChannel(),
      table,
      ...(options.crossChecks ? { crossChecks: options.crossChecks } : {}),
    });
    server = await startServer(config, logger, gateway);
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    gateway,
    url,
    partners,
    async request(method, route, key, body) {
      const headers: Record<string, string> = {};
      if (key) headers.authorization = `Bearer ${key}`;
      let payload: string | Uint8Array | undefined;
      if (typeof body === 'string' || body instanceof Uint8Array) {
        headers['content-type'] = 'application/xml';
        payload = body;
      } else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const response = await fetch(`${url}${route}`, {
        method,
        headers,
        ...(payload ? { body: payload } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // XML or empty
      }
      return { status: response.status, body: parsed, text };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      if (namespace !== undefined) {
        const destinations = ['channel.73451234', 'channel.72106543', 'backoffice.0599', 'backoffice.0772'];
        await deleteTopology(
          amqpUrl(),
          topologyNames(namespace),
          destinations,
          retryDelays(gatewayRetry(config)),
        );
      }
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}

function gatewayRetry(config: ReturnType<typeof loadConfig>) {
  return { maxAttempts: config.delivery.maxAttempts, delaysMs: config.delivery.backoffMs };
}

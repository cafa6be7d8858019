/**
 * kill -9 of the gateway in the middle of a 2,000-message burst, on the real services (PostgreSQL,
 * RabbitMQ, s3rver), then a restart: every message the gateway accepted reaches the back-office and gets
 * its retour, exactly once after deduplication; none is lost; the audit chain verifies against the ledger.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelays } from '../../src/transport/policy.js';
import type { TransportPort } from '../../src/transport/port.js';
import { connectRabbitMqTransport, topologyNames } from '../../src/transport/rabbitmq/index.js';
import { freshId, identificatieOf, wmo305 } from '../gateway/messages.js';
import {
  eventually,
  KEYS,
  realServicesUnavailable,
  startFakePartners,
  testRoutingFile,
  type FakePartners,
} from '../support/gateway.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { amqpUrl, deleteTopology } from '../support/rabbitmq.js';
import { S3RVER_CREDENTIALS, S3RVER_REGION, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { gatewayProcess, offer, pool, runCliAsync, type GatewayProcess } from './support.js';

const unavailable = await realServicesUnavailable();
const TOTAL = 2_000;
const KILL_AFTER = 600;
const retry = { maxAttempts: 5, delaysMs: [100, 200] };
const destinations = ['channel.73451234', 'channel.72106543', 'backoffice.0599', 'backoffice.0772'];

describe('fault: kill -9 of the gateway mid-burst', () => {
  if (unavailable !== undefined) {
    it.skipIf(process.env.CI !== 'true')(`needs the real services (${unavailable})`, () => {
      throw new Error(`real services unavailable: ${unavailable}`);
    });
    return;
  }

  let dir: string;
  let pg: TestPostgres;
  let s3: S3TestServer;
  let partners: FakePartners;
  let gateway: GatewayProcess;
  let backOffice: TransportPort;
  let env: Record<string, string>;
  const namespace = `bp-fault-${randomUUID().slice(0, 8)}`;
  /** bp-correlation-id (ledger id of the 305) -> transport message ids seen by the back-office. */
  const seen = new Map<string, Set<string>>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bp-fault-'));
    pg = (await startTestPostgres())!;
    s3 = await startS3Server();
    partners = await startFakePartners();
    const routes = path.join(dir, 'routes.json');
    await writeFile(routes, JSON.stringify(testRoutingFile(partners.url)));
    env = {
      DATA_DIR: dir,
      ROUTES_FILE: routes,
      DATABASE_URL: pg.url,
      AMQP_URL: amqpUrl(),
      AMQP_NAMESPACE: namespace,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: S3RVER_REGION,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_WRITE_ONCE: 'head-then-put',
      S3_LIST_API: 'v1',
      DELIVERY_MAX_ATTEMPTS: String(retry.maxAttempts),
      DELIVERY_BACKOFF_MS: retry.delaysMs.join(','),
    };
    gateway = await gatewayProcess(env, path.join(dir, 'gateway.log'));
    await gateway.start();
    backOffice = await connectRabbitMqTransport({ url: amqpUrl(), namespace, destinations, retry });
    await backOffice.consume(
      'backoffice.0772',
      async (d) => {
        const id = d.headers['bp-correlation-id'] ?? '';
        seen.set(id, (seen.get(id) ?? new Set()).add(d.messageId));
      },
      { prefetch: 200, concurrency: 16 },
    );
  }, 120_000);

  afterAll(async () => {
    await gateway?.kill();
    await backOffice?.close();
    await deleteTopology(amqpUrl(), topologyNames(namespace), destinations, retryDelays(retry)).catch(
      () => undefined,
    );
    await partners?.close();
    await s3?.stop();
    await pg?.drop();
    // The gateway's log outlives the run, for whoever has to find out why a fault test failed.
    await copyFile(path.join(dir, 'gateway.log'), path.join(os.tmpdir(), 'bp-fault-gateway-kill.log')).catch(
      () => undefined,
    );
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses nothing it accepted and delivers each message once after deduplication', async () => {
    const ids = Array.from({ length: TOTAL }, () => freshId('K'));
    const accepted = new Map<string, string>(); // Identificatie -> ledger id
    const outcomes = new Map<string, number>();
    let killed: Promise<void> | undefined;
    await pool(ids, 16, async (id) => {
      const res = await offer(gateway.url, KEYS.aanbieder72106543, wmo305(id));
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      accepted.set(id, res.body.messageId);
      outcomes.set(res.body.outcome, (outcomes.get(res.body.outcome) ?? 0) + 1);
      if (accepted.size === KILL_AFTER) {
        killed = gateway.kill().then(() => gateway.start());
      }
    });
    await killed;
    expect(killed).toBeDefined();
    expect(accepted.size).toBe(TOTAL);

    // Every accepted 305: one back-office envelope (one transport message id), one 306 retour.
    await eventually(
      () => expect(new Set(partners.received.map((r) => identificatieOf(r.xml))).size).toBe(TOTAL),
      120_000,
    );
    await eventually(() => expect(seen.size).toBe(TOTAL), 60_000);
    for (const ledgerId of accepted.values()) expect(seen.get(ledgerId)?.size, ledgerId).toBe(1);
    const keysPerHeen = new Map<string, Set<string>>();
    for (const r of partners.received) {
      const id = identificatieOf(r.xml) ?? '';
      keysPerHeen.set(id, (keysPerHeen.get(id) ?? new Set()).add(r.idempotencyKey ?? ''));
    }
    expect([...keysPerHeen.values()].filter((keys) => keys.size !== 1)).toEqual([]);
    expect(new Set(accepted.values()).size).toBe(TOTAL);

    // A graceful stop seals the audit trail; the chain verifies and ends where the ledger's copy ends.
    await gateway.stop();
    const verify = await runCliAsync(['audit', 'verify', '--ledger'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    console.info(
      `kill -9 fault test: ${TOTAL} accepted (${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')}), ` +
        `${partners.received.length - TOTAL} duplicate retour deliveries, audit ${verify.stdout.trim()}`,
    );
  }, 300_000);
});

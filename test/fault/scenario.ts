/**
 * The burst scenario both fault tests share: a gateway process on PostgreSQL, RabbitMQ and s3rver takes
 * 2,000 inbound 305s from a patient partner (16 at a time); after `faultAfter` accepted messages the test's
 * fault runs (kill the gateway, kill the broker) and recovers. Then every message the gateway accepted must
 * have reached the back-office and got its 306 retour, exactly once after deduplication on the outbox id,
 * and the audit chain must verify against the ledger.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { retryDelays } from '../../src/transport/policy.js';
import { connectRabbitMqTransport, topologyNames } from '../../src/transport/rabbitmq/index.js';
import { freshId, identificatieOf, wmo305 } from '../gateway/messages.js';
import { eventually, KEYS, realServiceEnv, startFakePartners, testRoutingFile } from '../support/gateway.js';
import { startTestPostgres } from '../support/postgres.js';
import { deleteTopology } from '../support/rabbitmq.js';
import { startS3Server } from '../support/s3-server.js';
import { gatewayProcess, offer, pool, runCliAsync, type GatewayProcess } from './support.js';

const TOTAL = 2_000;
const retry = { maxAttempts: 5, delaysMs: [100, 200] };
const destinations = ['channel.73451234', 'channel.72106543', 'backoffice.0599', 'backoffice.0772'];

export interface Scenario {
  /** Where the gateway's RabbitMQ is (the machine's broker, or a scratch node the test can kill). */
  readonly amqpUrl: string;
  readonly faultAfter: number;
  /** Runs once, while the burst goes on; resolves when the system is whole again. */
  fault(gateway: GatewayProcess): Promise<void>;
  /** Before the burst starts (e.g. give the broker time to save what it declared). */
  beforeBurst?(): Promise<void>;
  readonly name: string;
}

export async function runBurstScenario(scenario: Scenario): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bp-fault-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const namespace = `bp-fault-${randomUUID().slice(0, 8)}`;
  try {
    const pg = await startTestPostgres();
    if (!pg) throw new Error('PostgreSQL is unreachable');
    cleanups.push(() => pg.drop());
    const s3 = await startS3Server();
    cleanups.push(() => s3.stop());
    const partners = await startFakePartners();
    cleanups.push(() => partners.close());
    const routes = path.join(dir, 'routes.json');
    await writeFile(routes, JSON.stringify(testRoutingFile(partners.url)));
    const env = {
      DATA_DIR: dir,
      ROUTES_FILE: routes,
      ...realServiceEnv({ databaseUrl: pg.url, amqpUrl: scenario.amqpUrl, namespace, s3 }),
      DELIVERY_MAX_ATTEMPTS: String(retry.maxAttempts),
      DELIVERY_BACKOFF_MS: retry.delaysMs.join(','),
    };
    const logFile = path.join(dir, 'gateway.log');
    // The gateway's log outlives the run, for whoever has to find out why a fault test failed.
    cleanups.push(() => copyFile(logFile, path.join(os.tmpdir(), `bp-fault-${scenario.name}.log`)));
    const gateway = await gatewayProcess(env, logFile);
    cleanups.push(() => gateway.kill());
    await gateway.start();
    cleanups.push(() =>
      deleteTopology(scenario.amqpUrl, topologyNames(namespace), destinations, retryDelays(retry)),
    );

    /** bp-correlation-id (ledger id of the 305) -> transport message ids the back-office saw. */
    const seen = new Map<string, Set<string>>();
    const backOffice = await connectRabbitMqTransport({
      url: scenario.amqpUrl,
      namespace,
      destinations,
      retry,
      reconnectDelayMs: { initial: 200, max: 1_000 },
    });
    cleanups.push(() => backOffice.close());
    await backOffice.consume(
      'backoffice.0772',
      async (d) => {
        const id = d.headers['bp-correlation-id'] ?? '';
        seen.set(id, (seen.get(id) ?? new Set()).add(d.messageId));
      },
      { prefetch: 200, concurrency: 16 },
    );
    await scenario.beforeBurst?.();

    const ids = Array.from({ length: TOTAL }, () => freshId('F'));
    const accepted = new Map<string, string>(); // Identificatie -> ledger id
    const outcomes = new Map<string, number>();
    let fault: Promise<void> | undefined;
    await pool(ids, 16, async (id) => {
      const res = await offer(gateway.url, KEYS.aanbieder72106543, wmo305(id));
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      accepted.set(id, res.body.messageId);
      outcomes.set(res.body.outcome, (outcomes.get(res.body.outcome) ?? 0) + 1);
      if (accepted.size === scenario.faultAfter) fault = scenario.fault(gateway);
    });
    expect(fault).toBeDefined();
    await fault;
    expect(accepted.size).toBe(TOTAL);
    expect(new Set(accepted.values()).size).toBe(TOTAL);

    // Every accepted 305: one 306 retour at the partner, one envelope at the back-office.
    const retourIds = () => new Set(partners.received.map((r) => identificatieOf(r.xml)));
    await eventually(() => expect(retourIds().size).toBe(TOTAL), 120_000);
    await eventually(() => expect(seen.size).toBe(TOTAL), 60_000);
    for (const ledgerId of accepted.values()) expect(seen.get(ledgerId)?.size, ledgerId).toBe(1);
    const keysPerHeen = new Map<string, Set<string>>();
    for (const r of partners.received) {
      const id = identificatieOf(r.xml) ?? '';
      keysPerHeen.set(id, (keysPerHeen.get(id) ?? new Set()).add(r.idempotencyKey ?? ''));
    }
    expect([...keysPerHeen.values()].filter((keys) => keys.size !== 1)).toEqual([]);

    // A graceful stop seals the audit trail; the chain verifies and ends where the ledger's copy ends.
    await gateway.stop();
    const verify = await runCliAsync(['audit', 'verify', '--ledger'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    return (
      `${TOTAL} accepted (${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')}), ` +
      `${partners.received.length - TOTAL} retour deliveries repeated (same Idempotency-Key), ` +
      `audit ${verify.stdout.trim()}`
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * RabbitMQ SIGKILLed in the middle of a 2,000-message burst and restarted: the gateway keeps accepting
 * (the ledger's outbox holds what cannot be published), re-connects, and in the end nothing it accepted
 * is lost or delivered twice after deduplication; the audit chain verifies. The broker is a scratch node
 * of the test's own (own port and data dir), killed by its process group, never the machine's broker.
 */
import { mustNotSkip } from '../support/ci.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServicesUnavailable } from '../support/gateway.js';
import { createScratchNode, rabbitmqServerScript, type ScratchNode } from '../support/rabbitmq.js';
import { runBurstScenario } from './scenario.js';

const unavailable =
  (await realServicesUnavailable()) ?? (rabbitmqServerScript() ? undefined : 'no rabbitmq-server');
/** RabbitMQ 3.10's Ra saves a new quorum queue's registration after 500 ms idle (see test/transport). */
const REGISTRY_SAVED_MS = 3_000;

describe('fault: RabbitMQ killed mid-burst', () => {
  let node: ScratchNode | undefined;
  beforeAll(async () => {
    if (unavailable !== undefined) return;
    node = await createScratchNode();
    await node.start();
  }, 150_000);
  afterAll(async () => {
    await node?.dispose();
  }, 60_000);

  it.skipIf(unavailable !== undefined && !mustNotSkip())(
    'loses nothing the API accepted and delivers each message once after deduplication',
    async () => {
      if (unavailable !== undefined || !node) throw new Error(`needs the real services: ${unavailable}`);
      const broker = node;
      const summary = await runBurstScenario({
        name: 'broker-kill',
        amqpUrl: broker.url,
        faultAfter: 600,
        beforeBurst: () => new Promise((resolve) => setTimeout(resolve, REGISTRY_SAVED_MS)),
        // Down for two seconds while the burst goes on, then back on the same data.
        fault: async () => {
          await broker.kill();
          await new Promise((resolve) => setTimeout(resolve, 2_000));
          await broker.start();
        },
      });
      console.info(`broker kill fault test: ${summary}; node restart took ${broker.lastStartMs} ms`);
      expect(summary).toContain('2000 accepted');
    },
    300_000,
  );
});

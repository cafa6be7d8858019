import { randomUUID } from 'node:crypto';
import { mustNotSkip } from '../support/ci.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runTransportContract } from '../../src/transport/contract.js';
import { retryDelays } from '../../src/transport/policy.js';
import { isTransportError, type Delivery, type TransportPort } from '../../src/transport/port.js';
import {
  connectRabbitMqTransport,
  topologyNames,
  type RabbitMqTransportOptions,
} from '../../src/transport/rabbitmq/index.js';
import {
  amqpUrl,
  closeConnectionsNamed,
  closedPort,
  createScratchNode,
  deleteTopology,
  describeQueues,
  leftovers,
  probeRabbitMq,
  rabbitmqServerScript,
  type ScratchNode,
} from '../support/rabbitmq.js';
import { eventually } from '../support/eventually.js';
import { startAmqpProxy } from './amqp-proxy.js';

const url = amqpUrl();
const unreachable = await probeRabbitMq(url);
/** Every exchange and queue of this run starts with it; none may be left when the file is done. */
const runPrefix = `bp-test-${randomUUID().slice(0, 8)}`;
const encoder = new TextEncoder();
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Comfortably past RabbitMQ's auto-save of Ra's name registry (500 ms idle); see the fault test. */
const REGISTRY_SAVED_MS = 3_000;

if (unreachable !== undefined) {
  // On CI a missing broker is a failure, never a silently skipped adapter.
  describe('transport: rabbitmq', () => {
    it.skipIf(!mustNotSkip())(`RabbitMQ must be reachable (${unreachable})`, () => {
      throw new Error(`RabbitMQ is not reachable: ${unreachable}`);
    });
  });
} else {
  /** What each namespace declared, so clean-up deletes exactly that. */
  const declared = new Map<string, { destinations: Set<string>; delays: Set<number> }>();
  const remember = (namespace: string, destinations: Iterable<string>, delays: Iterable<number>) => {
    const entry = declared.get(namespace) ?? { destinations: new Set<string>(), delays: new Set<number>() };
    for (const d of destinations) entry.destinations.add(d);
    for (const d of delays) entry.delays.add(d);
    declared.set(namespace, entry);
  };
  const cleanup = async (namespace: string) => {
    const entry = declared.get(namespace);
    if (entry === undefined) return;
    declared.delete(namespace);
    await deleteTopology(url, topologyNames(namespace), entry.destinations, entry.delays);
  };

  afterAll(async () => {
    for (const namespace of [...declared.keys()]) await cleanup(namespace);
    expect(await leftovers(runPrefix)).toEqual([]);
  }, 30_000);

  runTransportContract(
    'rabbitmq',
    async (options) => {
      const namespace = `${runPrefix}-${options.scope}`;
      // The contract consumes only from these two; consume declares what it consumes.
      remember(namespace, [...options.destinations, 'work', 'other'], retryDelays(options.retry));
      return connectRabbitMqTransport({
        url,
        namespace,
        connectionName: namespace,
        destinations: options.destinations,
        retry: options.retry,
        closeTimeoutMs: options.closeTimeoutMs,
        publishWindow: options.publishWindow,
        maxQueueLength: options.maxQueueLength,
        connectRetries: 2,
      });
    },
    { cleanup: (scope) => cleanup(`${runPrefix}-${scope}`) },
  );

  describe('transport: rabbitmq only', () => {
    const open: TransportPort[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((t) => t.close()));
    });

    async function openLocal(extra: Partial<RabbitMqTransportOptions> = {}) {
      const namespace = `${runPrefix}-${randomUUID().slice(0, 8)}`;
      const retry = { maxAttempts: 3, delaysMs: [150, 300] };
      remember(namespace, ['work'], retryDelays(retry));
      const transport = await connectRabbitMqTransport({
        url,
        namespace,
        connectionName: namespace,
        destinations: ['work'],
        retry,
        closeTimeoutMs: 3_000,
        ...extra,
      });
      open.push(transport);
      return { transport, namespace };
    }

    it('declares quorum queues with at-least-once dead-lettering, TTL retry queues and a dead-letter queue', async () => {
      const { namespace } = await openLocal();
      const queues = await describeQueues(namespace);
      const atLeastOnce = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };
      expect(queues.get(`${namespace}.q.work`)).toEqual({
        type: 'quorum',
        args: {
          'x-queue-type': 'quorum',
          'x-dead-letter-exchange': `${namespace}.dead-letter`,
          'x-delivery-limit': '20',
          ...atLeastOnce,
        },
      });
      for (const delayMs of [150, 300]) {
        expect(queues.get(`${namespace}.retry.${delayMs}ms`)).toEqual({
          type: 'quorum',
          args: {
            'x-queue-type': 'quorum',
            'x-message-ttl': String(delayMs),
            'x-dead-letter-exchange': namespace,
            ...atLeastOnce,
          },
        });
      }
      expect(queues.get(`${namespace}.dead-letter`)).toEqual({
        type: 'quorum',
        args: { 'x-queue-type': 'quorum' },
      });
      expect(queues.size).toBe(4);
    }, 30_000);

    it('reconnects after the broker closes the connection: re-declares, re-attaches, redelivers the unacknowledged', async () => {
      const { transport, namespace } = await openLocal({ reconnectDelayMs: { initial: 500, max: 1_000 } });
      const deliveries: Delivery[] = [];
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await transport.consume('work', async (delivery) => {
        deliveries.push(delivery);
        if (delivery.messageId === 'hold' && !delivery.redelivered) await held;
      });
      const publish = (id: string) =>
        transport.publish({ destination: 'work', messageId: id, body: encoder.encode(id) });
      await publish('a');
      await publish('hold');
      await eventually(() => expect(deliveries.map((d) => d.messageId)).toEqual(['a', 'hold']));

      expect(await closeConnectionsNamed(namespace)).toBe(1);
      await eventually(() => expect(transport.health().state).toBe('reconnecting'));
      // Published while down: waits for the new connection instead of failing.
      const during = publish('b');
      // The held handler finishes after its channel died: its ack cannot count, the broker redelivers.
      release();
      await during;
      expect(transport.health()).toMatchObject({ state: 'up', healthy: true, reconnects: 1 });
      expect(transport.health().lastErrorCode).toBe('AMQP_320');
      await eventually(() => expect(deliveries.filter((d) => d.messageId === 'b')).toHaveLength(1));
      await eventually(() =>
        expect(deliveries.filter((d) => d.messageId === 'hold').map((d) => d.redelivered)).toEqual([
          false,
          true,
        ]),
      );
      expect(deliveries.filter((d) => d.messageId === 'a')).toHaveLength(1);
    }, 30_000);

    it('gives up on a reconnect whose setup hangs (a consume never answered) and reconnects again', async () => {
      const proxy = await startAmqpProxy(url);
      try {
        const { transport } = await openLocal({
          url: proxy.url,
          setupTimeoutMs: 1_000,
          reconnectDelayMs: { initial: 100, max: 200 },
        });
        const deliveries: string[] = [];
        await transport.consume('work', async (delivery) => void deliveries.push(delivery.messageId));
        proxy.stallConsumes(1);
        proxy.dropConnections();
        // The first reconnect's consume stalls, and so would closing its connection: only the bound on setup,
        // which drops that connection without the close handshake, gets recovery past it.
        await eventually(
          () => expect(transport.health()).toMatchObject({ state: 'up', reconnects: 1 }),
          15_000,
        );
        expect(proxy.stalled).toBe(1);
        expect(transport.health().lastErrorCode).toBe('SETUP_TIMEOUT');
        await transport.publish({ destination: 'work', messageId: 'after', body: encoder.encode('after') });
        await eventually(() => expect(deliveries).toEqual(['after']));
      } finally {
        await proxy.close();
      }
    }, 30_000);

    it('rejects with UNAVAILABLE, quickly, when no broker answers', async () => {
      const port = await closedPort();
      const started = Date.now();
      const error: unknown = await connectRabbitMqTransport({
        url: `amqp://guest:guest@127.0.0.1:${port}`,
        connectRetries: 1,
        reconnectDelayMs: { initial: 50, max: 100 },
        connectTimeoutMs: 1_000,
      }).catch((e: unknown) => e);
      expect(isTransportError(error, 'UNAVAILABLE')).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
    }, 15_000);
  });

  describe('transport: rabbitmq, broker killed mid-burst (scratch node)', () => {
    const script = rabbitmqServerScript();
    let node: ScratchNode | undefined;

    beforeAll(async () => {
      if (script === undefined) return;
      node = await createScratchNode();
      await node.start();
    }, 150_000);

    afterAll(async () => {
      await node?.dispose();
    }, 60_000);

    it.skipIf(script === undefined && !mustNotSkip())(
      'loses no confirmed publish when the broker is SIGKILLed mid-burst and restarted',
      async () => {
        if (node === undefined) throw new Error('rabbitmq-server not found: cannot start a scratch node');
        const scratch = node;
        const namespace = `${runPrefix}-fault`;
        const transport = await connectRabbitMqTransport({
          url: scratch.url,
          namespace,
          connectionName: namespace,
          destinations: ['work'],
          publishWindow: 100,
          confirmTimeoutMs: 5_000,
          publishTimeoutMs: 3_000,
          reconnectDelayMs: { initial: 200, max: 1_000 },
          connectRetries: 3,
          closeTimeoutMs: 2_000,
        });
        try {
          const consumed = new Map<string, number>();
          await transport.consume(
            'work',
            async (d) => void consumed.set(d.messageId, (consumed.get(d.messageId) ?? 0) + 1),
            { prefetch: 200 },
          );
          // The topology must outlive the kill, as a deployed one does. RabbitMQ 3.10.8 (Ra 2.2.0) records a new
          // quorum queue's Ra server in names.dets without a sync (auto-saved after 500 ms idle). Killed before
          // that, the restarted node finds no Ra server for the queue and starts a new, empty one that never
          // calls an election: no leader, every consume unanswered, the old log orphaned (rabbitmq/ra#443).
          await delay(REGISTRY_SAVED_MS);
          const total = 5_000;
          const killAfter = 1_000;
          const ids = Array.from({ length: total }, (_, i) => `fault-${i}`);
          const send = (id: string) =>
            transport.publish({ destination: 'work', messageId: id, body: encoder.encode(id) });
          const resolved = new Set<string>();
          const rejected = new Map<string, string>();
          let killed: Promise<void> | undefined;
          await Promise.all(
            ids.map((id) =>
              send(id).then(
                () => {
                  resolved.add(id);
                  // The kill lands while most of the burst is still queued or awaiting confirms.
                  if (resolved.size === killAfter) killed = scratch.kill();
                },
                (error: unknown) =>
                  void rejected.set(id, isTransportError(error) ? error.code : String(error)),
              ),
            ),
          );
          await killed;
          expect(killed).toBeDefined();
          expect(rejected.size).toBeGreaterThan(0);
          expect(new Set(rejected.values())).toEqual(
            new Set([...rejected.values()].filter((c) => c === 'UNAVAILABLE' || c === 'TIMEOUT')),
          );

          await scratch.start();
          await eventually(() => expect(transport.health().state).toBe('up'), 60_000);
          // The outbox's part: publish again whatever was not confirmed.
          const again = [...rejected.keys()];
          for (let i = 0; i < again.length; i += 500) await Promise.all(again.slice(i, i + 500).map(send));

          await eventually(() => expect(consumed.size).toBe(total), 60_000);
          const lost = [...resolved].filter((id) => !consumed.has(id));
          expect(lost).toEqual([]);
          expect([...consumed.keys()].every((id) => ids.includes(id))).toBe(true);
          const deliveries = [...consumed.values()].reduce((a, b) => a + b, 0);
          // Duplicates are allowed (at least once); consumers deduplicate on the message id.
          console.info(
            `fault test: ${resolved.size} confirmed before the kill, ${rejected.size} rejected and re-published, ` +
              `${deliveries - total} duplicate deliveries; node restart took ${scratch.lastStartMs} ms`,
          );
        } finally {
          await transport.close();
        }
      },
      240_000,
    );
  });
}

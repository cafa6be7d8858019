/**
 * The transport contract: one suite every adapter runs (`test/transport/<adapter>.test.ts`), so the
 * embedded transport cannot drift from RabbitMQ while its tests stay green. It covers failure behaviour,
 * not only the happy path: retries with backoff, dead letters with their reason, unroutable and refused
 * publishes, a burst against the confirm window, close with running and with stuck handlers, and a
 * "crash" between handler and acknowledgement (a restart on the same queues, for durability 'broker').
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransportError, type TransportErrorCode } from './errors.js';
import type { RetryPolicy } from './policy.js';
import type {
  ConsumeOptions,
  DeadLetter,
  Delivery,
  OutboundMessage,
  SettledEvent,
  TransportHeaders,
  TransportPort,
} from './port.js';

export interface ContractTransportOptions {
  /** Unique per test. Opening the same scope again is a process restart on the same queues. */
  readonly scope: string;
  readonly destinations: readonly string[];
  readonly retry: RetryPolicy;
  readonly closeTimeoutMs: number;
  readonly publishWindow: number;
  readonly maxQueueLength?: number;
}

export type MakeTransport = (options: ContractTransportOptions) => Promise<TransportPort>;

export interface TransportContractOptions {
  /** Removes what a scope left behind (queues, exchanges); called after each test. */
  readonly cleanup?: (scope: string) => Promise<void>;
}

const RETRY: RetryPolicy = { maxAttempts: 3, delaysMs: [150, 300] };
/** Timer granularity: a delay may fire a few milliseconds early by the wall clock. */
const SLACK_MS = 15;
const WINDOW = 100;
const BURST = 2_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const text = (bytes: Uint8Array) => decoder.decode(bytes);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` passes or `timeoutMs` runs out; then fails with the last assertion. */
async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(10);
    }
  }
}

async function rejection(promise: Promise<unknown>, code: TransportErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeDefined();
  expect(isTransportError(error) ? error.code : error).toBe(code);
}

function message(i: number, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return { destination: 'work', messageId: `msg-${i}`, body: encoder.encode(`body ${i}`), ...extra };
}

const HEADERS: TransportHeaders = {
  'bp-standard': 'iWmo',
  'bp-release': '3.2',
  'bp-message-type': 'WMO301',
  'bp-sender': '0363',
  'bp-receiver': '12345678',
  'bp-archive-ref': 'a'.repeat(64),
  'bp-correlation-id': 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
};

export function runTransportContract(
  name: string,
  makeTransport: MakeTransport,
  contractOptions: TransportContractOptions = {},
): void {
  describe(`transport contract: ${name}`, () => {
    const opened: TransportPort[] = [];
    const scopes = new Set<string>();
    const releases: (() => void)[] = [];

    afterEach(async () => {
      for (const release of releases.splice(0)) release();
      await Promise.all(opened.splice(0).map((t) => t.close()));
      for (const scope of scopes) await contractOptions.cleanup?.(scope);
      scopes.clear();
    });

    const newScope = () => {
      const scope = `c${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      scopes.add(scope);
      return scope;
    };

    async function open(
      scope: string,
      overrides: Partial<Omit<ContractTransportOptions, 'scope'>> = {},
    ): Promise<TransportPort> {
      const transport = await makeTransport({
        scope,
        destinations: ['work', 'other'],
        retry: RETRY,
        closeTimeoutMs: 5_000,
        publishWindow: WINDOW,
        ...overrides,
      });
      opened.push(transport);
      return transport;
    }

    /** A consumer that records every delivery (with the time it arrived) and runs `behaviour`. */
    async function record(
      transport: TransportPort,
      destination = 'work',
      behaviour: (delivery: Delivery) => Promise<void> = async () => undefined,
      options?: ConsumeOptions,
    ) {
      const deliveries: { delivery: Delivery; at: number }[] = [];
      const subscription = await transport.consume(
        destination,
        async (delivery) => {
          deliveries.push({ delivery, at: Date.now() });
          await behaviour(delivery);
        },
        options,
      );
      return { deliveries, subscription };
    }

    function settledLog(transport: TransportPort): SettledEvent[] {
      const events: SettledEvent[] = [];
      transport.onSettled((event) => events.push(event));
      return events;
    }

    it('round trip: the consumer gets the id, body, headers and content type that were published', async () => {
      const transport = await open(newScope());
      const { deliveries } = await record(transport);
      await transport.publish(message(1, { headers: HEADERS, contentType: 'application/xml' }));
      await eventually(() => expect(deliveries).toHaveLength(1));
      const delivery = deliveries[0]?.delivery as Delivery;
      expect(delivery.destination).toBe('work');
      expect(delivery.messageId).toBe('msg-1');
      expect(text(delivery.body)).toBe('body 1');
      expect(delivery.contentType).toBe('application/xml');
      expect(delivery.attempt).toBe(1);
      expect(delivery.redelivered).toBe(false);
      // Exactly the caller's headers: the transport's own bookkeeping stays out of sight.
      expect({ ...delivery.headers }).toEqual(HEADERS);
      expect(transport.health()).toMatchObject({ state: 'up', healthy: true });
    }, 15_000);

    it('delivers one destination in publish order, and keeps destinations apart', async () => {
      const transport = await open(newScope());
      const work = await record(transport, 'work');
      const other = await record(transport, 'other');
      const count = 200;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          transport.publish(message(i, { destination: i % 10 === 0 ? 'other' : 'work' })),
        ),
      );
      await eventually(() => expect(work.deliveries.length + other.deliveries.length).toBe(count));
      const ids = (list: { delivery: Delivery }[]) => list.map((d) => Number(d.delivery.messageId.slice(4)));
      expect(ids(work.deliveries)).toEqual([...Array(count).keys()].filter((i) => i % 10 !== 0));
      expect(ids(other.deliveries)).toEqual([...Array(count).keys()].filter((i) => i % 10 === 0));
    }, 20_000);

    it('acknowledges only after the handler succeeds: fails twice, is retried with backoff, then settles', async () => {
      const transport = await open(newScope());
      const settled = settledLog(transport);
      const dead: DeadLetter[] = [];
      await transport.consumeDeadLetters(async (letter) => void dead.push(letter));
      let failures = 0;
      const { deliveries } = await record(transport, 'work', async () => {
        if (failures < 2) {
          failures += 1;
          throw Object.assign(new Error('partner down'), { code: 'E_PARTNER' });
        }
      });
      await transport.publish(message(7, { headers: { 'bp-sender': '0363' } }));
      await eventually(() => expect(settled).toHaveLength(1));
      expect(settled[0]).toEqual({ destination: 'work', messageId: 'msg-7', outcome: 'delivered' });
      expect(deliveries.map((d) => d.delivery.attempt)).toEqual([1, 2, 3]);
      expect(deliveries.every((d) => d.delivery.messageId === 'msg-7')).toBe(true);
      expect(deliveries.every((d) => d.delivery.headers['bp-sender'] === '0363')).toBe(true);
      const [first, second, third] = deliveries.map((d) => d.at) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual((RETRY.delaysMs[0] ?? 0) - SLACK_MS);
      expect(third - second).toBeGreaterThanOrEqual((RETRY.delaysMs[1] ?? 0) - SLACK_MS);
      // Acknowledged: no fourth delivery, no dead letter.
      await delay(600);
      expect(deliveries).toHaveLength(3);
      expect(dead).toHaveLength(0);
    }, 20_000);

    it('dead-letters after maxAttempts with the reason code, never the error text', async () => {
      const transport = await open(newScope());
      const settled = settledLog(transport);
      const dead: DeadLetter[] = [];
      await transport.consumeDeadLetters(async (letter) => void dead.push(letter));
      const { deliveries } = await record(transport, 'work', async () => {
        // The text quotes what could be a BSN: it must not reach the dead letter.
        throw Object.assign(new Error('no client 999999990'), { code: 'E_NO_CLIENT' });
      });
      await transport.publish(message(1, { headers: HEADERS, contentType: 'application/xml' }));
      await eventually(() => expect(dead).toHaveLength(1));
      expect(deliveries.map((d) => d.delivery.attempt)).toEqual([1, 2, 3]);
      const letter = dead[0] as DeadLetter;
      expect(letter.destination).toBe('work');
      expect(letter.messageId).toBe('msg-1');
      expect(text(letter.body)).toBe('body 1');
      expect(letter.contentType).toBe('application/xml');
      expect(letter.reason).toEqual({ code: 'E_NO_CLIENT', attempts: RETRY.maxAttempts });
      expect({ ...letter.headers }).toEqual(HEADERS);
      expect(JSON.stringify(letter)).not.toContain('999999990');
      await eventually(() =>
        expect(settled).toEqual([{ destination: 'work', messageId: 'msg-1', outcome: 'dead-lettered' }]),
      );
      await delay(500);
      expect(deliveries).toHaveLength(RETRY.maxAttempts);
    }, 20_000);

    it('dead-letters a non-retryable error at once; an error without a code reads HANDLER_FAILED', async () => {
      const transport = await open(newScope());
      const dead: DeadLetter[] = [];
      await transport.consumeDeadLetters(async (letter) => void dead.push(letter));
      const { deliveries } = await record(transport, 'work', async (delivery) => {
        if (delivery.messageId === 'msg-1') {
          throw Object.assign(new Error('schema'), { code: 'XSD_INVALID', retryable: false });
        }
        throw new Error('plain failure');
      });
      await transport.publish(message(1));
      await eventually(() => expect(dead).toHaveLength(1));
      expect(dead[0]?.reason).toEqual({ code: 'XSD_INVALID', attempts: 1 });
      expect(deliveries).toHaveLength(1);
      await transport.publish(message(2));
      await eventually(() => expect(dead).toHaveLength(2));
      expect(dead[1]?.reason).toEqual({ code: 'HANDLER_FAILED', attempts: RETRY.maxAttempts });
    }, 20_000);

    it('offers a dead letter again when the dead-letter handler fails', async () => {
      const transport = await open(newScope(), { retry: { maxAttempts: 1, delaysMs: [100] } });
      const settled = settledLog(transport);
      let tries = 0;
      await transport.consumeDeadLetters(async () => {
        tries += 1;
        if (tries === 1) throw new Error('ledger busy');
      });
      await record(transport, 'work', async () => {
        throw new Error('fails');
      });
      await transport.publish(message(1));
      await eventually(() => expect(settled).toHaveLength(1));
      expect(tries).toBe(2);
      expect(settled[0]?.outcome).toBe('dead-lettered');
    }, 20_000);

    it('rejects a publish nobody can route with UNROUTABLE, and keeps working', async () => {
      const transport = await open(newScope());
      const { deliveries } = await record(transport);
      await rejection(transport.publish(message(1, { destination: 'nowhere' })), 'UNROUTABLE');
      await transport.publish(message(2));
      await eventually(() => expect(deliveries).toHaveLength(1));
      expect(transport.health().healthy).toBe(true);
    }, 15_000);

    it('accepts only whitelisted header names, with id and code values: never free text or a BSN', async () => {
      const transport = await open(newScope());
      const refused: Record<string, string>[] = [
        { 'x-custom': 'abc' },
        { 'bp-client-name': 'Jansen' },
        { 'bp-sender': 'Jan de Vries' },
        { 'bp-sender': '999999990' }, // nine digits: a BSN, never a party code
        { 'bp-correlation-id': 'Dorpsstraat 1' },
        { 'bp-archive-ref': 'not-a-hash' },
        { 'bp-message-type': '1990-01-01' },
      ];
      for (const headers of refused) {
        await rejection(
          transport.publish(message(1, { headers: headers as TransportHeaders })),
          'INVALID_MESSAGE',
        );
      }
      await rejection(transport.publish(message(1, { destination: 'Work Queue' })), 'INVALID_MESSAGE');
      await rejection(transport.publish(message(1, { messageId: 'has spaces' })), 'INVALID_MESSAGE');
      await rejection(
        transport.publish(message(1, { contentType: 'text/plain; name=x' })),
        'INVALID_MESSAGE',
      );
      const { deliveries } = await record(transport);
      await transport.publish(message(2, { headers: HEADERS }));
      await eventually(() => expect(deliveries).toHaveLength(1));
      expect(deliveries[0]?.delivery.messageId).toBe('msg-2');
    }, 15_000);

    it('rejects with NACKED once a destination is at its length limit', async () => {
      const limit = 3;
      const transport = await open(newScope(), { maxQueueLength: limit });
      const outcomes: string[] = [];
      for (let i = 1; i <= limit + 2; i += 1) {
        outcomes.push(
          await transport.publish(message(i)).then(
            () => 'accepted',
            (error: unknown) => (isTransportError(error) ? error.code : String(error)),
          ),
        );
      }
      // A quorum queue sees it is full only after the message that crossed the limit: one may slip in.
      const accepted = outcomes.filter((o) => o === 'accepted').length;
      expect(accepted).toBeGreaterThanOrEqual(limit);
      expect(accepted).toBeLessThanOrEqual(limit + 1);
      expect(outcomes.slice(accepted)).toEqual(Array(outcomes.length - accepted).fill('NACKED'));
      const { deliveries } = await record(transport);
      await eventually(() => expect(deliveries).toHaveLength(accepted));
      // Room again once consumed.
      await transport.publish(message(99));
      await eventually(() => expect(deliveries).toHaveLength(accepted + 1));
    }, 15_000);

    it(`confirms a burst of ${BURST} within the window and delivers each once`, async () => {
      const transport = await open(newScope());
      const seen = new Set<string>();
      let duplicates = 0;
      await transport.consume(
        'work',
        async (d) => {
          if (seen.has(d.messageId)) duplicates += 1;
          seen.add(d.messageId);
        },
        { prefetch: 200 },
      );
      let maxInFlight = 0;
      const sample = () => (maxInFlight = Math.max(maxInFlight, transport.health().inFlightPublishes));
      const publishes = Array.from({ length: BURST }, (_, i) => transport.publish(message(i)).then(sample));
      sample();
      await Promise.all(publishes);
      expect(maxInFlight).toBeLessThanOrEqual(WINDOW);
      await eventually(() => expect(seen.size).toBe(BURST), 30_000);
      expect(duplicates).toBe(0);
      expect(transport.health()).toMatchObject({ inFlightPublishes: 0, queuedPublishes: 0 });
    }, 60_000);

    it('runs up to `concurrency` handlers at once', async () => {
      const transport = await open(newScope());
      let running = 0;
      let most = 0;
      const { deliveries } = await record(
        transport,
        'work',
        async () => {
          running += 1;
          most = Math.max(most, running);
          await delay(50);
          running -= 1;
        },
        { concurrency: 4, prefetch: 8 },
      );
      await Promise.all(Array.from({ length: 12 }, (_, i) => transport.publish(message(i))));
      await eventually(() => expect(deliveries).toHaveLength(12));
      expect(most).toBe(4);
    }, 15_000);

    it('cancel stops deliveries; what arrives later waits for the next consumer', async () => {
      const transport = await open(newScope());
      const first = await record(transport);
      await transport.publish(message(1));
      await eventually(() => expect(first.deliveries).toHaveLength(1));
      await first.subscription.cancel();
      await transport.publish(message(2));
      await delay(300);
      expect(first.deliveries).toHaveLength(1);
      const second = await record(transport);
      await eventually(() => expect(second.deliveries.map((d) => d.delivery.messageId)).toEqual(['msg-2']));
    }, 15_000);

    it('close waits for a running handler and acknowledges it; afterwards everything is CLOSED', async () => {
      const scope = newScope();
      const transport = await open(scope);
      const settled = settledLog(transport);
      let finished = false;
      let started = false;
      await transport.consume('work', async () => {
        started = true;
        await delay(300);
        finished = true;
      });
      await transport.publish(message(1));
      await eventually(() => expect(started).toBe(true));
      await transport.close();
      expect(finished).toBe(true);
      expect(settled).toEqual([{ destination: 'work', messageId: 'msg-1', outcome: 'delivered' }]);
      expect(transport.health()).toMatchObject({ state: 'closed', healthy: false });
      await rejection(transport.publish(message(2)), 'CLOSED');
      await rejection(
        transport.consume('work', async () => undefined),
        'CLOSED',
      );
      await rejection(
        transport.consumeDeadLetters(async () => undefined),
        'CLOSED',
      );
      await transport.close();
      if (transport.durability === 'broker') {
        // Acknowledged before the connection closed: a restarted consumer does not see it again.
        const restarted = await open(scope);
        const again = await record(restarted);
        await delay(500);
        expect(again.deliveries).toHaveLength(0);
      }
    }, 20_000);

    it('close gives up on a stuck handler after closeTimeoutMs; the message is not lost', async () => {
      const scope = newScope();
      const transport = await open(scope, { closeTimeoutMs: 300 });
      const settled = settledLog(transport);
      let started = false;
      await transport.consume('work', async () => {
        started = true;
        await new Promise<void>((resolve) => releases.push(resolve));
      });
      await transport.publish(message(1));
      await eventually(() => expect(started).toBe(true));
      const before = Date.now();
      await transport.close();
      expect(Date.now() - before).toBeLessThan(3_000);
      expect(settled).toHaveLength(0);
      for (const release of releases.splice(0)) release();
      await delay(50);
      // Finishing after close acknowledges nothing: the message is still unsettled.
      expect(settled).toHaveLength(0);
      if (transport.durability === 'broker') {
        // The "crash" between handler and ack: the broker hands the message to the next process.
        const restarted = await open(scope);
        const again = await record(restarted);
        await eventually(() => expect(again.deliveries).toHaveLength(1));
        expect(again.deliveries[0]?.delivery).toMatchObject({
          messageId: 'msg-1',
          redelivered: true,
          attempt: 1,
        });
      }
      // For durability 'process' the outbox re-publishes it: it was never reported settled.
    }, 20_000);

    it('keeps accepted messages across a restart when its durability is "broker"', async () => {
      const scope = newScope();
      const transport = await open(scope);
      await transport.publish(message(1));
      await transport.close();
      const restarted = await open(scope);
      const { deliveries } = await record(restarted);
      if (transport.durability === 'broker') {
        await eventually(() => expect(deliveries.map((d) => d.delivery.messageId)).toEqual(['msg-1']));
      } else {
        // 'process': gone with the process, by contract; the outbox holds the durable copy.
        await delay(200);
        expect(deliveries).toHaveLength(0);
      }
    }, 15_000);
  });
}
